package org.myoline.observation;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ObservationRepository implements PanacheRepositoryBase<Observation, UUID> {

    public List<Observation> forPatient(UUID patientId) {
        return list("patientId", Sort.by("date").and("createdAt"), patientId);
    }

    public Optional<Observation> findForPatient(UUID patientId, UUID id) {
        return find("patientId = ?1 and id = ?2", patientId, id).firstResultOptional();
    }

    public long countForPatient(UUID patientId) {
        return count("patientId", patientId);
    }
}
