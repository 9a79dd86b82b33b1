package org.myoline.security;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verified-token cache: hits only the exact token, never past its expiry or the TTL, and stays bounded. */
class TokenCacheTest {

    private JWTAuthContextInfo context;
    private TokenPrincipalFactory factory;

    @BeforeEach
    void setUp() throws Exception {
        context = new JWTAuthContextInfo(KeyUtils.readPublicKey("/dev-keys/publicKey.pem"), TestTokens.ISSUER);
        context.setClockSkew(0);
        factory = new TokenPrincipalFactory();
        factory.configure(3, Duration.ofSeconds(60));
    }

    private static String token(String subject, long expiresInSeconds) throws Exception {
        return Jwt.issuer(TestTokens.ISSUER).subject(subject).groups(Set.of("viewer")).expiresIn(expiresInSeconds)
                .sign(KeyUtils.readPrivateKey("/dev-keys/privateKey.pem"));
    }

    @Test
    void theSameTokenIsVerifiedOnce() throws Exception {
        String t = token("a", 3600);
        assertSame(factory.parse(t, context), factory.parse(t, context));
        assertEquals(1, factory.size());
    }

    @Test
    void aTamperedCopyOfACachedTokenIsStillRefused() throws Exception {
        String t = token("a", 3600);
        factory.parse(t, context);
        String tampered = t.substring(0, t.length() - 4) + (t.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThrows(ParseException.class, () -> factory.parse(tampered, context));
        String[] parts = t.split("\\.");
        String otherClaims = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"myoline-dev\",\"sub\":\"a\",\"groups\":[\"clinician\"],\"exp\":9999999999}".getBytes()) + "." + parts[2];
        assertThrows(ParseException.class, () -> factory.parse(otherClaims, context), "claims swapped under a good signature");
    }

    @Test
    void anExpiredTokenIsRefusedEvenAfterItWasCached() throws Exception {
        String t = token("short", 2);
        factory.parse(t, context);
        Thread.sleep(3100);
        assertThrows(ParseException.class, () -> factory.parse(t, context));
    }

    @Test
    void aVerificationIsReusedForTheTtlOnly() throws Exception {
        String t = token("a", 3600);
        var first = factory.parse(t, context);
        factory.clock = Clock.fixed(Instant.now().plusSeconds(61), ZoneOffset.UTC);
        assertNotSame(first, factory.parse(t, context), "verified again after the TTL");
    }

    @Test
    void theCacheIsBoundedAndCanBeTurnedOff() throws Exception {
        for (int i = 0; i < 10; i++) {
            factory.parse(token("s" + i, 3600), context);
            assertTrue(factory.size() <= 3, "at most 3 remembered, was " + factory.size());
        }
        factory.configure(0, Duration.ofSeconds(60));
        String t = token("off", 3600);
        assertNotSame(factory.parse(t, context), factory.parse(t, context));
    }
}
