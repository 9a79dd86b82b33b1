package org.myoline.episode;

import org.myoline.engine.model.StopReason;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.Route;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Episode", requiredProperties = {"id", "patientId", "drug", "route", "dose", "startDate", "doseChanges", "response", "version", "createdAt", "updatedAt"}, description = "A treatment episode")
public record EpisodeResponse(
        @Schema(description = "Server-assigned id", format = "uuid", example = "5d7c1c8e-3c1f-4f8a-9a43-2b8f6c0d9e01") UUID id,
        @Schema(description = "The patient", format = "uuid", example = "0b6f4c1e-54a4-4a57-9d9a-8f0f1d7c2e11") UUID patientId,
        @Schema(description = "Drug code from the catalogue", example = "methotrexate", maxLength = 64) String drug,
        @Schema(description = "Route of administration", example = "SC") Route route,
        @Schema(description = "Starting dose") DoseDto dose,
        @Schema(description = "First day", example = "2024-01-20") LocalDate startDate,
        @Schema(description = "Last day; absent while ongoing", example = "2024-07-20") LocalDate endDate,
        @Schema(description = "Dose changes in date order", maxItems = 200) List<DoseChangeDto> doseChanges,
        @Schema(description = "Response", example = "PARTIAL") ResponseCategory response,
        @Schema(description = "Why the episode ended", example = "INEFFICACY") StopReason stopReason,
        @Schema(description = "Number of courses or cycles", example = "4") Integer courses,
        @Schema(description = "Free-text remarks", maxLength = 4000) String notes,
        @Schema(description = "Version for optimistic concurrency; also sent as the ETag", example = "0", minimum = "0")
        long version,
        @Schema(description = "When the episode was recorded", example = "2026-11-22T09:30:00Z") Instant createdAt,
        @Schema(description = "When the episode was last changed", example = "2026-11-22T09:30:00Z") Instant updatedAt,
        @Schema(description = "The intended regimen; absent when not recorded") ScheduleDto schedule) {

    public static EpisodeResponse of(TreatmentEpisode e) {
        return new EpisodeResponse(e.id, e.patientId, e.drug, e.route, DoseDto.of(e.dose), e.startDate, e.endDate,
                e.doseChanges.stream().map(c -> new DoseChangeDto(c.date, DoseDto.of(c.dose))).toList(),
                e.response, e.stopReason, e.courses, e.notes, e.version, e.createdAt, e.updatedAt,
                ScheduleDto.of(e.schedule));
    }
}
