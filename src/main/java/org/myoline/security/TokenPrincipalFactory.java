package org.myoline.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * Reads a verified bearer token into its principal, treating a claim of the wrong shape (a {@code groups} object
 * instead of an array, say) as an invalid token: 401, never a failed cast answered as 500.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class TokenPrincipalFactory extends JWTCallerPrincipalFactory {

    private final DefaultJWTCallerPrincipalFactory standard = new DefaultJWTCallerPrincipalFactory();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        try {
            return standard.parse(token, authContextInfo);
        } catch (RuntimeException e) {
            throw new ParseException("the token's claims do not have the expected types", e);
        }
    }
}
