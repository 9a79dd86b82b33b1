package org.myoline.contraindication;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.myoline.engine.model.ContraindicationKind;

@Schema(name = "Contraindication", requiredProperties = {"id", "patientId", "kind", "since", "version", "createdAt"},
        description = "A patient-level contraindication or preference the next steps honour while it is in force")
public record ContraindicationResponse(
        @Schema(description = "Server-assigned id", format = "uuid", example = "8a7b6c5d-4e3f-4a1b-9c2d-3e4f5a6b7c8d") UUID id,
        @Schema(description = "The patient", format = "uuid", example = "0b6f4c1e-54a4-4a57-9d9a-8f0f1d7c2e11") UUID patientId,
        @Schema(description = "What is avoided", example = "AVOID_GLUCOCORTICOIDS") ContraindicationKind kind,
        @Schema(description = "The drug avoided, for AVOID_DRUG", example = "cyclophosphamide", maxLength = 64) String drug,
        @Schema(description = "First day in force", example = "2024-01-15") LocalDate since,
        @Schema(description = "First day no longer in force; absent while in force", example = "2025-06-01") LocalDate until,
        @Schema(description = "Why", example = "type 2 diabetes", maxLength = 500) String reason,
        @Schema(description = "Version; also sent as the ETag", example = "0", minimum = "0") long version,
        @Schema(description = "When it was recorded", example = "2026-11-22T09:30:00Z") Instant createdAt) {

    static ContraindicationResponse of(Contraindication c) {
        return new ContraindicationResponse(c.id, c.patientId, c.kind, c.drug, c.since, c.until, c.reason, c.version,
                c.createdAt);
    }
}
