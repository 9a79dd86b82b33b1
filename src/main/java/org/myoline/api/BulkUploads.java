package org.myoline.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/**
 * The one kind of request whose body is not held to the ordinary body limit: the kick-off of an asynchronous
 * bulk import, which is streamed to the database line by line rather than read into memory.
 */
public final class BulkUploads {
    public static final String IMPORT_PATH = "/api/v1/fhir/$import";

    private BulkUploads() {
    }

    static boolean isBulkUpload(HttpServerRequest request) {
        String path = request.path();
        return request.method() == HttpMethod.POST && path != null
                && (path.equals(IMPORT_PATH) || path.equalsIgnoreCase("/api/v1/fhir/%24import"))
                && respondAsync(request.getHeader("Prefer"));
    }

    /** Prefer: respond-async (RFC 7240), among other preferences. */
    public static boolean respondAsync(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String part : prefer.split(",")) {
            if (part.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("respond-async")) {
                return true;
            }
        }
        return false;
    }
}
