package org.myoline.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Inserts audit rows through the datasource's connection enlisted in the current transaction, and raises the
 * history version of every patient they concern in the same transaction: every change that is audited (and
 * every change is) moves the version that tags the patient's derived views (see V8).
 */
@ApplicationScoped
public class AuditWriter {

    @Inject
    AgroalDataSource dataSource;

    void write(List<AuditInterceptor.Pending> batch, Instant at) {
        String sql = "INSERT INTO audit_entry (occurred_at, actor, request_id, action, resource_type, resource_id, "
                + "patient_id, before_state, after_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(sql)) {
            for (AuditInterceptor.Pending p : batch) {
                insert.setTimestamp(1, Timestamp.from(at));
                insert.setString(2, p.actor());
                insert.setString(3, p.requestId());
                insert.setString(4, p.action().name());
                insert.setString(5, p.entity().auditResourceType());
                insert.setObject(6, (UUID) p.id());
                insert.setObject(7, p.entity().auditPatientId());
                insert.setString(8, p.before());
                insert.setString(9, p.after());
                insert.addBatch();
            }
            insert.executeBatch();
            java.util.Set<UUID> patients = new java.util.TreeSet<>(); // a fixed order: no lock-order deadlock
            for (AuditInterceptor.Pending p : batch) {
                if (p.entity().auditPatientId() != null) {
                    patients.add(p.entity().auditPatientId());
                }
            }
            try (PreparedStatement bump = c.prepareStatement(
                    "UPDATE patient SET history_version = history_version + 1 WHERE id = ?")) {
                for (UUID patient : patients) {
                    bump.setObject(1, patient);
                    bump.addBatch();
                }
                bump.executeBatch();
            }
        } catch (SQLException e) {
            // Failing here fails the transaction: a change is never committed without its audit row.
            throw new IllegalStateException("audit trail could not be written", e);
        }
    }
}
