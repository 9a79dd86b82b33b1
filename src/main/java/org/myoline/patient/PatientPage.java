package org.myoline.patient;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.myoline.api.Page;

@Schema(name = "PatientPage", requiredProperties = {"items", "page", "size", "totalItems", "totalPages"}, description = "One page of patients")
public record PatientPage(
        @Schema(description = "Patients on this page", maxItems = 200) List<PatientResponse> items,
        @Schema(description = "Page number, from 0", example = "0", minimum = "0") int page,
        @Schema(description = "Requested page size", example = "20", minimum = "1", maximum = "200") int size,
        @Schema(description = "Patients across all pages", example = "42", minimum = "0") long totalItems,
        @Schema(description = "Number of pages", example = "3", minimum = "0") int totalPages) {

    static PatientPage of(List<PatientResponse> items, int page, int size, long totalItems) {
        return new PatientPage(items, page, size, totalItems, Page.totalPages(totalItems, size));
    }
}
