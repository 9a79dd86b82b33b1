package org.myoline.audit;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "HistoryPage", requiredProperties = {"items", "page", "size", "totalItems", "totalPages"},
        description = "One page of a patient's audit trail, oldest first")
public record HistoryPage(
        @Schema(description = "Entries on this page", maxItems = 200) List<HistoryEntryResponse> items,
        @Schema(description = "Page number, from 0", example = "0", minimum = "0") int page,
        @Schema(description = "Requested page size", example = "50", minimum = "1", maximum = "200") int size,
        @Schema(description = "Entries across all pages", example = "7", minimum = "0") long totalItems,
        @Schema(description = "Number of pages", example = "1", minimum = "0") int totalPages) {
}
