package org.myoline.event;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.myoline.engine.model.DiseaseDomain;
import org.myoline.engine.model.EventType;

@Schema(name = "Event", requiredProperties = {"id", "patientId", "date", "type", "domain", "version", "createdAt"}, description = "A dated flare, relapse or remission")
public record DiseaseEventResponse(
        @Schema(description = "Server-assigned id", format = "uuid", example = "3f2b9c1d-7a6e-4d1b-b2c4-0e9f8a7b6c5d") UUID id,
        @Schema(description = "The patient", format = "uuid", example = "0b6f4c1e-54a4-4a57-9d9a-8f0f1d7c2e11") UUID patientId,
        @Schema(description = "Date of the event", example = "2024-06-10") LocalDate date,
        @Schema(description = "Kind of event", example = "RELAPSE") EventType type,
        @Schema(description = "Organ domain", example = "SKIN") DiseaseDomain domain,
        @Schema(description = "Related treatment episode", format = "uuid",
                example = "5d7c1c8e-3c1f-4f8a-9a43-2b8f6c0d9e01") UUID episodeId,
        @Schema(description = "Version; also sent as the ETag", example = "0", minimum = "0") long version,
        @Schema(description = "When it was recorded", example = "2026-11-22T09:30:00Z") Instant createdAt) {

    static DiseaseEventResponse of(DiseaseEvent e) {
        return new DiseaseEventResponse(e.id, e.patientId, e.date, e.type, e.domain, e.episodeId, e.version, e.createdAt);
    }
}
