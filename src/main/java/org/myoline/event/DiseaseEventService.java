package org.myoline.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.myoline.api.Violations;
import org.myoline.engine.model.DiseaseDomain;
import org.myoline.episode.EpisodeRepository;
import org.myoline.patient.Patient;
import org.myoline.patient.PatientRecordRepository;
import org.myoline.patient.PatientRecordService;

/**
 * A patient's dated flares, relapses and remissions, optionally linked to one of its episodes, and cancer-directed
 * treatment as context.
 */
@ApplicationScoped
public class DiseaseEventService extends PatientRecordService<DiseaseEvent, DiseaseEventRequest, DiseaseEventResponse> {

    public static final int MAX_PER_PATIENT = 5000;

    @Inject
    DiseaseEventRepository events;

    @Inject
    EpisodeRepository episodes;

    Clock clock = Clock.systemUTC();

    DiseaseEventService() {
        super("Event", MAX_PER_PATIENT, DiseaseEvent::new, DiseaseEventResponse::of);
    }

    @Override
    protected PatientRecordRepository<DiseaseEvent> records() {
        return events;
    }

    @Override
    protected void apply(DiseaseEvent e, DiseaseEventRequest r) {
        e.date = r.date();
        e.type = r.type();
        e.domain = r.domain() != null ? r.domain() : DiseaseDomain.GLOBAL;
        e.episodeId = r.episodeId();
    }

    @Override
    protected void validate(Patient patient, DiseaseEventRequest r) {
        UUID patientId = patient.id;
        new Violations()
                .check(!r.date().isAfter(LocalDate.now(clock)), "date", "must not be in the future")
                .check(!r.date().isBefore(patient.birthDate), "date", "must not be before the patient's birthDate")
                .check(r.domain() != null || r.type().cancerTreatment(), "domain",
                        "is required for a " + r.type() + ": the organ domain it concerns")
                .check(r.episodeId() == null || episodes.findForPatient(patientId, r.episodeId()).isPresent(), "episodeId",
                        "is not an episode of this patient")
                .throwIfAny();
    }

}
