package org.myoline.clinical;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Supplier;
import org.myoline.api.ApiException;
import org.myoline.engine.ClinicalEngine;
import org.myoline.engine.Timeline;
import org.myoline.engine.model.History;
import org.myoline.episode.DoseChange;
import org.myoline.episode.EpisodeRepository;
import org.myoline.episode.TreatmentEpisode;
import org.myoline.event.DiseaseEventRepository;
import org.myoline.observation.ObservationRepository;
import org.myoline.patient.Patient;
import org.myoline.patient.PatientRepository;

/**
 * Reads one patient's stored history in a constant number of statements, maps it to the engine's
 * plain input, and returns the engine's answer for the requested date.
 */
@ApplicationScoped
public class ClinicalService {

    @Inject
    PatientRepository patients;

    @Inject
    EpisodeRepository episodes;

    @Inject
    ObservationRepository observations;

    @Inject
    DiseaseEventRepository events;

    @Inject
    ClinicalEngine engine;

    @Inject
    MeterRegistry metrics;

    Clock clock = Clock.systemUTC();

    @Transactional
    public TimelineResponse timeline(UUID patientId, LocalDate asOf) {
        LocalDate today = LocalDate.now(clock);
        History history = history(patientId);
        Timeline timeline = timed("timeline", () -> engine.timeline(history, asOf == null ? today : asOf, today));
        return TimelineResponse.of(timeline, engine.rules().version());
    }

    @Transactional
    public AssessmentResponse assessment(UUID patientId, LocalDate asOf) {
        LocalDate today = LocalDate.now(clock);
        History history = history(patientId);
        return AssessmentResponse.of(timed("assessment", () -> engine.assess(history, asOf == null ? today : asOf, today)));
    }

    /** Engine time alone (no database), as myoline_engine_evaluation_seconds{view=...}. */
    private <T> T timed(String view, Supplier<T> evaluation) {
        return Timer.builder("myoline.engine.evaluation").tag("view", view)
                .description("Time the clinical engine takes to evaluate one history").register(metrics)
                .record(evaluation);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The stored history as engine input: patient, episodes with dose changes, observations, events. */
    History history(UUID patientId) {
        Patient p = patients.findByIdOptional(patientId).orElseThrow(() -> ApiException.notFound("Patient", patientId));
        History.Patient patient = new History.Patient(p.birthDate, p.subtype, p.features, p.diagnosisDate,
                number(p.weightKg), number(p.heightCm));
        return new History(patient,
                episodes.forPatient(patientId).stream().map(ClinicalService::episode).toList(),
                observations.forPatient(patientId).stream()
                        .map(o -> new History.Observation(o.date, o.type, o.value.doubleValue())).toList(),
                events.forPatient(patientId).stream()
                        .map(e -> new History.Event(e.date, e.type, e.domain, e.episodeId == null ? null : e.episodeId.toString()))
                        .toList());
    }

    private static History.Episode episode(TreatmentEpisode e) {
        return new History.Episode(e.id.toString(), e.drug, e.route, dose(e.dose), e.startDate, e.endDate,
                e.doseChanges.stream().map(ClinicalService::step).toList(), e.response, e.stopReason, e.courses);
    }

    private static History.DoseStep step(DoseChange c) {
        return new History.DoseStep(c.date, dose(c.dose));
    }

    private static History.Dose dose(org.myoline.episode.Dose d) {
        return new History.Dose(d.value.doubleValue(), d.unit);
    }

    private static Double number(BigDecimal v) {
        return v == null ? null : v.doubleValue();
    }
}
