package org.myoline.assessment;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.myoline.common.Decimals;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.myoline.engine.model.AssessedResponse;

@Schema(name = "AssessmentInput", description = "A dated response assessment of one episode, as recorded at a visit")
public record EpisodeAssessmentRequest(
        @NotNull @Schema(description = "Date of the visit", example = "2024-09-02", required = true) LocalDate date,
        @NotNull @Schema(description = "MAJOR, PARTIAL, NONE (no minimal improvement) or WORSENING", example = "NONE",
                required = true) AssessedResponse category,
        @NotNull @Schema(description = "What the response was judged by", example = "INVESTIGATOR", required = true)
        EpisodeAssessment.Instrument instrument,
        @DecimalMin("0") @DecimalMax("1000") @Digits(integer = 4, fraction = 2)
        @Schema(description = "The instrument's score, if it has one (TIS 0–100, CDASI 0–100)", example = "12.5",
                minimum = "0", maximum = "1000", nullable = true) BigDecimal score,
        @Size(max = 2000) @Schema(description = "Free-text remark", maxLength = 2000, nullable = true,
                example = "Still weak climbing stairs") String note) {

    public EpisodeAssessmentRequest {
        score = Decimals.canonical(score);
    }
}
