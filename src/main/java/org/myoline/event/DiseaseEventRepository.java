package org.myoline.event;

import jakarta.enterprise.context.ApplicationScoped;
import org.myoline.patient.PatientRecordRepository;

@ApplicationScoped
public class DiseaseEventRepository implements PatientRecordRepository<DiseaseEvent> {

    @Override
    public Class<DiseaseEvent> type() {
        return DiseaseEvent.class;
    }
}
