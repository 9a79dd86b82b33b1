package org.myoline.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Gives a verified token the roles {@link SmartScopes} allows and records its launch-context patient (the
 * {@code patient} claim) as the identity attribute {@link #PATIENT}. A {@code patient} claim that is not a Myoline
 * patient id, or a {@code scope} claim that is not a string, leaves the token with no role at all.
 */
@ApplicationScoped
public class ScopeAugmentor implements SecurityIdentityAugmentor {

    /** The launch-context patient (a UUID) of a patient-scoped token. */
    public static final String PATIENT = "myoline.patient";
    /** The OAuth client the token was issued to ({@code azp}, else {@code client_id}), when it says. */
    public static final String CLIENT = "myoline.client";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Object scope = token.getClaim("scope");
        Object patient = token.getClaim("patient");
        UUID patientId = null;
        boolean malformed = scope != null && !(scope instanceof String) && !(scope instanceof jakarta.json.JsonString);
        if (patient != null) {
            try {
                patientId = UUID.fromString(text(patient));
            } catch (IllegalArgumentException e) {
                malformed = true;
            }
        }
        Set<String> roles = malformed ? Set.of() : SmartScopes.effectiveRoles(identity.getRoles(), scope == null ? null : text(scope));
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(roles)
                .setAnonymous(false);
        if (patientId != null) {
            builder.addAttribute(PATIENT, patientId);
        }
        Object client = token.getClaim("azp") != null ? token.getClaim("azp") : token.getClaim("client_id");
        if (client != null) {
            String name = text(client);
            builder.addAttribute(CLIENT, name.length() > 200 ? name.substring(0, 200) : name);
        }
        return Uni.createFrom().item(builder.build());
    }

    private static String text(Object claim) {
        return claim instanceof jakarta.json.JsonString s ? s.getString() : String.valueOf(claim);
    }
}
