package org.myoline.contraindication;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.myoline.patient.PatientRecordRepository;

@ApplicationScoped
public class ContraindicationRepository implements PatientRecordRepository<Contraindication> {

    @Override
    public Class<Contraindication> type() {
        return Contraindication.class;
    }

    @Override
    public List<Contraindication> forPatient(UUID patientId) {
        return list("patientId", Sort.by("since").and("createdAt"), patientId);
    }
}
