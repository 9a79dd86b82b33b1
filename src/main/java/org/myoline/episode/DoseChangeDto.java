package org.myoline.episode;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DoseChange", description = "From this date on, the drug is given at this dose")
public record DoseChangeDto(
        @NotNull @Schema(description = "Date of the change, inside the episode", example = "2024-03-01", required = true)
        LocalDate date,
        @NotNull @Valid @Schema(required = true) DoseDto dose) {
}
