package org.myoline.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.myoline.api.ApiException;
import org.myoline.api.ProblemType;

/**
 * The patient a launch-context token is limited to, if any. Every path that reaches a patient's data asks
 * {@link #require(UUID)}: path parameters through PatientScopeFilter, the FHIR import when it resolves a patient,
 * the CDS Hooks service, the bulk export; listings ask {@link #patient()} and return only that patient.
 */
@RequestScoped
public class PatientScope {

    @Inject
    SecurityIdentity identity;

    public Optional<UUID> patient() {
        return Optional.ofNullable(identity.getAttribute(ScopeAugmentor.PATIENT));
    }

    public boolean scoped() {
        return patient().isPresent();
    }

    /** A 403 unless the token may reach this patient. */
    public void require(UUID patientId) {
        Optional<UUID> only = patient();
        if (only.isPresent() && !only.get().equals(patientId)) {
            throw denied();
        }
    }

    /** A 403 for patient-scoped tokens: the operation spans patients (a cohort, a new patient). */
    public void requireUnscoped(String what) {
        if (scoped()) {
            throw new ApiException(ProblemType.FORBIDDEN, "A token limited to one patient cannot " + what);
        }
    }

    public static ApiException denied() {
        return new ApiException(ProblemType.FORBIDDEN, "This token is limited to another patient");
    }
}
