package org.myoline.assessment;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.myoline.patient.PatientRecordRepository;

@ApplicationScoped
public class EpisodeAssessmentRepository implements PatientRecordRepository<EpisodeAssessment> {

    @Override
    public Class<EpisodeAssessment> type() {
        return EpisodeAssessment.class;
    }

    public List<EpisodeAssessment> forEpisode(UUID patientId, UUID episodeId) {
        return list("patientId = ?1 and episodeId = ?2", Sort.by("date").and("createdAt"), patientId, episodeId);
    }
}
