package org.myoline.observation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.myoline.engine.model.ObservationType;

@Schema(name = "Observation", requiredProperties = {"id", "patientId", "date", "type", "value", "version", "createdAt"}, description = "A dated measurement")
public record ObservationResponse(
        @Schema(description = "Server-assigned id", format = "uuid", example = "9a3c7d2e-1b0f-4c55-8e21-6f0b8c9d4a10") UUID id,
        @Schema(description = "The patient", format = "uuid", example = "0b6f4c1e-54a4-4a57-9d9a-8f0f1d7c2e11") UUID patientId,
        @Schema(description = "Date of the measurement", example = "2024-03-01") LocalDate date,
        @Schema(description = "What was measured", example = "WEIGHT_KG") ObservationType type,
        @Schema(description = "The value", example = "64.5") BigDecimal value,
        @Schema(description = "Version; also sent as the ETag", example = "0", minimum = "0") long version,
        @Schema(description = "When it was recorded", example = "2026-11-22T09:30:00Z") Instant createdAt,
        @Schema(description = "The laboratory's upper limit of normal (muscle enzymes)", example = "190") BigDecimal upperLimit) {

    static ObservationResponse of(Observation o) {
        return new ObservationResponse(o.id, o.patientId, o.date, o.type, o.value, o.version,
                o.createdAt, o.upperLimit);
    }
}
