package org.myoline.audit;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a patient's read-access log. */
@Schema(name = "AccessLogPage", requiredProperties = {"items", "page", "size", "totalItems", "totalPages"},
        description = "One page of a patient's read-access log, newest first")
public record AccessLogResponse(
        @Schema(description = "Records on this page", maxItems = 200) List<Item> items,
        @Schema(description = "Page number, from 0", example = "0", minimum = "0") int page,
        @Schema(description = "Requested page size", example = "50", minimum = "1", maximum = "200") int size,
        @Schema(description = "Records across all pages", example = "7", minimum = "0") long totalItems,
        @Schema(description = "Number of pages", example = "1", minimum = "0") int totalPages) {

    @Schema(name = "AccessRecord", requiredProperties = {"sequence", "at", "actor", "operation", "outcome"},
            description = "One request that read (or was refused) this patient's data")
    public record Item(
            @Schema(description = "Position in the access log (increasing)", example = "42", minimum = "1") long sequence,
            @Schema(description = "When the request was answered", example = "2026-11-22T09:30:00Z") Instant at,
            @Schema(description = "Subject of the token", example = "dr.house", maxLength = 200) String actor,
            @Schema(description = "OAuth client the token was issued to (azp or client_id), when it says", example = "ehr-app",
                    maxLength = 200) String client,
            @Schema(description = "The contract's operationId of the read", example = "getTimeline", maxLength = 200)
            String operation,
            @Schema(description = "X-Request-Id of the request", example = "c0ffee-42", maxLength = 100) String requestId,
            @Schema(description = "HTTP status answered: 2xx served, 304 revalidated, 403 refused", example = "200",
                    minimum = "100", maximum = "599") int outcome) {
    }
}
