package org.myoline.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.myoline.config.MyolineConfig;

/**
 * Ends the retention of the two audit logs: access records older than {@code retention.access-log} and change
 * records older than {@code retention.change-history} are deleted, in slices of 10,000 rows so no transaction
 * holds long locks, and each run leaves a record of itself in audit_purge (served as a FHIR AuditEvent). It
 * touches only access_log and audit_entry: clinical data is never purged by it.
 */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);
    public static final String ACTOR = "myoline-retention";
    private static final int SLICE = 10_000;

    @Inject
    MyolineConfig config;

    @Inject
    AgroalDataSource dataSource;

    Clock clock = Clock.systemUTC();

    @Scheduled(every = "${myoline.audit.retention.purge-every}", delayed = "1m", identity = "audit-retention",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    /** Purges both logs now; returns the records it left of itself. */
    public List<PurgeEntry> purge() {
        Instant now = clock.instant();
        List<PurgeEntry> done = new ArrayList<>();
        done.add(purge("access_log", now.minus(config.audit().retention().accessLog()), now));
        done.add(purge("audit_entry", now.minus(config.audit().retention().changeHistory()), now));
        return done;
    }

    private PurgeEntry purge(String table, Instant cutoff, Instant now) {
        long removed = 0;
        String sql = "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
                + " WHERE occurred_at < ? ORDER BY id FETCH FIRST " + SLICE + " ROWS ONLY)";
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(sql)) {
            int n;
            do {
                delete.setTimestamp(1, Timestamp.from(cutoff));
                n = delete.executeUpdate();
                removed += n;
            } while (n == SLICE);
        } catch (SQLException e) {
            throw new IllegalStateException("retention purge of " + table + " failed", e);
        }
        PurgeEntry record = new PurgeEntry();
        record.occurredAt = now;
        record.actor = ACTOR;
        record.logName = table;
        record.cutoff = cutoff;
        record.rowsRemoved = removed;
        QuarkusTransaction.requiringNew().run(record::persist);
        LOG.infof("Retention purge: %d rows of %s recorded before %s removed", removed, table, cutoff);
        return record;
    }
}
