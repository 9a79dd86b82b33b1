package org.myoline.episode;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.myoline.patient.PatientRecordRepository;

@ApplicationScoped
public class EpisodeRepository implements PatientRecordRepository<TreatmentEpisode> {

    @Override
    public Class<TreatmentEpisode> type() {
        return TreatmentEpisode.class;
    }

    /** A patient's episodes with their dose changes, in one statement, ordered by start date then creation. */
    @Override
    public List<TreatmentEpisode> forPatient(UUID patientId) {
        return find("select distinct e from TreatmentEpisode e left join fetch e.doseChanges "
                + "where e.patientId = ?1 order by e.startDate, e.createdAt, e.id", patientId).list();
    }
}
