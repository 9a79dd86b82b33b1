package org.myoline.engine.model;

import java.util.List;

/**
 * What an adequate trial of one drug is before its failure counts: a minimum dose in a given unit (adult
 * and juvenile), a minimum duration, and for course-based drugs a minimum number of courses. Null
 * thresholds are not checked. Part of the drug catalogue, with its source and evidence tag.
 */
public record AdequateTrial(Double minDose, DoseUnit unit, Double juvenileMinDose, DoseUnit juvenileUnit,
        int minDays, Integer minCourses, String source, String evidence, List<WeightBand> juvenileBands) {

    public AdequateTrial {
        juvenileBands = juvenileBands == null ? List.of() : List.copyOf(juvenileBands);
    }

    public AdequateTrial(Double minDose, DoseUnit unit, Double juvenileMinDose, DoseUnit juvenileUnit, int minDays,
            Integer minCourses, String source, String evidence) {
        this(minDose, unit, juvenileMinDose, juvenileUnit, minDays, minCourses, source, evidence, List.of());
    }

    /** A child's adequate dose by body weight: from {@code minKg} (inclusive) to {@code maxKg} (exclusive, null = no limit). */
    public record WeightBand(double minKg, Double maxKg, double minDose, DoseUnit unit) {
        public boolean covers(double kg) {
            return kg >= minKg && (maxKg == null || kg < maxKg);
        }
    }

    public String citation() {
        return Evidence.citation(source, evidence);
    }
}
