package org.myoline.observation;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.myoline.common.Decimals;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.myoline.engine.model.ObservationType;

@Schema(name = "ObservationInput", description = "A dated measurement as the client sends it")
public record ObservationRequest(
        @NotNull @Schema(description = "Date of the measurement", example = "2024-03-01", required = true) LocalDate date,
        @NotNull @Schema(description = "What was measured; the value's unit follows from it (kg, cm, U/L, score)",
                example = "WEIGHT_KG", required = true) ObservationType type,
        @NotNull @DecimalMin("0") @Digits(integer = 9, fraction = 3)
        @Schema(description = "The value, within the plausible range of its type", example = "64.5", minimum = "0",
                maximum = "1000000", required = true) BigDecimal value,
        @DecimalMin(value = "0", inclusive = false) @Digits(integer = 9, fraction = 3)
        @Schema(description = "The laboratory's upper limit of normal, for muscle enzymes (CK, aldolase, ALT, AST, LDH): "
                + "needed to score the core set", example = "190", minimum = "0", exclusiveMinimum = true,
                maximum = "1000000", nullable = true) BigDecimal upperLimit) {

    public ObservationRequest {
        value = Decimals.canonical(value);
        upperLimit = Decimals.canonical(upperLimit);
    }
}
