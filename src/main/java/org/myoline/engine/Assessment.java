package org.myoline.engine;

import java.time.LocalDate;
import java.util.List;

/** Refractoriness verdict with its evidence, escalation tier and candidate next steps, on {@code asOf}. */
public record Assessment(LocalDate asOf, boolean juvenile, RefractoryStatus status, List<Variant> variants,
        List<Criterion> criteria, List<FailedDrug> failedDrugs, List<InadequateTrial> inadequateTrials,
        List<FailedDrug> intolerances, Integer currentTier, List<NextStep> nextSteps,
        List<Timeline.Warning> warnings, String rulesVersion) {

    public enum RefractoryStatus {
        NO_TREATMENT, NOT_REFRACTORY, GLUCOCORTICOID_DEPENDENT, GLUCOCORTICOID_RESISTANT, REFRACTORY, MULTI_REFRACTORY
    }

    public enum RefractoryDefinition { RIM, STRICT, SKIN }

    public record Variant(RefractoryDefinition definition, RefractoryStatus status, String rule, String source) {
    }

    public record Criterion(String rule, boolean met, String detail, List<String> evidenceEpisodeIds, String source) {
    }

    public enum FailureKind { INEFFICACY, INTOLERANCE }

    public record FailedDrug(String drug, Integer tier, FailureKind kind, String detail, List<String> episodeIds) {
    }

    public record InadequateTrial(String drug, List<String> missing, List<String> episodeIds) {
    }

    public record NextStep(String drug, Integer tier, String track, String rationale, String source,
            List<String> cautions) {
    }
}
