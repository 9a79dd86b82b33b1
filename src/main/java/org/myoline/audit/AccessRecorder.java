package org.myoline.audit;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.myoline.api.RequestContext;
import org.myoline.security.ScopeAugmentor;

/**
 * The patients one request returns data of, beyond the one its path names: a listing's page, a cohort's
 * patients, the patient a CDS Hooks request resolves to. AccessAuditFilter turns them into one access record each.
 */
@RequestScoped
public class AccessRecorder {

    @Inject
    SecurityIdentity identity;

    @Inject
    RequestContext request;

    private final Set<UUID> seen = new LinkedHashSet<>();

    /** Who is reading, captured while the request is current, for records made later (a streamed export). */
    public record Stamp(String actor, String client, String operation, String requestId) {
        public AccessLog.Entry entry(UUID patient, int outcome) {
            return new AccessLog.Entry(Instant.now(), actor, client, patient, operation, requestId, outcome);
        }
    }

    public Stamp stamp(String operation) {
        return new Stamp(identity.getPrincipal().getName(), identity.getAttribute(ScopeAugmentor.CLIENT), operation,
                request.requestId());
    }

    public void saw(UUID patient) {
        seen.add(patient);
    }

    public void saw(Collection<UUID> patients) {
        seen.addAll(patients);
    }

    Set<UUID> seen() {
        return seen;
    }
}
