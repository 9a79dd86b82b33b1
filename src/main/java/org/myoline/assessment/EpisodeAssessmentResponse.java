package org.myoline.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.myoline.engine.model.AssessedResponse;

@Schema(name = "EpisodeAssessment", requiredProperties = {"id", "patientId", "episodeId", "date", "category", "instrument",
        "version", "createdAt"}, description = "A dated response assessment of one episode")
public record EpisodeAssessmentResponse(
        @Schema(description = "Server-assigned id", format = "uuid", example = "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f") UUID id,
        @Schema(description = "The patient", format = "uuid", example = "0b6f4c1e-54a4-4a57-9d9a-8f0f1d7c2e11") UUID patientId,
        @Schema(description = "The episode", format = "uuid", example = "5d7c1c8e-3c1f-4f8a-9a43-2b8f6c0d9e01") UUID episodeId,
        @Schema(description = "Date of the visit", example = "2024-09-02") LocalDate date,
        @Schema(description = "The category", example = "NONE") AssessedResponse category,
        @Schema(description = "What it was judged by", example = "INVESTIGATOR") EpisodeAssessment.Instrument instrument,
        @Schema(description = "The instrument's score", example = "12.5") BigDecimal score,
        @Schema(description = "Free-text remark", maxLength = 2000) String note,
        @Schema(description = "Version; also sent as the ETag", example = "0", minimum = "0") long version,
        @Schema(description = "When it was recorded", example = "2026-11-22T09:30:00Z") Instant createdAt) {

    static EpisodeAssessmentResponse of(EpisodeAssessment a) {
        return new EpisodeAssessmentResponse(a.id, a.patientId, a.episodeId, a.date, a.category, a.instrument,
                a.score, a.note, a.version, a.createdAt);
    }
}
