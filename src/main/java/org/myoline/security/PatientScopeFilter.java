package org.myoline.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, before any work, a patient-scoped token naming another patient in the path (403 problem+json), on
 * every method. The patient in a path is {@link #patientIn(UriInfo)}.
 */
public class PatientScopeFilter {

    @Inject
    CurrentIdentityAssociation identities;

    @ServerRequestFilter
    public Uni<Response> limitToThePatient(UriInfo uri) {
        UUID inPath = patientIn(uri);
        if (inPath == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().map(identity -> {
            UUID only = identity.getAttribute(ScopeAugmentor.PATIENT);
            if (only != null && !only.equals(inPath)) {
                throw PatientScope.denied(); // mapped to 403 problem+json like any ApiException
            }
            return null;
        });
    }

    /** The patient a path names: {patientId}, or {id} under /api/v1/patients; null if none or not a UUID. */
    public static UUID patientIn(UriInfo uri) {
        var params = uri.getPathParameters();
        String value = params.getFirst("patientId");
        if (value == null && uri.getPath().startsWith("/api/v1/patients/")) {
            value = params.getFirst("id");
        }
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
