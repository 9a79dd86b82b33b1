package org.myoline.clinical;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;
import org.myoline.config.MyolineConfig;

/**
 * The shared result store of the derived views (V12, docs/derived-views.md). A read looks for the body of its
 * (patient, view, as-of date) in the same statement that reads the patient's history version: a hit is that one
 * indexed read, with no history read, no engine run and no serialisation. A miss is derived by the caller and
 * handed to {@link #offer}; a writer thread stores bodies as they come, a batch per transaction, so a miss does not
 * wait for the store, and the bytes waiting are bounded. Rows are served only while the history version and the rules tag are those they were derived
 * with; housekeeping drops outdated, old and excess rows. The store is a cache of what the engine would answer:
 * losing a row, or failing to write one, only costs a later derivation.
 */
@ApplicationScoped
public class ViewStore {
    private static final Logger LOG = Logger.getLogger(ViewStore.class);

    /** The history version joined with the stored row of the same view and rules, when there is one. */
    static final String LOOKUP = "SELECT p.history_version, r.history_version, r.body FROM patient p "
            + "LEFT JOIN view_result r ON r.patient_id = p.id AND r.view_key = ? AND r.as_of = ? AND r.rules_tag = ? "
            + "WHERE p.id = ?";

    /** PostgreSQL: insert, or replace a row of an older version (a concurrent replica's insert is not an error). */
    static final String UPSERT_POSTGRES = "INSERT INTO view_result (patient_id, view_key, as_of, history_version, "
            + "rules_tag, body, body_bytes, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (patient_id, view_key, as_of) DO UPDATE SET history_version = EXCLUDED.history_version, "
            + "rules_tag = EXCLUDED.rules_tag, body = EXCLUDED.body, body_bytes = EXCLUDED.body_bytes, "
            + "stored_at = EXCLUDED.stored_at WHERE view_result.history_version <= EXCLUDED.history_version";

    /** The same in standard SQL, for H2 (one process: no concurrent insert of the same key from elsewhere). */
    static final String UPSERT_STANDARD = "MERGE INTO view_result t USING (VALUES (CAST(? AS UUID), "
            + "CAST(? AS VARCHAR(100)), CAST(? AS DATE), CAST(? AS BIGINT), CAST(? AS VARCHAR(32)), CAST(? AS BYTEA), "
            + "CAST(? AS INTEGER), CAST(? AS TIMESTAMP(6) WITH TIME ZONE))) AS s (patient_id, view_key, as_of, "
            + "history_version, rules_tag, body, body_bytes, stored_at) "
            + "ON t.patient_id = s.patient_id AND t.view_key = s.view_key AND t.as_of = s.as_of "
            + "WHEN MATCHED AND t.history_version <= s.history_version THEN UPDATE SET history_version = s.history_version, "
            + "rules_tag = s.rules_tag, body = s.body, body_bytes = s.body_bytes, stored_at = s.stored_at "
            + "WHEN NOT MATCHED THEN INSERT (patient_id, view_key, as_of, history_version, rules_tag, body, body_bytes, "
            + "stored_at) VALUES (s.patient_id, s.view_key, s.as_of, s.history_version, s.rules_tag, s.body, s.body_bytes, "
            + "s.stored_at)";

    /** Bodies written per transaction at most. */
    static final int BATCH = 50;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MyolineConfig config;

    @Inject
    MeterRegistry metrics;

    private final BlockingQueue<Entry> pending = new LinkedBlockingQueue<>();
    /** Bytes of the bodies in {@link #pending}: the queue's bound. */
    private final AtomicLong pendingBytes = new AtomicLong();
    /** Held while bodies are taken from the queue and written: {@link #flush} waits for a batch in the writer's hands. */
    private final ReentrantLock writing = new ReentrantLock();
    private volatile boolean stopping;
    private Thread writer;
    private volatile String upsert;
    private Counter hits;
    private Counter misses;
    private Counter dropped;
    private Counter unadmitted;
    private final Doorkeeper doorkeeper = new Doorkeeper(16);

    /** A body derived on a miss, to be kept under the version and rules it was derived after. */
    record Entry(UUID patient, String view, LocalDate asOf, long version, String rulesTag, byte[] body) {
    }

    /** The patient's history version, and the stored body when it was derived from that version with these rules. */
    public record Lookup(long version, byte[] body) {
        public boolean hit() {
            return body != null;
        }
    }

    @PostConstruct
    void init() {
        hits = counter("hit", "Derived-view reads served from the result store");
        misses = counter("miss", "Derived-view reads the engine derived (nothing stored for the version and rules)");
        dropped = counter("dropped", "Derived bodies not kept: too large, the write queue was full, or the write failed");
        unadmitted = counter("first", "Derived bodies not kept because it was the view's first derivation (doorkeeper)");
        writer = new Thread(this::writeLoop, "view-store-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private Counter counter(String result, String description) {
        return Counter.builder("myoline.views.store").tag("result", result).description(description).register(metrics);
    }

    public boolean enabled() {
        return config.views().store().enabled();
    }

    /**
     * One statement: the patient's history version and, with the store enabled, the body stored for this view,
     * date and rules at that version. Empty when there is no such patient.
     */
    public java.util.Optional<Lookup> lookup(UUID patient, String view, LocalDate asOf, String rulesTag) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LOOKUP)) {
            s.setString(1, view);
            s.setObject(2, asOf);
            s.setString(3, rulesTag);
            s.setObject(4, patient);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return java.util.Optional.empty();
                }
                long version = r.getLong(1);
                long stored = r.getLong(2);
                boolean current = !r.wasNull() && stored == version;
                byte[] body = current ? r.getBytes(3) : null;
                (body != null ? hits : misses).increment();
                return java.util.Optional.of(new Lookup(version, body));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the stored " + view + " of patient " + patient + " failed", e);
        }
    }

    /**
     * Hands a body derived on a miss to the writer thread, unless it is larger than allowed or the bodies waiting
     * already fill the queue's bytes (then it is counted as dropped: the next read derives it again).
     */
    public void offer(UUID patient, String view, LocalDate asOf, long version, String rulesTag, byte[] body) {
        if (config.views().store().doorkeeper() && !doorkeeper.admit(patient, view, asOf, version, rulesTag)) {
            unadmitted.increment();
            return;
        }
        enqueue(new Entry(patient, view, asOf, version, rulesTag, body));
    }

    /** Queues a body for the writer thread within the queue's bytes, else counts it as dropped. */
    void enqueue(Entry entry) {
        byte[] body = entry.body();
        MyolineConfig.Views.Store limits = config.views().store();
        if (body.length > limits.maxBodyBytes().asLongValue()
                || pendingBytes.addAndGet(body.length) > limits.queueBytes().asLongValue()) {
            if (body.length <= limits.maxBodyBytes().asLongValue()) {
                pendingBytes.addAndGet(-body.length);
            }
            dropped.increment();
            return;
        }
        pending.add(entry);
    }

    /** The writer thread: waits for bodies and writes them as they come, a batch per transaction. */
    private void writeLoop() {
        while (!stopping) {
            try {
                writing.lockInterruptibly();
                try {
                    Entry first = pending.poll(100, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        List<Entry> batch = new ArrayList<>(BATCH);
                        batch.add(first);
                        pending.drainTo(batch, BATCH - 1);
                        writeOrDrop(batch);
                    }
                } finally {
                    writing.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.debugf(e, "result store writer");
            }
        }
    }

    /**
     * Writes everything waiting now, in this thread, after any batch the writer holds; returns how many bodies
     * were written. For tests and shutdown: in service the writer thread keeps the queue short.
     */
    public int flush() {
        writing.lock();
        try {
            int written = 0;
            List<Entry> batch = new ArrayList<>(BATCH);
            while (pending.drainTo(batch, BATCH) > 0) {
                written += writeOrDrop(batch);
                batch.clear();
            }
            return written;
        } finally {
            writing.unlock();
        }
    }

    private int writeOrDrop(List<Entry> batch) {
        long bytes = 0;
        for (Entry e : batch) {
            bytes += e.body().length;
        }
        pendingBytes.addAndGet(-bytes);
        try {
            write(batch);
            return batch.size();
        } catch (SQLException | RuntimeException e) {
            // A patient deleted meanwhile (foreign key), a replica's concurrent write, a database restart:
            // the bodies are only a cache of what the engine derives, so they are counted and let go.
            dropped.increment(batch.size());
            LOG.debugf(e, "%d derived views not stored", batch.size());
            return 0;
        }
    }

    private void write(List<Entry> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(upsert(c))) {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                for (Entry e : batch) {
                    s.setObject(1, e.patient());
                    s.setString(2, e.view());
                    s.setObject(3, e.asOf());
                    s.setLong(4, e.version());
                    s.setString(5, e.rulesTag());
                    s.setBytes(6, e.body());
                    s.setInt(7, e.body().length);
                    s.setObject(8, now);
                    s.addBatch();
                }
                s.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    private String upsert(Connection c) throws SQLException {
        String sql = upsert;
        if (sql == null) {
            sql = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")
                    ? UPSERT_POSTGRES : UPSERT_STANDARD;
            upsert = sql;
        }
        return sql;
    }

    @Scheduled(every = "${myoline.views.store.housekeeping-interval:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "view-store-housekeeping")
    void housekeepScheduled() {
        try {
            housekeep(Instant.now().minus(config.views().store().maxAge()), config.views().store().maxBytes().asLongValue());
        } catch (SQLException | RuntimeException e) {
            // Two replicas tidying at once, or the database away: the next round does it.
            LOG.debugf(e, "result store housekeeping skipped");
        }
    }

    /** What one round of housekeeping removed. */
    public record Removed(int outdated, int expired, int overCap) {
    }

    /**
     * Drops rows whose patient's history has moved on (never served again), rows stored before {@code storedBefore},
     * and then the oldest rows until the bodies kept total at most {@code maxBytes}.
     */
    public Removed housekeep(Instant storedBefore, long maxBytes) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            int outdated = s.executeUpdate("DELETE FROM view_result WHERE history_version < "
                    + "(SELECT p.history_version FROM patient p WHERE p.id = view_result.patient_id)");
            int expired;
            try (PreparedStatement old = c.prepareStatement("DELETE FROM view_result WHERE stored_at < ?")) {
                old.setObject(1, OffsetDateTime.ofInstant(storedBefore, ZoneOffset.UTC));
                expired = old.executeUpdate();
            }
            return new Removed(outdated, expired, trim(c, maxBytes));
        }
    }

    /** Newest first, the rows that fit within the cap stay; the first that does not fit and all older ones go. */
    private static int trim(Connection c, long maxBytes) throws SQLException {
        OffsetDateTime cut = null;
        try (PreparedStatement q = c.prepareStatement("SELECT stored_at, body_bytes FROM view_result ORDER BY stored_at DESC")) {
            q.setFetchSize(1000);
            long total = 0;
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    total += r.getInt(2);
                    if (total > maxBytes) {
                        cut = r.getObject(1, OffsetDateTime.class);
                        break;
                    }
                }
            }
        }
        if (cut == null) {
            return 0;
        }
        try (PreparedStatement d = c.prepareStatement("DELETE FROM view_result WHERE stored_at <= ?")) {
            d.setObject(1, cut);
            return d.executeUpdate();
        }
    }

    /** The bytes of every stored body together. */
    public long storedBytes() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COALESCE(SUM(body_bytes), 0) FROM view_result")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the result store's size failed", e);
        }
    }

    /** At shutdown, what is waiting is written (a few batches at most) rather than derived again after the restart. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.debugf(e, "result store not flushed at shutdown");
        }
        writer.interrupt();
    }

    /**
     * Admission to the store: a view is admitted the second time it is offered. A direct-mapped table of 64-bit
     * hashes of (patient, view, date, version, rules): the first offer writes its hash in its slot, the second finds
     * it there and is admitted. A collision only overwrites an older view's mark (it will then be stored a read
     * later); unsynchronised, since a lost or torn mark costs at most one derivation.
     */
    static final class Doorkeeper {
        private final long[] slots;
        private final int mask;

        Doorkeeper(int bits) {
            slots = new long[1 << bits];
            mask = slots.length - 1;
        }

        boolean admit(UUID patient, String view, LocalDate asOf, long version, String rulesTag) {
            long h = patient.getMostSignificantBits();
            h = mix(h, patient.getLeastSignificantBits());
            h = mix(h, view.hashCode());
            h = mix(h, asOf.toEpochDay());
            h = mix(h, version);
            h = mix(h, rulesTag.hashCode());
            h = h == 0 ? 1 : h;
            int slot = (int) (h ^ (h >>> 32)) & mask;
            if (slots[slot] == h) {
                slots[slot] = 0;
                return true;
            }
            slots[slot] = h;
            return false;
        }

        private static long mix(long h, long x) {
            long z = (h ^ x) * 0x9E3779B97F4A7C15L;
            return z ^ (z >>> 31);
        }
    }
}
