package org.myoline.observation;

import jakarta.enterprise.context.ApplicationScoped;
import org.myoline.patient.PatientRecordRepository;

@ApplicationScoped
public class ObservationRepository implements PatientRecordRepository<Observation> {

    @Override
    public Class<Observation> type() {
        return Observation.class;
    }
}
