package org.myoline.security;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.security.PrivateKey;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real bearer tokens for tests, signed with the development private key (src/test/resources/dev-keys),
 * exactly as scripts/mint-token.sh signs them for local use.
 */
public final class TestTokens {
    public static final String ISSUER = "myoline-dev";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    private static PrivateKey key;

    private TestTokens() {
    }

    /** A token for {@code subject} with {@code roles} (none = a valid token without any role). */
    public static String mint(String subject, String... roles) {
        return CACHE.computeIfAbsent(subject + "|" + String.join(",", roles), k -> Jwt.issuer(ISSUER)
                .subject(subject).upn(subject).groups(Set.of(roles)).expiresIn(3600).sign(privateKey()));
    }

    /** A signed token with exactly these claims besides issuer and expiry (claims of odd shapes, say). */
    public static String withClaims(Map<String, Object> claims) {
        return Jwt.claims(claims).issuer(ISSUER).expiresIn(3600).sign(privateKey());
    }

    public static String clinician() {
        return mint("test-clinician", "clinician");
    }

    private static synchronized PrivateKey privateKey() {
        if (key == null) {
            try {
                key = KeyUtils.readPrivateKey("/dev-keys/privateKey.pem");
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the development private key", e);
            }
        }
        return key;
    }
}
