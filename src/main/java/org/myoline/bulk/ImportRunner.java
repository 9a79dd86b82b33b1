package org.myoline.bulk;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;
import org.myoline.config.MyolineConfig;
import org.myoline.fhir.FhirImportService;
import org.myoline.fhir.FhirImportService.LinesOutcome;
import org.myoline.fhir.FhirImportService.Writes;

/**
 * Works through a claimed import job patient by patient, in patient-key order from the job's cursor. A patient's
 * records and the cursor move commit in one transaction, so after a crash the job resumes at the first patient
 * not committed: nothing twice, nothing lost. A patient with a bad line is not written; its lines are recorded
 * as OperationOutcomes in the transaction that moves the cursor past it.
 */
@ApplicationScoped
public class ImportRunner {
    private static final Logger LOG = Logger.getLogger(ImportRunner.class);
    /** A patient that fails this many times in a row for reasons other than its data is rejected, not retried. */
    static final int ATTEMPTS = 3;

    @Inject
    BulkJobs jobs;

    @Inject
    FhirImportService imports;

    @Inject
    MyolineConfig config;

    /** Thrown inside the step's transaction to roll it back when a patient failed while being written. */
    private static final class WriteFailed extends RuntimeException {
        WriteFailed() {
            super(null, null, false, false);
        }
    }

    private final Map<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();

    /** Runs until the job is done, the lease is lost or {@code stop} says so; true when the job completed. */
    boolean run(BulkJobs.Job job, String instance, BooleanSupplier stop) {
        String cursor = job.cursor();
        long done = job.doneUnits();
        Tallies tallies = job.tallies();
        while (true) {
            List<String> keys = jobs.nextKeys(job.id(), cursor, config.bulk().patientsPerRead());
            if (keys.isEmpty()) {
                jobs.complete(job.id(), instance);
                return true;
            }
            Map<String, List<BulkJobs.Line>> groups = new LinkedHashMap<>();
            for (BulkJobs.Line line : jobs.lines(job.id(), cursor, keys.get(keys.size() - 1))) {
                groups.computeIfAbsent(line.patientKey(), k -> new ArrayList<>()).add(line);
            }
            for (Map.Entry<String, List<BulkJobs.Line>> group : groups.entrySet()) {
                if (stop.getAsBoolean()) {
                    return false;
                }
                tallies = patient(job.id(), instance, group.getKey(), group.getValue(), done + 1, tallies);
                done++;
                cursor = group.getKey();
            }
        }
    }

    /** One patient's lines: written with the cursor move, or rejected with it. Returns the new tallies. */
    private Tallies patient(UUID job, String instance, String key, List<BulkJobs.Line> lines, long done,
            Tallies before) {
        List<String> bodies = lines.stream().map(BulkJobs.Line::body).toList();
        if (lines.size() > FhirImportService.MAX_LINES_PER_PATIENT) {
            List<FhirImportService.LineResult> all = lines.stream().map(l -> new FhirImportService.LineResult(true,
                    List.of("the patient has more than " + FhirImportService.MAX_LINES_PER_PATIENT
                            + " lines; send them in several imports"))).toList();
            return record(job, instance, key, lines, new LinesOutcome(all, false), done, before);
        }
        try {
            Tallies[] after = new Tallies[1];
            QuarkusTransaction.requiringNew().run(() -> {
                LinesOutcome outcome = imports.importLines(bodies, Writes.CALLERS_TRANSACTION);
                if (outcome.writeFailed()) {
                    throw new WriteFailed();
                }
                after[0] = advance(job, instance, key, lines, outcome, done, before);
            });
            failures.remove(key);
            return after[0];
        } catch (WriteFailed e) {
            // Several patients under one key, one failing while written: each patient on its own, then the cursor.
            LinesOutcome outcome = imports.importLines(bodies, Writes.EACH_PATIENT);
            return record(job, instance, key, lines, outcome, done, before);
        } catch (BulkJobs.LeaseLost e) {
            throw e;
        } catch (RuntimeException e) {
            int count = failures.merge(key, 1, Integer::sum);
            if (count < ATTEMPTS) {
                throw e; // the database, most likely: the job is taken up again on the next poll
            }
            LOG.errorf(e, "Bulk import %s: patient %s failed %d times; its lines are rejected", job, key, count);
            failures.remove(key);
            List<FhirImportService.LineResult> all = lines.stream().map(l -> new FhirImportService.LineResult(true,
                    List.of("could not be written (" + e.getClass().getSimpleName() + "); see the service log")))
                    .toList();
            return record(job, instance, key, lines, new LinesOutcome(all, false), done, before);
        }
    }

    private Tallies record(UUID job, String instance, String key, List<BulkJobs.Line> lines, LinesOutcome outcome,
            long done, Tallies before) {
        return QuarkusTransaction.requiringNew().call(() -> advance(job, instance, key, lines, outcome, done, before));
    }

    /** In the step's transaction: rejected lines, tallies and the cursor. */
    private Tallies advance(UUID job, String instance, String key, List<BulkJobs.Line> lines, LinesOutcome outcome,
            long done, Tallies before) {
        Map<String, Long> read = new TreeMap<>();
        Map<String, Long> written = new TreeMap<>();
        List<BulkJobs.Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            BulkJobs.Line line = lines.get(i);
            FhirImportService.LineResult result = outcome.lines().get(i);
            read.merge(line.resourceType(), 1L, Long::sum);
            if (result.rejected()) {
                rejected.add(new BulkJobs.Rejected(line.file(), line.line(),
                        imports.rejection(line.line(), line.file(), result.reasons())));
            } else {
                written.merge(line.resourceType(), 1L, Long::sum);
            }
        }
        Tallies after = before.plus(read, written, rejected.isEmpty());
        jobs.reject(job, rejected);
        jobs.advance(job, instance, config.bulk().lease(), key, done, after);
        return after;
    }
}
