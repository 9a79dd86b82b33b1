package org.myoline.clinical;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Supplier;
import org.myoline.api.ApiException;
import org.myoline.engine.ClinicalEngine;
import org.myoline.engine.model.Timeline;
import org.myoline.engine.model.History;

/**
 * Reads one patient's stored history in a constant number of statements ({@link HistoryReader}), hands it
 * to the engine, and returns the engine's answer for the requested date.
 */
@ApplicationScoped
public class ClinicalService {

    @Inject
    HistoryReader reader;

    @Inject
    ClinicalEngine engine;

    @Inject
    MeterRegistry metrics;

    Clock clock = Clock.systemUTC();

    public TimelineResponse timeline(UUID patientId, LocalDate asOf) {
        LocalDate today = LocalDate.now(clock);
        History history = history(patientId);
        Timeline timeline = timed("timeline", () -> engine.timeline(history, asOf == null ? today : asOf, today));
        return TimelineResponse.of(timeline, engine.rules().version());
    }

    public AssessmentResponse assessment(UUID patientId, LocalDate asOf) {
        LocalDate today = LocalDate.now(clock);
        History history = history(patientId);
        return AssessmentResponse.of(timed("assessment", () -> engine.assess(history, asOf == null ? today : asOf, today)));
    }

    /** The stored history and the engine's full answer for today, for the FHIR export. */
    public record Snapshot(History history, ClinicalEngine.Evaluation evaluation, String rulesVersion) {
    }

    public Snapshot snapshot(UUID patientId) {
        LocalDate today = LocalDate.now(clock);
        History history = history(patientId);
        return new Snapshot(history, timed("evaluation", () -> engine.evaluate(history, today, today)),
                engine.rules().version());
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

    /** The stored history as engine input, or 404. */
    History history(UUID patientId) {
        return reader.read(patientId).orElseThrow(() -> ApiException.notFound("Patient", patientId));
    }

}
