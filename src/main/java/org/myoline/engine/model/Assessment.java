package org.myoline.engine.model;

import java.time.LocalDate;
import java.util.List;

/** Refractoriness verdict with its evidence, escalation tier and candidate next steps, on {@code asOf}. */
public record Assessment(LocalDate asOf, boolean juvenile, RefractoryStatus status, List<Variant> variants,
        List<Criterion> criteria, List<FailedDrug> failedDrugs, List<InadequateTrial> inadequateTrials,
        List<FailedDrug> intolerances, Integer currentTier, List<NextStep> nextSteps,
        List<Timeline.Warning> warnings, String rulesVersion, List<Response> responses, Escalation escalation) {

    public Assessment {
        responses = responses == null ? List.of() : List.copyOf(responses);
    }

    /** Whether escalating treatment is indicated now: INDICATED, NOT_INDICATED or URGENT, and why. */
    public enum EscalationDecision { INDICATED, NOT_INDICATED, URGENT }

    public record Escalation(EscalationDecision decision, List<String> reasons, String source) {
    }

    public Assessment(LocalDate asOf, boolean juvenile, RefractoryStatus status, List<Variant> variants,
            List<Criterion> criteria, List<FailedDrug> failedDrugs, List<InadequateTrial> inadequateTrials,
            List<FailedDrug> intolerances, Integer currentTier, List<NextStep> nextSteps,
            List<Timeline.Warning> warnings, String rulesVersion) {
        this(asOf, juvenile, status, variants, criteria, failedDrugs, inadequateTrials, intolerances, currentTier,
                nextSteps, warnings, rulesVersion, List.of(), null);
    }

    /**
     * How a drug was working at one visit: the category the verdict uses, the response recorded then (if any)
     * and the one the service computed from the IMACS core set (if a full set and a baseline exist), side by side.
     */
    public record Response(String drug, List<String> episodeIds, LocalDate date, AssessedResponse category,
            Recorded recorded, CoreSetScore computed) {
    }

    public record Recorded(AssessedResponse category, String instrument, Double score) {
    }

    /**
     * The 2016 ACR/EULAR Total Improvement Score against the baseline core set, each measure's points, the IMACS
     * definition of improvement and ProDERM deterioration; {@code formula} says how percent change was computed.
     */
    public record CoreSetScore(LocalDate baselineDate, double totalImprovementScore, String tisCategory,
            List<MeasureScore> measures, boolean imacsImprovement, boolean deterioration,
            boolean confirmedDeterioration, String formula, String source) {
    }

    public record MeasureScore(String measure, String observation, double baseline, double followUp,
            double percentChange, double points) {
    }

    public enum RefractoryStatus {
        NO_TREATMENT, NOT_REFRACTORY, GLUCOCORTICOID_DEPENDENT, GLUCOCORTICOID_RESISTANT, REFRACTORY, MULTI_REFRACTORY
    }

    /** The verdict under one refractoriness definition of the rules file (e.g. RIM, STRICT, SKIN). */
    public record Variant(String definition, RefractoryStatus status, String rule, String source) {
    }

    public record Criterion(String rule, boolean met, String detail, List<String> evidenceEpisodeIds, String source) {
    }

    public enum FailureKind { INEFFICACY, INTOLERANCE }

    /** {@code since}: the date it failed or was stopped for an adverse event (null where not known). */
    public record FailedDrug(String drug, Integer tier, FailureKind kind, String detail, List<String> episodeIds,
            LocalDate since) {
        public FailedDrug(String drug, Integer tier, FailureKind kind, String detail, List<String> episodeIds) {
            this(drug, tier, kind, detail, episodeIds, null);
        }
    }

    /** {@code targetDose}: where the dose fell short, the adequate dose to reach. */
    public record InadequateTrial(String drug, List<String> missing, List<String> episodeIds, String targetDose) {
        public InadequateTrial(String drug, List<String> missing, List<String> episodeIds) {
            this(drug, missing, episodeIds, null);
        }
    }

    /**
     * What a step asks for: start a drug, complete an adequate trial of it (one stopped short, or one being given
     * and still inside its window), raise its dose to {@code targetDose}, or give again a drug stopped for an
     * adverse event.
     */
    public enum StepAction { START, COMPLETE_TRIAL, OPTIMISE_DOSE, RECHALLENGE }

    /**
     * {@code ranking} says why the step stands where it does; {@code contingency} steps are for "if relapse or
     * failure" when escalation is not indicated now.
     */
    public record NextStep(String drug, Integer tier, String track, StepAction action, String targetDose,
            String rationale, String source, List<String> cautions, String ranking, boolean contingency) {
        public NextStep(String drug, Integer tier, String track, StepAction action, String targetDose,
                String rationale, String source, List<String> cautions) {
            this(drug, tier, track, action, targetDose, rationale, source, cautions, null, false);
        }

        public NextStep ranked(String why, boolean asContingency) {
            return new NextStep(drug, tier, track, action, targetDose, rationale, source, cautions, why, asContingency);
        }
    }
}
