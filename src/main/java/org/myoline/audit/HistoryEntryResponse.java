package org.myoline.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "HistoryEntry", requiredProperties = {"sequence", "at", "actor", "action", "resourceType", "resourceId"},
        description = "One change to a patient's data: who, when, what, before and after")
public record HistoryEntryResponse(
        @Schema(description = "Position in the audit trail (increasing)", example = "42", minimum = "1") long sequence,
        @Schema(description = "When the change was committed", example = "2026-11-22T09:30:00Z") Instant at,
        @Schema(description = "Subject of the token that made the change", example = "dr.house", maxLength = 200) String actor,
        @Schema(description = "X-Request-Id of the request that made the change", example = "c0ffee-42", maxLength = 100)
        String requestId,
        @Schema(description = "What happened", enumeration = {"CREATE", "UPDATE", "DELETE"}, example = "UPDATE") String action,
        @Schema(description = "Kind of resource", enumeration = {"Patient", "Episode", "Observation", "Event", "Assessment", "Feature", "Contraindication"},
                example = "Episode") String resourceType,
        @Schema(description = "Id of the resource", example = "5d7c1c8e-3c1f-4f8a-9a43-2b8f6c0d9e01") UUID resourceId,
        @Schema(description = "Stored state before the change (absent for a creation)", type = SchemaType.OBJECT,
                additionalProperties = Schema.True.class) Map<String, Object> before,
        @Schema(description = "Stored state after the change (absent for a deletion)", type = SchemaType.OBJECT,
                additionalProperties = Schema.True.class) Map<String, Object> after) {
}
