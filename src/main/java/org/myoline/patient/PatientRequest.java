package org.myoline.patient;

import org.myoline.engine.model.Feature;
import org.myoline.engine.model.Subtype;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.myoline.common.Decimals;
import java.time.LocalDate;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PatientInput", description = "A patient as the client sends it (create or full replace)")
public record PatientRequest(
        @NotNull @Size(min = 1, max = 64) @Pattern(regexp = PatientRequest.MRN_PATTERN, message = "must contain only letters, digits, '.', '_' or '-'")
        @Schema(description = "Hospital medical record number, unique", example = "MRN-000123", minLength = 1,
                maxLength = 64, pattern = "^[A-Za-z0-9._-]{1,64}$", required = true) String mrn,
        @NotNull @Schema(description = "Date of birth", example = "1968-04-02", required = true) LocalDate birthDate,
        @NotNull @Schema(description = "Administrative sex", example = "female", required = true) Sex sex,
        @NotNull @Schema(description = "Disease subset", example = "CLASSIC", required = true) Subtype subtype,
        @Schema(description = "Date of diagnosis", example = "2024-01-15", nullable = true) LocalDate diagnosisDate,
        @Size(max = 8) @Schema(description = "Clinical features present since diagnosis (dated ones: "
                + "/patients/{id}/features). A feature present today only through a dated record is not stored here "
                + "again, so sending back the features a GET returned changes nothing.", uniqueItems = true, maxItems = 8,
                example = "[\"SKIN\", \"MUSCLE\"]") Set<@NotNull Feature> features,
        @DecimalMin(value = "0.5", message = "must be at least 0.5 kg") @DecimalMax(value = "400", message = "must be at most 400 kg")
        @Schema(description = "Body weight in kg (current; dated weights are observations)", example = "64.5",
                minimum = "0.5", maximum = "400", nullable = true) BigDecimal weightKg,
        @DecimalMin(value = "20", message = "must be at least 20 cm") @DecimalMax(value = "260", message = "must be at most 260 cm")
        @Schema(description = "Height in cm", example = "165", minimum = "20", maximum = "260", nullable = true)
        BigDecimal heightCm,
        @Schema(description = "When the subtype changes on an update: the date of the conversion (amyopathic to "
                + "classic, say), kept in subtypeHistory; without it a changed subtype is a correction", nullable = true,
                example = "2025-02-01") LocalDate subtypeSince) {

    /** What an MRN may hold (the contract states it as ^[A-Za-z0-9._-]{1,64}$). */
    public static final String MRN_PATTERN = "[A-Za-z0-9._-]+";
    static final java.util.regex.Pattern MRN = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");


    public PatientRequest {
        weightKg = Decimals.canonical(weightKg);
        heightCm = Decimals.canonical(heightCm);
    }
}
