package org.myoline.episode;

import org.myoline.engine.model.DoseUnit;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import org.myoline.common.Decimals;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Dose", description = "A dose as a value and a UCUM unit")
public record DoseDto(
        @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
        @Digits(integer = 8, fraction = 4, message = "must have at most 8 integer and 4 decimal digits")
        @Schema(description = "Amount; must be positive and below the unit's plausibility ceiling",
                example = "15", exclusiveMinimum = true, minimum = "0", maximum = "30000", required = true)
        BigDecimal value,
        @NotNull @Pattern(regexp = DoseUnit.PATTERN, message = "must be one of " + DoseUnit.LIST)
        @Schema(description = "UCUM unit", required = true, example = "mg/wk",
                enumeration = {"mg/d", "mg/kg/d", "mg/wk", "mg/kg/wk", "mg/m2/wk", "g/kg", "mg/kg", "mg/m2", "mg", "g",
                        "g/kg/d", "mg/m2/d", "g/m2", "{session}"})
        String unit) {

    public DoseDto {
        value = Decimals.canonical(value);
    }

    static DoseDto of(Dose dose) {
        return new DoseDto(dose.value, dose.unit.ucum());
    }

    Dose toDose() {
        return new Dose(value, DoseUnit.fromUcum(unit).orElseThrow());
    }
}
