package org.myoline.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.myoline.engine.model.Feature;

@Schema(name = "PatientFeature", requiredProperties = {"id", "patientId", "feature", "onset", "version", "createdAt"},
        description = "A dated clinical feature")
public record FeatureSpanResponse(
        @Schema(description = "Server-assigned id", format = "uuid", example = "6e1d2c3b-4a59-4f68-8e7d-1c2b3a4d5e6f") UUID id,
        @Schema(description = "The patient", format = "uuid", example = "0b6f4c1e-54a4-4a57-9d9a-8f0f1d7c2e11") UUID patientId,
        @Schema(description = "The feature", example = "DYSPHAGIA") Feature feature,
        @Schema(description = "First day present", example = "2024-03-04") LocalDate onset,
        @Schema(description = "First day no longer present; absent while present", example = "2024-09-01") LocalDate resolved,
        @Schema(description = "Version; also sent as the ETag", example = "0", minimum = "0") long version,
        @Schema(description = "When it was recorded", example = "2026-11-22T09:30:00Z") Instant createdAt) {

    static FeatureSpanResponse of(FeatureSpan f) {
        return new FeatureSpanResponse(f.id, f.patientId, f.feature, f.onset, f.resolved, f.version, f.createdAt);
    }
}
