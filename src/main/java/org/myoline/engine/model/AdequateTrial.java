package org.myoline.engine.model;

/**
 * What an adequate trial of one drug is before its failure counts: a minimum dose in a given unit (adult
 * and juvenile), a minimum duration, and for course-based drugs a minimum number of courses. Null
 * thresholds are not checked. Part of the drug catalogue, with its source and evidence tag.
 */
public record AdequateTrial(Double minDose, DoseUnit unit, Double juvenileMinDose, DoseUnit juvenileUnit,
        int minDays, Integer minCourses, String source, String evidence) {

    public String citation() {
        return Evidence.citation(source, evidence);
    }
}
