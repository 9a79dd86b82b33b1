package org.myoline.catalogue;

import java.util.List;

/** One agent of the drug catalogue, as read from {@code catalogue/drugs.json}. */
public record Drug(
        String code,
        String name,
        DrugClass drugClass,
        Integer tier,
        Role role,
        Track track,
        List<Coding> atc,
        Coding rxnormIngredient,
        int persistenceDays,
        // Given in courses or cycles (infusions): coverage lasts persistenceDays past the last course.
        boolean courseBased,
        boolean withdrawn,
        Double prednisoneEquivalence,
        String note,
        // Further RxNorm ingredients that mean this catalogue drug (e.g. mycophenolic acid for mycophenolate).
        List<String> additionalRxcuis,
        // What an adequate trial of it is before a failure counts; null = the rules' default trial.
        Trial adequateTrial,
        // False for agents the tier ladder never lists on its own (only a rule for a situation may propose them).
        Boolean onLadder,
        // Course-based drugs: the usual days between courses, at which an ongoing series accrues courses.
        Integer courseIntervalDays) {

    public Drug {
        onLadder = onLadder == null || onLadder;
        atc = atc == null ? List.of() : List.copyOf(atc);
        additionalRxcuis = additionalRxcuis == null ? List.of() : List.copyOf(additionalRxcuis);
    }

    public enum DrugClass {
        TOPICAL, GLUCOCORTICOID, ANTIMALARIAL, CSDMARD, CALCINEURIN_INHIBITOR, IMMUNOGLOBULIN, ANTI_CD20,
        ALKYLATING_AGENT, JAK_INHIBITOR, TNF_INHIBITOR, IMMUNOMODULATOR, ANTI_CD11A, CALCINOSIS_AGENT,
        PDE4_INHIBITOR, ANTI_IFNAR, PROCEDURE
    }

    /** Background agents never advance a line of therapy on their own (docs/clinical-evidence.md §5). */
    public enum Role { BACKGROUND, DISEASE_MODIFYING }

    /** Calcinosis agents run on a parallel track that does not change the myositis tier (docs/clinical-evidence.md §6.1). */
    public enum Track { MYOSITIS, CALCINOSIS }

    /** A code with the evidence tag of where it was read (docs/clinical-evidence.md): V verified, S secondary, U unverified. */
    public record Coding(String code, String evidence, String note) {
    }

    /**
     * An adequate trial: a minimum dose in a unit (adult, and juvenile where known), a minimum duration, and
     * for course-based drugs a minimum number of courses; absent thresholds are not checked.
     */
    public record Trial(Double minDose, String unit, Double juvenileMinDose, String juvenileUnit, int minDays,
            Integer minCourses, String source, String evidence, List<WeightBand> juvenileBands) {
        public Trial {
            juvenileBands = juvenileBands == null ? List.of() : List.copyOf(juvenileBands);
        }
    }

    /** A child's adequate dose by body weight, from minKg (inclusive) to maxKg (exclusive; absent = no limit). */
    public record WeightBand(double minKg, Double maxKg, double minDose, String unit) {
    }

    /** The dose-unit plausibility ceiling: values above it are taken for typing errors, not doses. */
    public record DoseUnitLimit(String code, double maxValue, String meaning) {
    }
}
