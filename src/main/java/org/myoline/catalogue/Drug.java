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
        List<String> additionalRxcuis) {

    public Drug {
        atc = atc == null ? List.of() : List.copyOf(atc);
        additionalRxcuis = additionalRxcuis == null ? List.of() : List.copyOf(additionalRxcuis);
    }

    public enum DrugClass {
        TOPICAL, GLUCOCORTICOID, ANTIMALARIAL, CSDMARD, CALCINEURIN_INHIBITOR, IMMUNOGLOBULIN, ANTI_CD20,
        ALKYLATING_AGENT, JAK_INHIBITOR, TNF_INHIBITOR, IMMUNOMODULATOR, ANTI_CD11A, CALCINOSIS_AGENT
    }

    /** Background agents never advance a line of therapy on their own (domain.md §5.4). */
    public enum Role { BACKGROUND, DISEASE_MODIFYING }

    /** Calcinosis agents run on a parallel track that does not change the myositis tier (domain.md §2.5). */
    public enum Track { MYOSITIS, CALCINOSIS }

    /** A code with the evidence tag domain.md gives it: V verified, S secondary, U unverified. */
    public record Coding(String code, String evidence, String note) {
    }

    /** The dose-unit plausibility ceiling: values above it are taken for typing errors, not doses. */
    public record DoseUnitLimit(String code, double maxValue, String meaning) {
    }
}
