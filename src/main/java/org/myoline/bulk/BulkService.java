package org.myoline.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.myoline.api.ApiException;
import org.myoline.fhir.BulkKickoff;
import org.myoline.api.RequestContext;
import org.myoline.security.PatientScope;
import org.myoline.security.ScopeAugmentor;

/**
 * Kick-off, status, cancellation and files of asynchronous bulk jobs (FHIR Bulk Data Access). A job is visible
 * only to whoever started it (the token's subject); to anyone else it does not exist.
 */
@ApplicationScoped
public class BulkService implements BulkKickoff {
    public static final String ERRORS_FILE = "errors.ndjson";

    @Inject
    BulkJobs jobs;

    @Inject
    ImportStaging staging;

    @Inject
    RequestContext request;

    @Inject
    SecurityIdentity identity;

    @Inject
    PatientScope scope;

    @Inject
    ObjectMapper json;

    @Inject
    org.myoline.config.MyolineConfig config;

    /** Where a job stands, for the status URL: its progress, or its manifest and when it expires. */
    public record Status(BulkKind kind, BulkState state, long total, long done, Optional<BulkManifest> manifest,
            String expires) {
        public String progress() {
            if (state == BulkState.QUEUED) {
                return "queued";
            }
            long percent = total == 0 ? 0 : Math.min(100, done * 100 / total);
            return percent + "% (" + done + " of " + total + " patients " + (kind == BulkKind.IMPORT ? "imported"
                    : "exported") + ")";
        }
    }

    /**
     * Streams the files of an import feed into the job's staging table and queues the job; the answer is the job
     * id. Nothing of the feed is held in memory beyond one line.
     */
    @Override
    public UUID startImport(URI requestUrl, List<Feed> files) {
        scope.requireUnscoped("start a bulk import");
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> jobs.create(id, BulkKind.IMPORT, BulkState.UPLOADING,
                requestUrl.toString(), request.actor(), client(), request.requestId(), null));
        try {
            long staged = 0;
            for (int i = 0; i < files.size(); i++) {
                try (InputStream in = files.get(i).open()) {
                    staged += staging.stage(id, i + 1, in);
                }
            }
            if (staged == 0 && jobs.rejectionCount(id) == 0) {
                throw new BulkKickoff.EmptyFeed();
            }
            long patients = jobs.distinctPatients(id);
            QuarkusTransaction.requiringNew().run(() -> jobs.queue(id, patients));
            return id;
        } catch (IOException e) {
            jobs.delete(id);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            jobs.delete(id);
            throw e;
        }
    }

    /** Queues an export of the given types and patients (empty: every patient, or the token's patient). */
    @Override
    public UUID startExport(URI requestUrl, Set<String> types, List<UUID> patients, long patientCount) {
        UUID id = UUID.randomUUID();
        String parameters;
        try {
            parameters = json.writeValueAsString(new ExportRunner.Parameters(types, patients));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            jobs.create(id, BulkKind.EXPORT, BulkState.UPLOADING, requestUrl.toString(), request.actor(), client(),
                    request.requestId(), parameters);
            jobs.queue(id, patientCount);
        });
        return id;
    }

    public Status status(UUID id, URI base) {
        BulkJobs.Job job = owned(id);
        if (job.state() != BulkState.COMPLETED) {
            return new Status(job.kind(), job.state(), job.totalUnits(), job.doneUnits(), Optional.empty(), null);
        }
        String files = base.toString().replaceAll("/$", "") + JOBS_PATH + id + "/files/";
        List<BulkManifest.BulkFile> output = new ArrayList<>();
        List<BulkManifest.BulkFile> error = new ArrayList<>();
        BulkManifest.ImportSummary summary = null;
        if (job.kind() == BulkKind.EXPORT) {
            for (BulkJobs.OutputFile f : jobs.outputs(id)) {
                output.add(new BulkManifest.BulkFile(f.type(), files + f.type() + ".ndjson", f.count()));
            }
        } else {
            long rejected = jobs.rejectionCount(id);
            if (rejected > 0) {
                error.add(new BulkManifest.BulkFile("OperationOutcome", files + ERRORS_FILE, rejected));
            }
            Tallies t = job.tallies();
            summary = new BulkManifest.ImportSummary(t.patientsWritten(), t.patientsRejected(), rejected,
                    BulkManifest.TypeCount.of(t.read()), BulkManifest.TypeCount.of(t.written()));
        }
        Instant expires = job.finishedAt().plus(config.bulk().retention());
        return new Status(job.kind(), job.state(), job.totalUnits(), job.doneUnits(), Optional.of(new BulkManifest(
                job.createdAt(), job.requestUrl(), true, output, error, summary)),
                DateTimeFormatter.RFC_1123_DATE_TIME.format(expires.atZone(ZoneOffset.UTC)));
    }

    /** Cancels the job: it stops after the patient it is on, and its staged input and files are removed. */
    public void cancel(UUID id) {
        owned(id);
        jobs.delete(id);
    }

    /** The name of a file of a finished job, checked: a resource type of its output, or the error file. */
    public BulkJobs.Job file(UUID id, String name) {
        BulkJobs.Job job = owned(id);
        if (job.state() != BulkState.COMPLETED) {
            throw ApiException.notFound("Bulk file", name);
        }
        boolean known = job.kind() == BulkKind.IMPORT ? name.equals(ERRORS_FILE)
                : jobs.outputs(id).stream().anyMatch(f -> (f.type() + ".ndjson").equals(name));
        if (!known) {
            throw ApiException.notFound("Bulk file", name);
        }
        return job;
    }

    private BulkJobs.Job owned(UUID id) {
        Optional<BulkJobs.Job> job = jobs.find(id);
        if (job.isEmpty() || job.get().state() == BulkState.UPLOADING
                || !job.get().requestedBy().equals(request.actor())) {
            throw ApiException.notFound("Bulk job", id);
        }
        return job.get();
    }

    private String client() {
        return identity.getAttribute(ScopeAugmentor.CLIENT);
    }
}
