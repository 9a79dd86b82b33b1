package org.myoline.cohort;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ObservationType;
import java.util.function.Consumer;

/**
 * Streams a cohort from the database patient by patient: four queries ordered by patient (the drug's
 * episodes, the events that matter, each patient's last recorded date, the core set measures), merged in one pass. Memory holds
 * one patient at a time, whatever the cohort's size.
 */
@ApplicationScoped
public class CohortReader {
    private static final int FETCH = 500;

    @Inject
    AgroalDataSource dataSource;

    /** One patient of the cohort, with everything the outcome table needs. */
    public record PatientRows(UUID patientId, String subtype, boolean hasMuscleFeature, List<EpisodeRow> episodes,
            List<EventRow> events, LocalDate lastRecorded, LocalDate birthDate, LocalDate diagnosisDate,
            List<History.Observation> coreSet) {
    }

    public record EpisodeRow(LocalDate start, LocalDate end, String response, String stopReason, Integer courses) {
    }

    public record EventRow(LocalDate date, String type, String domain) {
    }

    public void read(CohortFilter filter, LocalDate today, Consumer<PatientRows> sink) throws SQLException {
        StringBuilder cohort = new StringBuilder("SELECT p.id FROM patient p WHERE EXISTS (SELECT 1 FROM treatment_episode x "
                + "WHERE x.patient_id = p.id AND x.drug = ?)");
        List<Object> params = new ArrayList<>(List.of(filter.drug()));
        if (filter.subtype() != null) {
            cohort.append(" AND p.subtype = ?");
            params.add(filter.subtype().name());
        }
        if (filter.feature() != null) {
            cohort.append(" AND EXISTS (SELECT 1 FROM patient_feature f WHERE f.patient_id = p.id AND f.feature = ?)");
            params.add(filter.feature().name());
        }
        if (filter.from() != null || filter.to() != null) {
            // An inception cohort: the patient's first episode of the drug starts inside the window.
            cohort.append(" AND (SELECT MIN(y.start_date) FROM treatment_episode y WHERE y.patient_id = p.id AND y.drug = ?)"
                    + " BETWEEN ? AND ?");
            params.add(filter.drug());
            params.add(Date.valueOf(filter.from() == null ? LocalDate.of(1900, 1, 1) : filter.from()));
            params.add(Date.valueOf(filter.to() == null ? LocalDate.of(9999, 12, 31) : filter.to()));
        }
        String episodes = "SELECT e.patient_id, p.subtype, "
                + "CASE WHEN EXISTS (SELECT 1 FROM patient_feature f WHERE f.patient_id = p.id AND f.feature = 'MUSCLE') "
                + "THEN 1 ELSE 0 END, e.start_date, e.end_date, e.response, e.stop_reason, e.courses, p.birth_date, "
                + "p.diagnosis_date "
                + "FROM treatment_episode e JOIN patient p ON p.id = e.patient_id "
                + "WHERE e.drug = ? AND e.patient_id IN (" + cohort + ") ORDER BY e.patient_id, e.start_date, e.created_at";
        String events = "SELECT v.patient_id, v.event_date, v.type, v.domain FROM disease_event v "
                + "WHERE (v.type = 'RELAPSE' OR v.domain = 'MUSCLE') AND v.patient_id IN (" + cohort + ") "
                + "ORDER BY v.patient_id, v.event_date";
        String coreSet = "SELECT o.patient_id, o.obs_date, o.type, o.obs_value, o.upper_limit FROM observation o "
                + "WHERE o.type IN (" + CORE_SET + ") AND o.patient_id IN (" + cohort + ") ORDER BY o.patient_id, o.obs_date";
        String last = "SELECT r.patient_id, MAX(r.d) FROM ("
                + "SELECT patient_id, COALESCE(end_date, ?) AS d FROM treatment_episode "
                + "UNION ALL SELECT patient_id, obs_date FROM observation "
                + "UNION ALL SELECT patient_id, event_date FROM disease_event) r "
                + "WHERE r.patient_id IN (" + cohort + ") GROUP BY r.patient_id ORDER BY r.patient_id";
        try (Connection c = dataSource.getConnection();
                PreparedStatement qe = prepare(c, episodes, prepend(filter.drug(), params));
                PreparedStatement qv = prepare(c, events, params);
                PreparedStatement ql = prepare(c, last, prepend(Date.valueOf(today), params));
                PreparedStatement qo = prepare(c, coreSet, params);
                ResultSet re = qe.executeQuery(); ResultSet rv = qv.executeQuery(); ResultSet rl = ql.executeQuery();
                ResultSet ro = qo.executeQuery()) {
            boolean moreObservations = ro.next();
            boolean moreEvents = rv.next();
            boolean moreLast = rl.next();
            boolean moreEpisodes = re.next();
            while (moreEpisodes) {
                UUID patient = re.getObject(1, UUID.class);
                String subtype = re.getString(2);
                boolean muscle = re.getInt(3) == 1;
                LocalDate birth = re.getDate(9).toLocalDate();
                LocalDate diagnosis = re.getDate(10) == null ? null : re.getDate(10).toLocalDate();
                List<EpisodeRow> rows = new ArrayList<>();
                while (moreEpisodes && patient.equals(re.getObject(1, UUID.class))) {
                    Integer courses = re.getObject(8) == null ? null : re.getInt(8);
                    rows.add(new EpisodeRow(re.getDate(4).toLocalDate(), re.getDate(5) == null ? null : re.getDate(5).toLocalDate(),
                            re.getString(6), re.getString(7), courses));
                    moreEpisodes = re.next();
                }
                // All three streams hold the same patients in the database's order of patient_id, so the rows
                // of this patient, if any, are next in each.
                List<EventRow> patientEvents = new ArrayList<>();
                while (moreEvents && patient.equals(rv.getObject(1, UUID.class))) {
                    patientEvents.add(new EventRow(rv.getDate(2).toLocalDate(), rv.getString(3), rv.getString(4)));
                    moreEvents = rv.next();
                }
                LocalDate lastRecorded = null;
                if (moreLast && patient.equals(rl.getObject(1, UUID.class))) {
                    lastRecorded = rl.getDate(2).toLocalDate();
                    moreLast = rl.next();
                }
                List<History.Observation> measures = new ArrayList<>();
                while (moreObservations && patient.equals(ro.getObject(1, UUID.class))) {
                    BigDecimal uln = ro.getBigDecimal(5);
                    measures.add(new History.Observation(ro.getDate(2).toLocalDate(), ObservationType.valueOf(ro.getString(3)),
                            ro.getBigDecimal(4).doubleValue(), uln == null ? null : uln.doubleValue()));
                    moreObservations = ro.next();
                }
                sink.accept(new PatientRows(patient, subtype, muscle, rows, patientEvents, lastRecorded, birth, diagnosis,
                        measures));
            }
        }
    }

    /** The observation types of the IMACS core set, from which the engine computes responses. */
    private static final String CORE_SET = java.util.stream.Stream.of(ObservationType.PHYSICIAN_GLOBAL,
            ObservationType.PATIENT_GLOBAL, ObservationType.MMT8, ObservationType.MMT8_80, ObservationType.CMAS,
            ObservationType.HAQ, ObservationType.CHAQ, ObservationType.CK_U_PER_L, ObservationType.ALDOLASE_U_PER_L,
            ObservationType.ALT_U_PER_L, ObservationType.AST_U_PER_L, ObservationType.LDH_U_PER_L,
            ObservationType.EXTRAMUSCULAR_GLOBAL).map(t -> "'" + t.name() + "'").collect(java.util.stream.Collectors.joining(", "));

    private static List<Object> prepend(Object first, List<Object> rest) {
        List<Object> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        s.setFetchSize(FETCH);
        for (int i = 0; i < params.size(); i++) {
            s.setObject(i + 1, params.get(i));
        }
        return s;
    }
}
