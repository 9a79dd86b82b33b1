package org.myoline.bulk;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.myoline.api.RequestContext;
import org.myoline.common.Timestamps;
import org.myoline.config.MyolineConfig;

/**
 * Each replica polls for bulk work and runs at most one job at a time. A job is claimed under a lease that every
 * step renews; a replica that stops (SIGTERM) finishes its current patient and gives the job back at once, and
 * one that dies is replaced when its lease runs out. Finished jobs and their files are removed after
 * {@code myoline.bulk.retention}.
 */
@ApplicationScoped
public class BulkWorker {
    private static final Logger LOG = Logger.getLogger(BulkWorker.class);

    @Inject
    BulkJobs jobs;

    @Inject
    ImportRunner imports;

    @Inject
    ExportRunner exports;

    @Inject
    MyolineConfig config;

    /** This process: a new one at every start, so a restarted replica does not mistake an old lease for its own. */
    private final String instance = hostName() + "/" + UUID.randomUUID();
    private volatile boolean stopping;
    private final AtomicReference<CountDownLatch> running = new AtomicReference<>();
    private volatile Instant nextHousekeeping = Instant.EPOCH;

    String instance() {
        return instance;
    }

    @Scheduled(every = "${myoline.bulk.poll-interval:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "bulk-worker")
    void poll() {
        if (stopping) {
            return;
        }
        try {
            housekeep();
            Optional<BulkJobs.Job> claimed = jobs.claim(instance, config.bulk().lease());
            claimed.ifPresent(this::work);
        } catch (RuntimeException e) {
            LOG.warnf("Bulk worker: %s (will try again)", e.toString());
        }
    }

    /** Runs the job to its end (or until this replica stops), acting for whoever asked for it. */
    void work(BulkJobs.Job job) {
        CountDownLatch done = new CountDownLatch(1);
        running.set(done);
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        long start = System.nanoTime();
        try {
            Arc.container().instance(RequestContext.class).get().onBehalfOf(job.requestedBy() + " (bulk job "
                    + job.id() + ")", job.requestId());
            LOG.infof("Bulk %s %s claimed (from %s)", job.kind().name().toLowerCase(), job.id(),
                    job.cursor() == null ? "the start" : "after " + job.cursor());
            boolean completed = job.kind() == BulkKind.IMPORT ? imports.run(job, instance, () -> stopping)
                    : exports.run(job, instance, () -> stopping);
            if (completed) {
                LOG.infof("Bulk %s %s completed in %d ms", job.kind().name().toLowerCase(), job.id(),
                        (System.nanoTime() - start) / 1_000_000);
            } else {
                jobs.release(job.id(), instance);
                LOG.infof("Bulk job %s handed back (this replica is stopping)", job.id());
            }
        } catch (BulkJobs.LeaseLost e) {
            LOG.infof("Bulk job %s: lease lost or job cancelled; stopped", job.id());
        } finally {
            request.terminate();
            running.set(null);
            done.countDown();
        }
    }

    private void housekeep() {
        Instant now = Timestamps.now();
        if (now.isBefore(nextHousekeeping)) {
            return;
        }
        nextHousekeeping = now.plusSeconds(60);
        int removed;
        do {
            removed = jobs.housekeep(now.minus(config.bulk().retention()), now.minusSeconds(3600), 10_000);
        } while (removed >= 10_000 && !stopping);
    }

    /** Before the datasource goes: stop between two patients and hand the job back. */
    void stop(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
        CountDownLatch done = running.get();
        if (done != null) {
            try {
                if (!done.await(20, TimeUnit.SECONDS)) {
                    LOG.warn("Bulk job still running at shutdown; another replica takes it over when its lease ends");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "replica" : host;
    }
}
