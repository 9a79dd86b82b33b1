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

    @Inject
    ViewStore store;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

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

    /** A chart of the history with the record's free text beside it. */
    public record Charted(ClinicalEngine.Chart chart, String mrn, java.util.Map<String, String> notes) {
    }

    /** The as-of view, timeline, assessment and thresholds a picture needs, and the MRN and notes, in one read. */
    public Charted chart(UUID patientId, LocalDate asOf) {
        LocalDate today = LocalDate.now(clock);
        HistoryReader.WithText read = reader.readWithText(patientId)
                .orElseThrow(() -> ApiException.notFound("Patient", patientId));
        ClinicalEngine.Chart chart = timed("chart", () -> engine.chart(read.history(), asOf == null ? today : asOf, today));
        return new Charted(chart, read.mrn(), read.notes());
    }

    /** The stored history and the engine's full answer for today (with what a picture needs), for the FHIR export. */
    public record Snapshot(History history, String rulesVersion, ClinicalEngine.Chart chart) {
        public ClinicalEngine.Evaluation evaluation() {
            return new ClinicalEngine.Evaluation(chart.timeline(), chart.assessment());
        }
    }

    public Snapshot snapshot(UUID patientId) {
        LocalDate today = LocalDate.now(clock);
        History history = history(patientId);
        return new Snapshot(history, engine.rules().version(),
                timed("evaluation", () -> engine.chart(history, today, today)));
    }

    /** Engine time alone (no database), as myoline_engine_evaluation_seconds{view=...}. */
    private <T> T timed(String view, Supplier<T> evaluation) {
        return Timer.builder("myoline.engine.evaluation").tag("view", view)
                .description("Time the clinical engine takes to evaluate one history").register(metrics)
                .record(evaluation);
    }

    /** A derived view's tag and body; no body when the client's copy (If-None-Match) is current. */
    public record Derived(jakarta.ws.rs.core.EntityTag tag, byte[] body) {
        public boolean notModified() {
            return body == null;
        }
    }

    /**
     * A derived view at its current tag: the patient's history version, the view, the as-of date (today when none is
     * given, so a default-date view changes at midnight) and the effective rules. With If-None-Match naming that tag
     * it is 304 from one indexed read. Otherwise the shared result store is read in the same statement as the
     * version: a body stored for this version and these rules is served as it is (a hit); else {@code derive} makes it
     * for the resolved date and it is stored for the next read (a miss). 404 when there is no such patient.
     *
     * <p>The version is read before the history: a change committed in between gives an older tag (and store key)
     * with a newer body, which can never produce a stale 304 or serve an outdated body for a newer version.
     */
    public Derived derived(UUID patientId, String view, LocalDate asOf, String ifNoneMatch,
            java.util.function.Function<LocalDate, byte[]> derive) {
        LocalDate date = asOf == null ? today() : asOf;
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            jakarta.ws.rs.core.EntityTag tag = tag(version(patientId), view, date);
            if (org.myoline.api.ETags.notModified(ifNoneMatch, tag)) {
                return new Derived(tag, null);
            }
        }
        if (!store.enabled()) {
            return new Derived(tag(version(patientId), view, date), derive.apply(date));
        }
        ViewStore.Lookup found = store.lookup(patientId, view, date, rulesTag())
                .orElseThrow(() -> ApiException.notFound("Patient", patientId));
        jakarta.ws.rs.core.EntityTag tag = tag(found.version(), view, date);
        if (found.hit()) {
            return new Derived(tag, found.body());
        }
        byte[] body = derive.apply(date);
        store.offer(patientId, view, date, found.version(), rulesTag(), body);
        return new Derived(tag, body);
    }

    /** A view's body as the JSON the API answers with (the application's configured mapper). */
    public byte[] json(Object view) {
        try {
            return json.writeValueAsBytes(view);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("serialising a derived view failed", e);
        }
    }

    private long version(UUID patientId) {
        return reader.version(patientId).orElseThrow(() -> ApiException.notFound("Patient", patientId));
    }

    private jakarta.ws.rs.core.EntityTag tag(long version, String view, LocalDate date) {
        return new jakarta.ws.rs.core.EntityTag(version + "-" + view + "-" + date + "-" + rulesTag(), true);
    }

    private volatile String rulesTag;

    /** The effective rules version in ETag-safe characters (it names overlays, which a deployment chooses). */
    private String rulesTag() {
        String tag = rulesTag;
        if (tag == null) {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(engine.rules().version().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                tag = java.util.HexFormat.of().formatHex(digest, 0, 6);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            rulesTag = tag;
        }
        return tag;
    }

    /** The name of the refractoriness definition the verdict uses. */
    public String defaultDefinition() {
        return engine.rules().defaultDefinition();
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The stored history as engine input, or 404. */
    History history(UUID patientId) {
        return reader.read(patientId).orElseThrow(() -> ApiException.notFound("Patient", patientId));
    }

}
