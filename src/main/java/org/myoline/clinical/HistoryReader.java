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

/**
 * Reads one patient's history straight into the engine's records: four statements in one read-only
 * snapshot, no managed entities. The read path of timeline and assessment spends its time here, so it skips
 * what the ORM would add (entity hydration, snapshots, dirty checks) for data it never changes.
 */
@ApplicationScoped
public class HistoryReader {

    @Inject
    AgroalDataSource dataSource;

    public Optional<History> read(UUID patientId) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one snapshot for all four reads
            try {
                Optional<History> history = read(c, patientId);
                c.commit();
                return history;
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the history of patient " + patientId + " failed", e);
        }
    }

    private Optional<History> read(Connection c, UUID id) throws SQLException {
        History.Patient patient;
        try (PreparedStatement s = c.prepareStatement("SELECT p.birth_date, p.subtype, p.diagnosis_date, p.weight_kg, "
                + "p.height_cm, f.feature FROM patient p LEFT JOIN patient_feature f ON f.patient_id = p.id WHERE p.id = ?")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                LocalDate birth = r.getObject(1, LocalDate.class);
                Subtype subtype = Subtype.valueOf(r.getString(2));
                LocalDate diagnosis = r.getObject(3, LocalDate.class);
                Double weight = number(r.getBigDecimal(4));
                Double height = number(r.getBigDecimal(5));
                Set<Feature> features = EnumSet.noneOf(Feature.class);
                do {
                    if (r.getString(6) != null) {
                        features.add(Feature.valueOf(r.getString(6)));
                    }
                } while (r.next());
                patient = new History.Patient(birth, subtype, features, diagnosis, weight, height);
            }
        }
        List<History.Episode> episodes = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT e.id, e.drug, e.route, e.dose_value, e.dose_unit, e.start_date, "
                + "e.end_date, e.response, e.stop_reason, e.courses, d.change_date, d.dose_value, d.dose_unit "
                + "FROM treatment_episode e LEFT JOIN dose_change d ON d.episode_id = e.id WHERE e.patient_id = ? "
                + "ORDER BY e.start_date, e.created_at, e.id, d.position")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                UUID current = null;
                Object[] row = null;
                List<History.DoseStep> changes = null;
                while (r.next()) {
                    UUID episode = r.getObject(1, UUID.class);
                    if (!episode.equals(current)) {
                        if (current != null) {
                            episodes.add(episode(current, row, changes));
                        }
                        current = episode;
                        row = new Object[] {r.getString(2), r.getString(3), r.getBigDecimal(4), r.getString(5),
                            r.getObject(6, LocalDate.class), r.getObject(7, LocalDate.class), r.getString(8), r.getString(9),
                            r.getObject(10) == null ? null : r.getInt(10)};
                        changes = new ArrayList<>();
                    }
                    LocalDate changeDate = r.getObject(11, LocalDate.class);
                    if (changeDate != null) {
                        changes.add(new History.DoseStep(changeDate, dose(r.getBigDecimal(12), r.getString(13))));
                    }
                }
                if (current != null) {
                    episodes.add(episode(current, row, changes));
                }
            }
        }
        List<History.Observation> observations = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT obs_date, type, obs_value FROM observation WHERE patient_id = ? ORDER BY obs_date, created_at")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    observations.add(new History.Observation(r.getObject(1, LocalDate.class),
                            ObservationType.valueOf(r.getString(2)), r.getBigDecimal(3).doubleValue()));
                }
            }
        }
        List<History.Event> events = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT event_date, type, domain, episode_id FROM disease_event "
                + "WHERE patient_id = ? ORDER BY event_date, created_at")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    UUID episode = r.getObject(4, UUID.class);
                    events.add(new History.Event(r.getObject(1, LocalDate.class), EventType.valueOf(r.getString(2)),
                            DiseaseDomain.valueOf(r.getString(3)), episode == null ? null : episode.toString()));
                }
            }
        }
        return Optional.of(new History(patient, episodes, observations, events));
    }

    private static History.Episode episode(UUID id, Object[] row, List<History.DoseStep> changes) {
        return new History.Episode(id.toString(), (String) row[0], Route.valueOf((String) row[1]),
                dose((BigDecimal) row[2], (String) row[3]), (LocalDate) row[4], (LocalDate) row[5], changes,
                ResponseCategory.valueOf((String) row[6]), row[7] == null ? null : StopReason.valueOf((String) row[7]),
                (Integer) row[8]);
    }

    private static History.Dose dose(BigDecimal value, String unit) {
        return new History.Dose(value.doubleValue(), DoseUnit.fromUcum(unit)
                .orElseThrow(() -> new IllegalStateException("unknown dose unit in database: " + unit)));
    }

    private static Double number(BigDecimal v) {
        return v == null ? null : v.doubleValue();
    }
}
