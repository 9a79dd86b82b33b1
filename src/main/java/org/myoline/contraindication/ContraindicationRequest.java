package org.myoline.contraindication;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.myoline.engine.model.ContraindicationKind;

@Schema(name = "ContraindicationInput",
        description = "A patient-level contraindication or preference, from a date and, if it ended, until one")
public record ContraindicationRequest(
        @NotNull @Schema(description = "What to avoid: glucocorticoids, cytotoxics, teratogenic drugs while planning a "
                + "pregnancy, or one named drug (AVOID_DRUG, with drug)", example = "AVOID_GLUCOCORTICOIDS", required = true)
        ContraindicationKind kind,
        @Size(min = 1, max = 64) @Schema(description = "The drug avoided (a code of GET /api/v1/drugs); required for "
                + "AVOID_DRUG and absent otherwise", example = "cyclophosphamide", nullable = true, maxLength = 64,
                pattern = "^[a-z0-9-]+$") String drug,
        @NotNull @Schema(description = "First day in force", example = "2024-01-15", required = true) LocalDate since,
        @Schema(description = "First day no longer in force; absent while in force (may be in the future, a planned end)",
                example = "2025-06-01", nullable = true) LocalDate until,
        @Size(max = 500) @Schema(description = "Why (diabetes, osteoporosis, psychosis, steroid-free protocol…)",
                example = "type 2 diabetes", nullable = true, maxLength = 500) String reason) {
}
