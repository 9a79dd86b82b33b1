package org.myoline.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.myoline.common.Timestamps;

/**
 * The bulk_job tables (V10), through the datasource's connection of the current transaction. A job is claimed by
 * one replica at a time under a lease; every step of its work moves the job's cursor in the same transaction as
 * the step's writes, guarded by the lease, so a job taken over after a crash resumes from its last committed step.
 */
@ApplicationScoped
public class BulkJobs {

    /** Thrown when the lease on a job has passed to another replica, or the job was cancelled: stop working on it. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    /** A job row. */
    record Job(UUID id, BulkKind kind, BulkState state, String requestUrl, String requestedBy, String client,
            String requestId, String parameters, Instant createdAt, Instant finishedAt, long totalUnits,
            long doneUnits, String cursor, Tallies tallies) {
    }

    /** One staged line of an import. */
    record Line(String patientKey, int file, long line, String resourceType, String body) {
    }

    // ---------------------------------------------------------------------------------------------------------
    // Creating jobs

    void create(UUID id, BulkKind kind, BulkState state, String requestUrl, String requestedBy, String client,
            String requestId, String parameters) {
        update("INSERT INTO bulk_job (id, kind, state, request_url, requested_by, client, request_id, parameters, "
                + "created_at, attempts, total_units, done_units, tallies) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)",
                id, kind.name(), state.name(), requestUrl, requestedBy, client, requestId, parameters,
                Timestamp.from(Timestamps.now()), write(Tallies.empty()));
    }

    /** Inserts staged lines in one batch (in the current transaction). */
    void stage(UUID job, List<Line> lines) {
        String sql = "INSERT INTO bulk_line (job_id, file_no, line_no, patient_key, resource_type, body) "
                + "VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(sql)) {
            for (Line l : lines) {
                insert.setObject(1, job);
                insert.setInt(2, l.file());
                insert.setLong(3, l.line());
                insert.setString(4, l.patientKey());
                insert.setString(5, l.resourceType());
                insert.setString(6, l.body());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("staged lines could not be written", e);
        }
    }

    /** The upload is complete: the job is ready for any replica. */
    void queue(UUID job, long units) {
        update("UPDATE bulk_job SET state = ?, total_units = ? WHERE id = ?", BulkState.QUEUED.name(), units, job);
    }

    long distinctPatients(UUID job) {
        return queryLong("SELECT COUNT(DISTINCT patient_key) FROM bulk_line WHERE job_id = ?", job);
    }

    void delete(UUID job) {
        update("DELETE FROM bulk_job WHERE id = ?", job);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Claiming and moving the cursor

    /**
     * Takes the oldest job that is waiting, or running under a lease that has run out (its replica died), or
     * running under this replica's own lease (after a database outage), with FOR UPDATE SKIP LOCKED so that two
     * replicas never take the same job.
     */
    Optional<Job> claim(String instance, Duration lease) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Timestamps.now();
            UUID id = null;
            try (Connection c = dataSource.getConnection(); PreparedStatement find = c.prepareStatement(
                    "SELECT id FROM bulk_job WHERE state IN ('QUEUED', 'RUNNING') AND (lease_until IS NULL OR "
                            + "lease_until < ? OR leased_by = ?) ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED")) {
                find.setTimestamp(1, Timestamp.from(now));
                find.setString(2, instance);
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        id = rs.getObject(1, UUID.class);
                    }
                }
            }
            if (id == null) {
                return Optional.<Job>empty();
            }
            update("UPDATE bulk_job SET state = 'RUNNING', leased_by = ?, lease_until = ?, attempts = attempts + 1 "
                    + "WHERE id = ?", instance, Timestamp.from(now.plus(lease)), id);
            return find(id);
        });
    }

    /**
     * Moves the cursor, the tallies and the lease in the caller's transaction; throws {@link LeaseLost} if this
     * replica no longer holds the job, which rolls back the step with it.
     */
    void advance(UUID job, String instance, Duration lease, String cursor, long doneUnits, Tallies tallies) {
        int rows = update("UPDATE bulk_job SET cursor_key = ?, done_units = ?, tallies = ?, lease_until = ? "
                + "WHERE id = ? AND leased_by = ? AND state = 'RUNNING'", cursor, doneUnits, write(tallies),
                Timestamp.from(Timestamps.now().plus(lease)), job, instance);
        if (rows != 1) {
            throw new LeaseLost();
        }
    }

    void complete(UUID job, String instance) {
        int rows = QuarkusTransaction.requiringNew().call(() -> update("UPDATE bulk_job SET state = 'COMPLETED', "
                + "finished_at = ?, leased_by = NULL, lease_until = NULL WHERE id = ? AND leased_by = ? AND state = 'RUNNING'",
                Timestamp.from(Timestamps.now()), job, instance));
        if (rows != 1) {
            throw new LeaseLost();
        }
    }

    /** Gives the job back (this replica is stopping): another replica may take it at once. */
    void release(UUID job, String instance) {
        QuarkusTransaction.requiringNew().run(() -> update("UPDATE bulk_job SET leased_by = NULL, lease_until = NULL "
                + "WHERE id = ? AND leased_by = ? AND state = 'RUNNING'", job, instance));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reading

    Optional<Job> find(UUID id) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                    "SELECT id, kind, state, request_url, requested_by, client, request_id, parameters, created_at, "
                            + "finished_at, total_units, done_units, cursor_key, tallies FROM bulk_job WHERE id = ?")) {
                q.setObject(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Job>empty();
                    }
                    Timestamp finished = rs.getTimestamp(10);
                    return Optional.of(new Job(rs.getObject(1, UUID.class), BulkKind.valueOf(rs.getString(2)),
                            BulkState.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant(),
                            finished == null ? null : finished.toInstant(), rs.getLong(11), rs.getLong(12),
                            rs.getString(13), read(rs.getString(14))));
                }
            }
        });
    }

    /** The next patient keys after the cursor, in key order. */
    List<String> nextKeys(UUID job, String after, int limit) {
        List<String> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT DISTINCT patient_key FROM bulk_line WHERE job_id = ? AND patient_key > ? ORDER BY patient_key "
                        + "LIMIT ?")) {
            q.setObject(1, job);
            q.setString(2, after == null ? "" : after);
            q.setInt(3, limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("staged lines could not be read", e);
        }
        return keys;
    }

    /** The lines of the patient keys in (after, last], by key then file and line. */
    List<Line> lines(UUID job, String after, String last) {
        List<Line> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT patient_key, file_no, line_no, resource_type, body FROM bulk_line WHERE job_id = ? AND "
                        + "patient_key > ? AND patient_key <= ? ORDER BY patient_key, file_no, line_no")) {
            q.setObject(1, job);
            q.setString(2, after == null ? "" : after);
            q.setString(3, last);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    lines.add(new Line(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("staged lines could not be read", e);
        }
        return lines;
    }

    /** Records rejected lines (in the caller's transaction). */
    void reject(UUID job, List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO bulk_outcome (job_id, file_no, line_no, outcome) VALUES (?, ?, ?, ?)")) {
            for (Rejected r : rejected) {
                insert.setObject(1, job);
                insert.setInt(2, r.file());
                insert.setLong(3, r.line());
                insert.setString(4, r.outcome());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("rejected lines could not be recorded", e);
        }
    }

    record Rejected(int file, long line, String outcome) {
    }

    /** Rejected lines after (file, line), in order, at most limit. */
    List<Rejected> rejections(UUID job, int afterFile, long afterLine, int limit) {
        List<Rejected> page = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT file_no, line_no, outcome FROM bulk_outcome WHERE job_id = ? AND (file_no > ? OR "
                        + "(file_no = ? AND line_no > ?)) ORDER BY file_no, line_no LIMIT ?")) {
            q.setObject(1, job);
            q.setInt(2, afterFile);
            q.setInt(3, afterFile);
            q.setLong(4, afterLine);
            q.setInt(5, limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    page.add(new Rejected(rs.getInt(1), rs.getLong(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rejected lines could not be read", e);
        }
        return page;
    }

    long rejectionCount(UUID job) {
        return queryLong("SELECT COUNT(*) FROM bulk_outcome WHERE job_id = ?", job);
    }

    /** Appends one batch's output for a resource type (in the caller's transaction). */
    void output(UUID job, String type, int seq, int lineCount, byte[] data) {
        update("INSERT INTO bulk_output (job_id, resource_type, seq, line_count, data) VALUES (?, ?, ?, ?, ?)",
                job, type, seq, lineCount, data);
    }

    /** Output files of an export: resource type and line count, by type. */
    List<OutputFile> outputs(UUID job) {
        List<OutputFile> files = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT resource_type, SUM(line_count) FROM bulk_output WHERE job_id = ? GROUP BY resource_type "
                        + "ORDER BY resource_type")) {
            q.setObject(1, job);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    files.add(new OutputFile(rs.getString(1), rs.getLong(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("outputs could not be read", e);
        }
        return files;
    }

    record OutputFile(String type, long count) {
    }

    /** The next chunk of an output file after seq, or empty at its end. */
    Optional<Chunk> chunk(UUID job, String type, int afterSeq) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT seq, data FROM bulk_output WHERE job_id = ? AND resource_type = ? AND seq > ? ORDER BY seq "
                        + "LIMIT 1")) {
            q.setObject(1, job);
            q.setString(2, type);
            q.setInt(3, afterSeq);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(new Chunk(rs.getInt(1), rs.getBytes(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("output could not be read", e);
        }
    }

    record Chunk(int seq, byte[] data) {
    }

    // ---------------------------------------------------------------------------------------------------------
    // Housekeeping

    /**
     * Removes jobs finished before the cutoff, uploads abandoned before the upload cutoff, and the staged input of
     * completed imports (at most slice rows a call). Returns the rows removed.
     */
    int housekeep(Instant finishedBefore, Instant uploadStartedBefore, int slice) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int removed = update("DELETE FROM bulk_job WHERE (state = 'COMPLETED' AND finished_at < ?) OR "
                    + "(state = 'UPLOADING' AND created_at < ?)", Timestamp.from(finishedBefore),
                    Timestamp.from(uploadStartedBefore));
            List<Object[]> staged = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                    "SELECT l.job_id, l.file_no, l.line_no FROM bulk_line l JOIN bulk_job j ON j.id = l.job_id "
                            + "WHERE j.state = 'COMPLETED' LIMIT ?")) {
                q.setInt(1, slice);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        staged.add(new Object[] {rs.getObject(1, UUID.class), rs.getInt(2), rs.getLong(3)});
                    }
                }
            }
            if (!staged.isEmpty()) {
                try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM bulk_line WHERE job_id = ? AND file_no = ? AND line_no = ?")) {
                    for (Object[] key : staged) {
                        delete.setObject(1, key[0]);
                        delete.setInt(2, (Integer) key[1]);
                        delete.setLong(3, (Long) key[2]);
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
            }
            return removed + staged.size();
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    private String write(Tallies tallies) {
        try {
            return json.writeValueAsString(tallies);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Tallies read(String text) {
        try {
            return json.readValue(text, Tallies.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable tallies", e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Timestamp t) {
                    s.setTimestamp(i + 1, t);
                } else if (args[i] instanceof byte[] b) {
                    s.setBytes(i + 1, b);
                } else {
                    s.setObject(i + 1, args[i]);
                }
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("bulk job could not be updated", e);
        }
    }

    private long queryLong(String sql, UUID job) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, job);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("bulk job could not be read", e);
        }
    }
}
