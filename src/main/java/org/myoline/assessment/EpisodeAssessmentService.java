package org.myoline.assessment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.myoline.api.ApiException;
import org.myoline.api.Violations;
import org.myoline.episode.EpisodeRepository;
import org.myoline.episode.TreatmentEpisode;
import org.myoline.patient.Patient;
import org.myoline.patient.PatientRecordRepository;
import org.myoline.patient.PatientRecordService;

/**
 * Dated response assessments of one episode. The engine judges a trial at each: an adequately dosed and long
 * trial assessed NONE counts as failed from that date, even while it continues.
 */
@ApplicationScoped
public class EpisodeAssessmentService extends PatientRecordService<EpisodeAssessment, EpisodeAssessmentService.Input,
        EpisodeAssessmentResponse> {

    public static final int MAX_PER_PATIENT = 5000;

    /** A request for one episode: the path's episode and the body. */
    public record Input(UUID episodeId, EpisodeAssessmentRequest body) {
    }

    @Inject
    EpisodeAssessmentRepository assessments;

    @Inject
    EpisodeRepository episodes;

    Clock clock = Clock.systemUTC();

    EpisodeAssessmentService() {
        super("Assessment", MAX_PER_PATIENT, EpisodeAssessment::new, EpisodeAssessmentResponse::of);
    }

    @Override
    protected PatientRecordRepository<EpisodeAssessment> records() {
        return assessments;
    }

    @Transactional
    public List<EpisodeAssessmentResponse> list(UUID patientId, UUID episodeId) {
        requirePatient(patientId);
        requireEpisode(patientId, episodeId);
        return assessments.forEpisode(patientId, episodeId).stream().map(this::response).toList();
    }

    @Transactional
    public EpisodeAssessmentResponse get(UUID patientId, UUID episodeId, UUID id) {
        return response(inEpisode(patientId, episodeId, id));
    }

    @Transactional
    public void delete(UUID patientId, UUID episodeId, UUID id, String ifMatch) {
        inEpisode(patientId, episodeId, id);
        delete(patientId, id, ifMatch);
    }

    private EpisodeAssessment inEpisode(UUID patientId, UUID episodeId, UUID id) {
        requirePatient(patientId);
        requireEpisode(patientId, episodeId);
        EpisodeAssessment a = require(patientId, id);
        if (!a.episodeId.equals(episodeId)) {
            throw ApiException.notFound("Assessment", id);
        }
        return a;
    }

    private TreatmentEpisode requireEpisode(UUID patientId, UUID episodeId) {
        return episodes.findForPatient(patientId, episodeId).orElseThrow(() -> ApiException.notFound("Episode", episodeId));
    }

    @Override
    protected void validate(Patient patient, Input in) {
        TreatmentEpisode episode = requireEpisode(patient.id, in.episodeId());
        EpisodeAssessmentRequest r = in.body();
        boolean scored = r.instrument() == EpisodeAssessment.Instrument.TIS
                || r.instrument() == EpisodeAssessment.Instrument.CDASI;
        new Violations()
                .check(!r.date().isAfter(LocalDate.now(clock)), "date", "must not be in the future")
                .check(!r.date().isBefore(episode.startDate), "date",
                        "must not be before the episode's startDate (" + episode.startDate + ")")
                .check(!scored || r.score() == null || r.score().doubleValue() <= 100, "score",
                        "must be between 0 and 100 for " + r.instrument())
                .throwIfAny();
    }

    @Override
    protected void apply(EpisodeAssessment a, Input in) {
        a.episodeId = in.episodeId();
        a.date = in.body().date();
        a.category = in.body().category();
        a.instrument = in.body().instrument();
        a.score = in.body().score();
        a.note = in.body().note();
    }
}
