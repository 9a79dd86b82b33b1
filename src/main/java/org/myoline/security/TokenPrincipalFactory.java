package org.myoline.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import org.myoline.config.MyolineConfig;

/**
 * Reads a verified bearer token into its principal, treating a claim of the wrong shape (a {@code groups} object
 * instead of an array, say) as an invalid token: 401, never a failed cast answered as 500.
 *
 * <p>Verified tokens are remembered, so a caller sending the same token again is not verified again (an RSA
 * signature check and a JSON parse per request). The cache is keyed by the SHA-256 of the token, so only exactly
 * the bytes that were verified hit; bounded by {@code myoline.security.token-cache.size}; and an entry is used only
 * before the token's {@code exp} and for at most {@code token-cache.ttl} after its verification, after which the
 * token is verified again in full (key, issuer, expiry). Size 0 turns it off.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class TokenPrincipalFactory extends JWTCallerPrincipalFactory {

    private final DefaultJWTCallerPrincipalFactory standard = new DefaultJWTCallerPrincipalFactory();

    private record Verified(JWTCallerPrincipal principal, long usableUntilMillis) {
    }

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private int maxSize;
    private Duration ttl;
    Clock clock = Clock.systemUTC();

    @Inject
    void configure(MyolineConfig config) {
        configure(config.security().tokenCache().size(), config.security().tokenCache().ttl());
    }

    void configure(int maxSize, Duration ttl) {
        this.maxSize = maxSize;
        this.ttl = ttl;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        if (maxSize <= 0) {
            return verify(token, authContextInfo);
        }
        String key = sha256(token);
        long now = clock.millis();
        Verified hit = verified.get(key);
        if (hit != null && now < hit.usableUntilMillis()) {
            return hit.principal();
        }
        JWTCallerPrincipal principal = verify(token, authContextInfo);
        long expiresAt = principal.getExpirationTime() * 1000L;
        long until = Math.min(expiresAt, now + ttl.toMillis());
        if (until > now) {
            if (verified.size() >= maxSize) {
                evict(now);
            }
            verified.put(key, new Verified(principal, until));
        }
        return principal;
    }

    /** Drops what is no longer usable; if that frees nothing, everything (the cache only saves work). */
    private void evict(long now) {
        verified.values().removeIf(v -> v.usableUntilMillis() <= now);
        if (verified.size() >= maxSize) {
            verified.clear();
        }
    }

    int size() {
        return verified.size();
    }

    private JWTCallerPrincipal verify(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        try {
            return standard.parse(token, authContextInfo);
        } catch (RuntimeException e) {
            throw new ParseException("the token's claims do not have the expected types", e);
        }
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
