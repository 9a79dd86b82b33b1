package org.myoline.patient;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class FeatureSpanRepository implements PatientRecordRepository<FeatureSpan> {

    @Override
    public Class<FeatureSpan> type() {
        return FeatureSpan.class;
    }

    @Override
    public List<FeatureSpan> forPatient(UUID patientId) {
        return list("patientId", Sort.by("onset").and("createdAt"), patientId);
    }

    /** The dated features of a page of patients, in one statement. */
    public List<FeatureSpan> forPatients(Collection<UUID> patientIds) {
        return patientIds.isEmpty() ? List.of() : list("patientId in ?1", patientIds);
    }
}
