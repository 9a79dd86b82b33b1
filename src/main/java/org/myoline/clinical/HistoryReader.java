package org.myoline.clinical;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.myoline.engine.model.AssessedResponse;
import org.myoline.engine.model.ContraindicationKind;
import org.myoline.engine.model.DiseaseDomain;
import org.myoline.engine.model.DoseUnit;
import org.myoline.engine.model.EventType;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ObservationType;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.model.Subtype;
import org.myoline.episode.ScheduleDto;

/**
 * Reads one patient's history straight into the engine's records: one statement (a UNION ALL of the patient
 * with its features, the episodes with their dose changes, the observations and the events), so it is one
 * round trip and one snapshot, with no managed entities. The read path of timeline and assessment spends its
 * time here, so it skips what the ORM would add (entity hydration, snapshots, dirty checks) for data it never
 * changes. Measured: four statements in a repeatable-read transaction cost PostgreSQL 548 µs of CPU per
 * timeline, most of it per round trip rather than per row.
 */
@ApplicationScoped
public class HistoryReader {

    /**
     * Every row says what it is in {@code k} (0 patient, 1 episode, 2 observation, 3 event, 4 response assessment,
     * 5 dated feature, 6 subtype conversion, 7 contraindication, 8 dose change) and carries that
     * kind's columns in shared typed slots; rows come grouped by kind, in the order the engine reads them (dose
     * changes by episode and position). Dose changes are read by patient (V13) rather than joined to each episode,
     * which cost an index descent per episode.
     */
    static final String HISTORY = """
            SELECT 0 AS k, CAST(NULL AS UUID) AS ref, p.birth_date AS d1, p.diagnosis_date AS d2, CAST(NULL AS DATE) AS d3,
                   p.subtype AS s1, f.feature AS s2, CAST(NULL AS VARCHAR(32)) AS s3, CAST(NULL AS VARCHAR(32)) AS s4,
                   CAST(NULL AS VARCHAR(32)) AS s5, CAST(NULL AS VARCHAR(32)) AS s6, p.weight_kg AS n1, p.height_cm AS n2,
                   CAST(NULL AS INTEGER) AS i1, CAST(NULL AS TIMESTAMP(6) WITH TIME ZONE) AS ts, CAST(NULL AS INTEGER) AS pos,
                   CAST(NULL AS INTEGER) AS i2, CAST(NULL AS INTEGER) AS i3, CAST(NULL AS INTEGER) AS i4,
                   CAST(NULL AS INTEGER) AS i5, CAST(NULL AS VARCHAR(4)) AS s7
              FROM patient p LEFT JOIN patient_feature f ON f.patient_id = p.id WHERE p.id = ?
            UNION ALL
            SELECT 1, e.id, e.start_date, e.end_date, NULL, e.drug, e.route, e.dose_unit, e.response,
                   e.stop_reason, NULL, e.dose_value, NULL, e.courses, e.created_at, NULL,
                   e.schedule_interval_value, e.schedule_count, e.schedule_days_per_course, e.schedule_times_per_week,
                   e.schedule_interval_unit
              FROM treatment_episode e WHERE e.patient_id = ?
            UNION ALL
            SELECT 8, d.episode_id, NULL, NULL, d.change_date, NULL, NULL, NULL, NULL, NULL, d.dose_unit, NULL,
                   d.dose_value, NULL, NULL, d.position, NULL, NULL, NULL, NULL, NULL
              FROM dose_change d WHERE d.patient_id = ?
            UNION ALL
            SELECT 2, NULL, o.obs_date, NULL, NULL, o.type, NULL, NULL, NULL, NULL, NULL, o.obs_value, o.upper_limit, NULL,
                   o.created_at, NULL, NULL, NULL, NULL, NULL, NULL
              FROM observation o WHERE o.patient_id = ?
            UNION ALL
            SELECT 3, v.episode_id, v.event_date, NULL, NULL, v.type, v.domain, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                   v.created_at, NULL, NULL, NULL, NULL, NULL, NULL
              FROM disease_event v WHERE v.patient_id = ?
            UNION ALL
            SELECT 4, a.episode_id, a.assessed_on, NULL, NULL, a.category, a.instrument, NULL, NULL, NULL, NULL, a.score, NULL,
                   NULL, a.created_at, NULL, NULL, NULL, NULL, NULL, NULL
              FROM episode_assessment a WHERE a.patient_id = ?
            UNION ALL
            SELECT 5, NULL, s.onset, s.resolved, NULL, s.feature, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                   s.created_at, NULL, NULL, NULL, NULL, NULL, NULL
              FROM feature_span s WHERE s.patient_id = ?
            UNION ALL
            SELECT 6, NULL, c.changed_on, NULL, NULL, c.from_subtype, c.to_subtype, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                   NULL, c.position, NULL, NULL, NULL, NULL, NULL
              FROM subtype_change c WHERE c.patient_id = ?
            UNION ALL
            SELECT 7, NULL, x.since, x.until, NULL, x.kind, x.drug, x.reason, NULL, NULL, NULL, NULL, NULL, NULL,
                   x.created_at, NULL, NULL, NULL, NULL, NULL, NULL
              FROM patient_contraindication x WHERE x.patient_id = ?
            ORDER BY 1, 3, 15, 2, 16""";

    private static final int KINDS = 9;

    /**
     * The same statement with one more column, the free text a person reads beside the history (the patient's MRN
     * on patient rows, the notes on episode rows), for the pictures: still one round trip. The engine's own read
     * leaves it out.
     */
    static final String HISTORY_WITH_TEXT;

    static {
        String[] branches = HISTORY.split("\n\\s*FROM ", -1);
        StringBuilder sql = new StringBuilder(branches[0]).append(", CAST(p.mrn AS VARCHAR(4000)) AS t");
        for (int i = 1; i < branches.length; i++) {
            sql.append("\n  FROM ").append(branches[i]);
            if (i < branches.length - 1) {
                sql.append(i == 1 ? ", e.notes" : ", NULL");
            }
        }
        HISTORY_WITH_TEXT = sql.toString();
    }

    /** A history with the record's free text: the MRN and the episodes' notes by episode id. */
    public record WithText(History history, String mrn, java.util.Map<String, String> notes) {
    }

    @Inject
    AgroalDataSource dataSource;

    /** The patient's history version (V8), one indexed read; empty when there is no such patient. */
    public java.util.OptionalLong version(UUID patientId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT history_version FROM patient WHERE id = ?")) {
            s.setObject(1, patientId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? java.util.OptionalLong.of(r.getLong(1)) : java.util.OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the history version of patient " + patientId + " failed", e);
        }
    }

    public Optional<History> read(UUID patientId) {
        return read(patientId, HISTORY, null).map(WithText::history);
    }

    public Optional<WithText> readWithText(UUID patientId) {
        return read(patientId, HISTORY_WITH_TEXT, new java.util.TreeMap<>());
    }

    private Optional<WithText> read(UUID patientId, String sql, java.util.Map<String, String> notes) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 1; i <= KINDS; i++) {
                s.setObject(i, patientId);
            }
            try (ResultSet r = s.executeQuery()) {
                return read(r, notes);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the history of patient " + patientId + " failed", e);
        }
    }

    /** {@code notes}: null to skip the text column, else filled from it. */
    private Optional<WithText> read(ResultSet r, java.util.Map<String, String> notes) throws SQLException {
        String mrn = null;
        History.Patient patient = null;
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        Object[] patientRow = null;
        List<History.Episode> episodes = new ArrayList<>();
        List<History.Observation> observations = new ArrayList<>();
        List<History.Event> events = new ArrayList<>();
        List<History.ResponseAssessment> assessments = new ArrayList<>();
        List<History.FeatureSpan> spans = new ArrayList<>();
        List<History.SubtypeChange> subtypeChanges = new ArrayList<>();
        List<History.Contraindication> contraindications = new ArrayList<>();
        java.util.Map<UUID, Object[]> episodeRows = new java.util.LinkedHashMap<>();
        java.util.Map<UUID, List<History.DoseStep>> changes = new java.util.HashMap<>();
        while (r.next()) {
            int kind = r.getInt(1);
            switch (kind) {
                case 0 -> {
                    if (notes != null && mrn == null) {
                        mrn = r.getString(22);
                    }
                    if (patientRow == null) {
                        patientRow = new Object[] {r.getObject(3, LocalDate.class), r.getString(6),
                            r.getObject(4, LocalDate.class), number(r.getBigDecimal(12)), number(r.getBigDecimal(13))};
                    }
                    if (r.getString(7) != null) {
                        features.add(Feature.valueOf(r.getString(7)));
                    }
                }
                case 1 -> {
                    UUID episode = r.getObject(2, UUID.class);
                    if (notes != null && r.getString(22) != null) {
                        notes.put(episode.toString(), r.getString(22));
                    }
                    episodeRows.put(episode, new Object[] {r.getString(6), r.getString(7), r.getBigDecimal(12),
                        r.getString(8), r.getObject(3, LocalDate.class), r.getObject(4, LocalDate.class),
                        r.getString(9), r.getString(10), integer(r, 14), ScheduleDto.engine(integer(r, 17),
                                r.getString(21), integer(r, 18), integer(r, 19), integer(r, 20))});
                }
                case 8 -> changes.computeIfAbsent(r.getObject(2, UUID.class), k -> new ArrayList<>()).add(
                        new History.DoseStep(r.getObject(5, LocalDate.class), dose(r.getBigDecimal(13), r.getString(11))));
                case 2 -> observations.add(new History.Observation(r.getObject(3, LocalDate.class),
                        ObservationType.valueOf(r.getString(6)), r.getBigDecimal(12).doubleValue(), number(r.getBigDecimal(13))));
                case 4 -> assessments.add(new History.ResponseAssessment(null, r.getObject(2, UUID.class).toString(),
                        r.getObject(3, LocalDate.class), AssessedResponse.valueOf(r.getString(6)), r.getString(7),
                        number(r.getBigDecimal(12))));
                case 5 -> spans.add(new History.FeatureSpan(Feature.valueOf(r.getString(6)), r.getObject(3, LocalDate.class),
                        r.getObject(4, LocalDate.class)));
                case 6 -> subtypeChanges.add(new History.SubtypeChange(r.getObject(3, LocalDate.class),
                        Subtype.valueOf(r.getString(6)), Subtype.valueOf(r.getString(7))));
                case 7 -> contraindications.add(new History.Contraindication(ContraindicationKind.valueOf(r.getString(6)),
                        r.getString(7), r.getObject(3, LocalDate.class), r.getObject(4, LocalDate.class), r.getString(8)));
                default -> {
                    UUID episode = r.getObject(2, UUID.class);
                    events.add(new History.Event(r.getObject(3, LocalDate.class), EventType.valueOf(r.getString(6)),
                            DiseaseDomain.valueOf(r.getString(7)), episode == null ? null : episode.toString()));
                }
            }
        }
        episodeRows.forEach((id, row) -> episodes.add(episode(id, row, changes.getOrDefault(id, List.of()))));
        if (patientRow == null) {
            return Optional.empty();
        }
        patient = new History.Patient((LocalDate) patientRow[0], Subtype.valueOf((String) patientRow[1]), features,
                (LocalDate) patientRow[2], (Double) patientRow[3], (Double) patientRow[4], spans, subtypeChanges, contraindications);
        return Optional.of(new WithText(new History(patient, episodes, observations, events, assessments), mrn,
                notes == null ? java.util.Map.of() : notes));
    }

    private static History.Episode episode(UUID id, Object[] row, List<History.DoseStep> changes) {
        return new History.Episode(id.toString(), (String) row[0], Route.valueOf((String) row[1]),
                dose((BigDecimal) row[2], (String) row[3]), (LocalDate) row[4], (LocalDate) row[5], changes,
                ResponseCategory.valueOf((String) row[6]), row[7] == null ? null : StopReason.valueOf((String) row[7]),
                (Integer) row[8], (History.Schedule) row[9]);
    }

    private static Integer integer(ResultSet r, int column) throws SQLException {
        return r.getObject(column) == null ? null : r.getInt(column);
    }

    private static History.Dose dose(BigDecimal value, String unit) {
        return new History.Dose(value.doubleValue(), DoseUnit.fromUcum(unit)
                .orElseThrow(() -> new IllegalStateException("unknown dose unit in database: " + unit)));
    }

    private static Double number(BigDecimal v) {
        return v == null ? null : v.doubleValue();
    }
}
