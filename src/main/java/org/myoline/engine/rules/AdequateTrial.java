package org.myoline.engine.rules;

import org.myoline.engine.model.DoseUnit;

/**
 * What an adequate trial of one drug is before its failure counts (domain.md §1.4, §6.7): a minimum
 * dose in a given unit (adult and juvenile), a minimum duration, and for course-based drugs a minimum
 * number of courses. Null thresholds are not checked.
 */
public record AdequateTrial(String drug, Double minDose, DoseUnit unit, Double juvenileMinDose, DoseUnit juvenileUnit,
        int minDays, Integer minCourses, String source, String evidence) {

    public String citation() {
        return source + " [" + evidence + (evidence.equals("U") ? ": unverified default, configurable" : "") + "]";
    }
}
