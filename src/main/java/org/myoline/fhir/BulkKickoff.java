package org.myoline.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Starting an asynchronous bulk job (implemented by the bulk package, which depends on this one): the FHIR
 * operations hand their {@code Prefer: respond-async} requests over here.
 */
public interface BulkKickoff {
    /** Where the status URLs of jobs live, under the API's base URI. */
    String JOBS_PATH = "/api/v1/fhir/bulk-jobs/";

    /** A file of an import feed, opened when it is its turn. */
    interface Feed {
        InputStream open() throws IOException;
    }

    /** The feed had no resources at all: nothing is queued. */
    final class EmptyFeed extends RuntimeException {
        public EmptyFeed() {
            super("the feed has no resources (one FHIR resource per line)", null, false, false);
        }
    }

    /** Streams the feed into durable storage and queues the import; returns the job id (or throws EmptyFeed). */
    UUID startImport(URI requestUrl, List<Feed> files);

    /** Queues an export of these types (empty: the default set) and patients (empty: every patient). */
    UUID startExport(URI requestUrl, Set<String> types, List<UUID> patients, long patientCount);
}
