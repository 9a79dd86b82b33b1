package org.myoline.audit;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.myoline.api.ApiException;
import org.myoline.api.ProblemType;
import org.myoline.config.MyolineConfig;
import org.myoline.config.MyolineConfig.Audit.OnFailure;

/**
 * The read-access log. Requests add records to an in-memory buffer and go on; the buffer is written in batches
 * (one multi-row insert per flush) every {@code flush-interval}, by a request that finds it past
 * {@code max-pending}, and at shutdown. A record is never dropped silently:
 * <ul>
 * <li>a failed write keeps the batch and is retried at the next flush;</li>
 * <li>while writes fail, {@code on-failure=fail-closed} (the default) refuses reads of patient data with 503
 * ({@link #admit()}); {@code continue} serves them, and records past {@code max-pending} go to the service log at
 * ERROR (logger {@code myoline.access}), counted in {@code myoline.audit.access.logged}.</li>
 * </ul>
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class);
    private static final Logger FALLBACK = Logger.getLogger("myoline.access");
    private static final String INSERT = "INSERT INTO access_log (occurred_at, actor, client, patient_id, operation, "
            + "request_id, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final int BATCH = 1000;

    /** One patient's data read (or refused) by one request. */
    public record Entry(Instant at, String actor, String client, UUID patient, String operation, String requestId,
            int outcome) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MyolineConfig config;

    @Inject
    MeterRegistry metrics;

    private final ConcurrentLinkedQueue<Entry> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    /** A batch whose write failed, written first at the next flush; guarded by this. */
    private List<Entry> retry = List.of();
    private volatile boolean failing;
    private volatile boolean stopped;

    @PostConstruct
    void meters() {
        metrics.gauge("myoline.audit.access.pending", size);
    }

    /** Adds records; writes the buffer now if it is past max-pending. */
    public void record(Collection<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        pending.addAll(entries);
        boolean full = size.addAndGet(entries.size()) > config.audit().access().maxPending();
        if (stopped || (full && !failing)) {
            flush(); // back-pressure: the request that filled the buffer writes it
        } else if (full) {
            spill(); // the store is failing and reads continue (fail-closed refuses them before they get here)
        }
    }

    /** Writes what is past max-pending to the service log, oldest first. */
    private void spill() {
        int max = config.audit().access().maxPending();
        List<Entry> over = new ArrayList<>();
        for (Entry e; size.get() > max && (e = pending.poll()) != null; ) {
            size.decrementAndGet();
            over.add(e);
        }
        toServiceLog(over);
    }

    private void toServiceLog(List<Entry> entries) {
        for (Entry e : entries) {
            FALLBACK.errorf("access not stored: at=%s actor=%s client=%s patient=%s operation=%s request=%s outcome=%d",
                    e.at(), e.actor(), e.client(), e.patient(), e.operation(), e.requestId(), e.outcome());
        }
        metrics.counter("myoline.audit.access.logged").increment(entries.size());
    }

    /** Before serving patient data: 503 while the access log cannot be written and the policy fails closed. */
    public void admit() {
        if (failing && config.audit().onFailure() == OnFailure.FAIL_CLOSED) {
            throw new ApiException(ProblemType.SERVICE_UNAVAILABLE,
                    "The access log cannot be written, so patient data is not served (myoline.audit.on-failure=fail-closed)");
        }
    }

    public boolean failing() {
        return failing;
    }

    @Scheduled(every = "${myoline.audit.access.flush-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "access-log-flush")
    void scheduled() {
        flush();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        int written = flush();
        LOG.infof("Access log flushed at shutdown: %d records written, %d left", written, size.get() + retry.size());
    }

    /** Writes everything buffered; returns how many records were written. */
    public synchronized int flush() {
        int written = 0;
        while (true) {
            List<Entry> batch = new ArrayList<>(retry);
            retry = List.of();
            for (Entry e; batch.size() < BATCH && (e = pending.poll()) != null; ) {
                size.decrementAndGet();
                batch.add(e);
            }
            if (batch.isEmpty()) {
                failing = false;
                return written;
            }
            try {
                insert(batch);
                written += batch.size();
                failing = false;
            } catch (SQLException | RuntimeException e) {
                if (!failing) {
                    LOG.errorf("The access log cannot be written (%s); %d records kept for the next attempt", e.getMessage(),
                            batch.size() + size.get());
                }
                failing = true;
                keep(batch);
                return written;
            }
        }
    }

    private void keep(List<Entry> batch) {
        int max = config.audit().access().maxPending();
        if (config.audit().onFailure() == OnFailure.CONTINUE && batch.size() + size.get() > max) {
            toServiceLog(batch); // not lost silently: past the bound the records go to the service log
            return;
        }
        retry = batch;
    }

    private void insert(List<Entry> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (Entry e : batch) {
                    insert.setTimestamp(1, Timestamp.from(e.at()));
                    insert.setString(2, e.actor());
                    insert.setString(3, e.client());
                    insert.setObject(4, e.patient());
                    insert.setString(5, e.operation());
                    insert.setString(6, e.requestId());
                    insert.setInt(7, e.outcome());
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }
}
