package org.myoline.patient;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.myoline.engine.model.Feature;

@Schema(name = "FeatureInput", description = "A clinical feature with the date it began and, if it has, resolved")
public record FeatureSpanRequest(
        @NotNull @Schema(description = "The feature", example = "DYSPHAGIA", required = true) Feature feature,
        @NotNull @Schema(description = "First day it was present", example = "2024-03-04", required = true) LocalDate onset,
        @Schema(description = "First day it was no longer present; absent while present", example = "2024-09-01",
                nullable = true) LocalDate resolved) {
}
