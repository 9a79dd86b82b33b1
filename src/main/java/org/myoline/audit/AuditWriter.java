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

/** Inserts audit rows through the datasource's connection enlisted in the current transaction. */
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
        } catch (SQLException e) {
            // Failing here fails the transaction: a change is never committed without its audit row.
            throw new IllegalStateException("audit trail could not be written", e);
        }
    }
}
