package org.myoline.patient;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.myoline.common.Decimals;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.Subtype;

/**
 * Reads one patient as the API shows it in one statement (the patient, its features since diagnosis, its subtype
 * conversions and its dated features, a UNION ALL), with no transaction and no managed entities: the read of
 * {@code GET /patients/{id}} took four statements and a transaction through the ORM. The rows fill detached
 * {@link Patient} and {@link FeatureSpan} objects, so {@link PatientResponse#of} shapes the answer exactly as it
 * does for a write's.
 */
@ApplicationScoped
public class PatientReader {

    /** Every row says what it is in {@code k}: 0 the patient, 1 a feature, 2 a subtype conversion, 3 a dated feature. */
    static final String PATIENT = """
            SELECT 0 AS k, p.mrn AS s1, p.sex AS s2, p.subtype AS s3, p.birth_date AS d1, p.diagnosis_date AS d2,
                   p.weight_kg AS n1, p.height_cm AS n2, p.version AS v, p.created_at AS t1, p.updated_at AS t2,
                   CAST(NULL AS INTEGER) AS pos
              FROM patient p WHERE p.id = ?
            UNION ALL
            SELECT 1, f.feature, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
              FROM patient_feature f WHERE f.patient_id = ?
            UNION ALL
            SELECT 2, c.from_subtype, c.to_subtype, NULL, c.changed_on, NULL, NULL, NULL, NULL, NULL, NULL, c.position
              FROM subtype_change c WHERE c.patient_id = ?
            UNION ALL
            SELECT 3, s.feature, NULL, NULL, s.onset, s.resolved, NULL, NULL, NULL, s.created_at, NULL, NULL
              FROM feature_span s WHERE s.patient_id = ?
            ORDER BY 1, 12, 5, 10""";

    @Inject
    AgroalDataSource dataSource;

    /** The patient and its dated features, detached; empty when there is no such patient. */
    public record Read(Patient patient, List<FeatureSpan> spans) {
    }

    public Optional<Read> read(UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(PATIENT)) {
            for (int i = 1; i <= 4; i++) {
                s.setObject(i, id);
            }
            try (ResultSet r = s.executeQuery()) {
                Patient patient = null;
                List<FeatureSpan> spans = new ArrayList<>();
                while (r.next()) {
                    switch (r.getInt(1)) {
                        case 0 -> patient = patient(id, r);
                        case 1 -> patient.features.add(Feature.valueOf(r.getString(2)));
                        case 2 -> patient.subtypeChanges.add(new SubtypeChange(r.getObject(5, LocalDate.class),
                                Subtype.valueOf(r.getString(2)), Subtype.valueOf(r.getString(3))));
                        default -> spans.add(span(id, r));
                    }
                }
                return patient == null ? Optional.empty() : Optional.of(new Read(patient, spans));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading patient " + id + " failed", e);
        }
    }

    private static Patient patient(UUID id, ResultSet r) throws SQLException {
        Patient p = new Patient();
        p.id = id;
        p.mrn = r.getString(2);
        p.sex = Sex.valueOf(r.getString(3));
        p.subtype = Subtype.valueOf(r.getString(4));
        p.birthDate = r.getObject(5, LocalDate.class);
        p.diagnosisDate = r.getObject(6, LocalDate.class);
        // Canonical, as the entity's converter reads them (58.00 is answered 58).
        p.weightKg = Decimals.canonical(r.getBigDecimal(7));
        p.heightCm = Decimals.canonical(r.getBigDecimal(8));
        p.version = r.getLong(9);
        p.createdAt = r.getObject(10, OffsetDateTime.class).toInstant();
        OffsetDateTime updated = r.getObject(11, OffsetDateTime.class);
        p.updatedAt = updated == null ? null : updated.toInstant();
        return p;
    }

    private static FeatureSpan span(UUID patient, ResultSet r) throws SQLException {
        FeatureSpan span = new FeatureSpan();
        span.patientId = patient;
        span.feature = Feature.valueOf(r.getString(2));
        span.onset = r.getObject(5, LocalDate.class);
        span.resolved = r.getObject(6, LocalDate.class);
        return span;
    }
}
