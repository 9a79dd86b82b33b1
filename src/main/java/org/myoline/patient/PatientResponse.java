package org.myoline.patient;

import org.myoline.engine.model.Feature;
import org.myoline.engine.model.Subtype;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Patient", requiredProperties = {"id", "mrn", "birthDate", "sex", "subtype", "features", "version", "createdAt", "updatedAt"}, description = "A patient with dermatomyositis")
public record PatientResponse(
        @Schema(description = "Server-assigned id", example = "0b6f4c1e-54a4-4a57-9d9a-8f0f1d7c2e11", format = "uuid")
        UUID id,
        @Schema(description = "Hospital medical record number", example = "MRN-000123", maxLength = 64) String mrn,
        @Schema(description = "Date of birth", example = "1968-04-02") LocalDate birthDate,
        @Schema(description = "Administrative sex", example = "female") Sex sex,
        @Schema(description = "Disease subset", example = "CLASSIC") Subtype subtype,
        @Schema(description = "Date of diagnosis", example = "2024-01-15") LocalDate diagnosisDate,
        @Schema(description = "Clinical features present today: those since diagnosis and the dated ones begun and not "
                + "resolved, in declaration order", uniqueItems = true, maxItems = 8) Set<Feature> features,
        @Schema(description = "Body weight in kg", example = "64.5") BigDecimal weightKg,
        @Schema(description = "Height in cm", example = "165") BigDecimal heightCm,
        @Schema(description = "Version for optimistic concurrency; also sent as the ETag", example = "0", minimum = "0")
        long version,
        @Schema(description = "When the patient was created", example = "2026-11-22T09:30:00Z") Instant createdAt,
        @Schema(description = "When the patient was last changed", example = "2026-11-22T09:30:00Z") Instant updatedAt,
        @Schema(description = "Date of the last subtype conversion; absent if none was recorded", example = "2025-02-01")
        LocalDate subtypeSince,
        @Schema(description = "Dated subtype conversions, oldest first; absent if none", maxItems = 20)
        List<SubtypeChangeResponse> subtypeHistory) {

    @Schema(name = "SubtypeChange", requiredProperties = {"date", "from", "to"}, description = "A dated subtype conversion")
    public record SubtypeChangeResponse(
            @Schema(description = "Date of the conversion", example = "2025-02-01") LocalDate date,
            @Schema(description = "Subset before", example = "AMYOPATHIC") Subtype from,
            @Schema(description = "Subset from that date", example = "CLASSIC") Subtype to) {
    }

    /** The patient as of {@code today}, with its dated features. */
    public static PatientResponse of(Patient p, List<FeatureSpan> spans, LocalDate today) {
        Set<Feature> present = new TreeSet<>(p.features);
        spans.stream().filter(s -> s.patientId.equals(p.id) && s.presentOn(today)).forEach(s -> present.add(s.feature));
        List<SubtypeChangeResponse> history = p.subtypeChanges.stream()
                .map(c -> new SubtypeChangeResponse(c.date, c.from, c.to)).toList();
        return new PatientResponse(p.id, p.mrn, p.birthDate, p.sex, p.subtype, p.diagnosisDate, present, p.weightKg,
                p.heightCm, p.version, p.createdAt, p.updatedAt,
                history.isEmpty() ? null : history.get(history.size() - 1).date(), history.isEmpty() ? null : history);
    }
}
