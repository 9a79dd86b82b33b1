package org.myoline.episode;

import org.myoline.engine.model.StopReason;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.Route;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EpisodeInput", description = "A treatment episode as the client sends it (create or full replace)")
public record EpisodeRequest(
        @NotNull @Size(min = 1, max = 64) @Pattern(regexp = "[a-z0-9-]+", message = "must be a catalogue code (lower case, digits, '-')")
        @Schema(description = "Drug code from the catalogue (GET /api/v1/drugs)", example = "methotrexate",
                minLength = 1, maxLength = 64, pattern = "^[a-z0-9-]{1,64}$", required = true) String drug,
        @NotNull @Schema(description = "Route of administration", example = "SC", required = true) Route route,
        @NotNull @Valid @Schema(description = "Starting dose", required = true) DoseDto dose,
        @NotNull @Schema(description = "First day of the episode", example = "2024-01-20", required = true) LocalDate startDate,
        @Schema(description = "Last day; absent while ongoing", example = "2024-07-20", nullable = true) LocalDate endDate,
        @Size(max = 200) @Schema(description = "Dose changes inside the episode, in date order", maxItems = 200)
        List<@NotNull @Valid DoseChangeDto> doseChanges,
        @Schema(description = "Response to this episode; NOT_ASSESSED when absent", example = "PARTIAL", nullable = true)
        ResponseCategory response,
        @Schema(description = "Why the episode ended; requires endDate", example = "INEFFICACY", nullable = true)
        StopReason stopReason,
        @Min(1) @Max(1000) @Schema(description = "Number of courses or cycles (IVIg, rituximab, cyclophosphamide)",
                example = "4", minimum = "1", maximum = "1000", nullable = true) Integer courses,
        @Size(max = 4000) @Schema(description = "Free-text remarks", maxLength = 4000, nullable = true,
                example = "Given subcutaneously from the start") String notes,
        @Valid @Schema(description = "The intended regimen (interval, count, days per course, times a week); courses "
                + "given under it count towards adequacy", nullable = true) ScheduleDto schedule) {
}
