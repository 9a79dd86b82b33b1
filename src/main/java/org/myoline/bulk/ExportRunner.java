package org.myoline.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.myoline.api.ApiException;
import org.myoline.audit.AccessLog;
import org.myoline.config.MyolineConfig;
import org.myoline.fhir.FhirExportService;
import org.myoline.patient.PatientRepository;

/**
 * Works through a claimed export job a chunk of patients at a time, in id order from the job's cursor: the chunk's
 * NDJSON, one row per resource type, is stored in the transaction that moves the cursor, so a job taken over
 * after a crash neither repeats nor skips a patient. Each exported patient is an access record of the requester.
 */
@ApplicationScoped
public class ExportRunner {

    @Inject
    BulkJobs jobs;

    @Inject
    FhirExportService export;

    @Inject
    PatientRepository patients;

    @Inject
    AccessLog accessLog;

    @Inject
    ObjectMapper json;

    @Inject
    MyolineConfig config;

    /** What the kick-off asked for: resource types (empty: the default set) and patients (empty: all). */
    public record Parameters(Set<String> types, List<UUID> patients) {
    }

    boolean run(BulkJobs.Job job, String instance, BooleanSupplier stop) {
        Parameters parameters;
        try {
            parameters = json.readValue(job.parameters(), Parameters.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable export parameters of job " + job.id(), e);
        }
        String cursor = job.cursor();
        long done = job.doneUnits();
        int chunk = config.bulk().patientsPerChunk();
        while (!stop.getAsBoolean()) {
            List<UUID> ids = next(parameters, cursor, chunk);
            if (ids.isEmpty()) {
                jobs.complete(job.id(), instance);
                return true;
            }
            int seq = (int) (done / chunk) + 1;
            long exported = done + ids.size();
            String last = ids.get(ids.size() - 1).toString();
            List<UUID> written = QuarkusTransaction.requiringNew().call(() -> {
                Map<String, Output> outputs = new TreeMap<>();
                List<UUID> present = new ArrayList<>();
                for (UUID id : ids) {
                    try {
                        export.ndjson(id, parameters.types(), (type, line) -> outputs
                                .computeIfAbsent(type, t -> new Output()).add(line));
                        present.add(id);
                    } catch (ApiException gone) {
                        // deleted after the kick-off: simply not in the files
                    }
                }
                for (Map.Entry<String, Output> o : outputs.entrySet()) {
                    jobs.output(job.id(), o.getKey(), seq, o.getValue().lines, o.getValue().bytes.toByteArray());
                }
                jobs.advance(job.id(), instance, config.bulk().lease(), last, exported, job.tallies());
                return present;
            });
            List<AccessLog.Entry> seen = written.stream().map(id -> new AccessLog.Entry(java.time.Instant.now(),
                    job.requestedBy(), job.client(), id, "exportFhirNdjson", job.requestId(), 200)).toList();
            accessLog.record(seen);
            cursor = last;
            done = exported;
        }
        return false;
    }

    private List<UUID> next(Parameters parameters, String cursor, int limit) {
        if (parameters.patients() == null || parameters.patients().isEmpty()) {
            UUID after = cursor == null ? null : UUID.fromString(cursor);
            return QuarkusTransaction.requiringNew().call(() -> patients.idsAfter(after, limit));
        }
        return parameters.patients().stream().sorted(Comparator.comparing(UUID::toString))
                .filter(id -> cursor == null || id.toString().compareTo(cursor) > 0).limit(limit).toList();
    }

    /** One resource type's lines of a chunk. */
    private static final class Output {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int lines;

        void add(byte[] line) {
            try {
                bytes.write(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bytes.write('\n');
            lines++;
        }
    }
}
