package org.myoline.clinical;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.myoline.api.SchemaTypes;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.myoline.engine.model.AssessedResponse;
import org.myoline.engine.model.Assessment;

@Schema(name = "Assessment", requiredProperties = {"asOf", "juvenile", "status", "variants", "criteria", "failedDrugs", "inadequateTrials", "intolerances", "escalation", "nextSteps", "warnings", "rulesVersion"}, description = "Refractoriness verdict with its evidence, current tier, whether escalation is indicated now and candidate next steps")
public record AssessmentResponse(
        @Schema(description = "The date the history is read as of", example = "2009-04-30") LocalDate asOf,
        @Schema(description = "Whether juvenile thresholds applied", example = "false") boolean juvenile,
        @Schema(description = "Verdict by the default (RIM-like) definition", example = "GLUCOCORTICOID_RESISTANT")
        Assessment.RefractoryStatus status,
        @Schema(description = "The same history judged by each built-in definition", maxItems = 10) List<VariantResponse> variants,
        @Schema(description = "The same history judged by definitions this deployment added to its rules (see GET "
                + "/api/v1/rules); absent when it added none", maxItems = 20) List<LocalVariantResponse> localVariants,
        @Schema(description = "Every rule evaluated, met or not, with its evidence and source", maxItems = 100)
        List<CriterionResponse> criteria,
        @Schema(description = "Drugs that failed after an adequate trial", maxItems = 100) List<FailedDrugResponse> failedDrugs,
        @Schema(description = "Drugs stopped for inefficacy before an adequate dose or duration: not counted as failures",
                maxItems = 100) List<InadequateTrialResponse> inadequateTrials,
        @Schema(description = "Drugs stopped for adverse events, each with its date: myositis drugs count as failures "
                + "whatever the duration", maxItems = 100)
        List<FailedDrugResponse> intolerances,
        @Schema(description = "Highest tier among drugs active on asOf (0–6); absent when none is", example = "2") Integer currentTier,
        @Schema(description = "Whether escalating treatment is indicated now, and why") EscalationResponse escalation,
        @Schema(description = "Candidate next steps in order, each saying why it stands there; when escalation is not "
                + "indicated they are a contingency (if relapse or failure); decision support only", maxItems = 100)
        List<NextStepResponse> nextSteps,
        @Schema(description = "Things a clinician should know", maxItems = 100) List<TimelineResponse.WarningResponse> warnings,
        @Schema(description = "How each drug was working at each visit: recorded assessments and the responses computed "
                + "from full IMACS core sets, side by side; absent when there are none", maxItems = 5000)
        List<ResponseEntry> responses,
        @Schema(description = "Version of the rules and catalogue applied: the rules file version, any local overlay names, and a hash of their content", example = "2026.12.1/3f9a2c1d0b7e", maxLength = 40) String rulesVersion) {

    /** The definitions shipped with the service; a deployment's own appear in localVariants. */
    @Schema(name = "RefractoryDefinition")
    public enum BuiltInDefinition { RIM, STRICT, SKIN }

    @Schema(name = "Variant", requiredProperties = {"definition", "status", "rule", "source"}, description = "The verdict under one definition of refractoriness")
    public record VariantResponse(
            @Schema(description = "Definition", example = "STRICT") BuiltInDefinition definition,
            @Schema(description = "Verdict", example = "REFRACTORY") Assessment.RefractoryStatus status,
            @Schema(description = "Rule id", example = "REFRACTORY-STRICT", maxLength = 64) String rule,
            @Schema(description = "Source and evidence tag", maxLength = 500) String source) {
    }

    @Schema(name = "VisitResponse", requiredProperties = {"drug", "episodeIds", "date", "category"},
            description = "How a drug was working at one visit")
    public record ResponseEntry(
            @Schema(description = "Drug code", example = "methotrexate", maxLength = 64) String drug,
            @Schema(description = "The course's episodes", maxItems = 5000) List<UUID> episodeIds,
            @Schema(description = "Date of the visit", example = "2024-09-02") LocalDate date,
            @Schema(description = "The category the verdict uses: the recorded one, else the computed one", example = "NONE")
            AssessedResponse category,
            @Schema(description = "The assessment recorded at the visit, if any") RecordedResponse recorded,
            @Schema(description = "The response computed from the visit's full core set, if any") CoreSetScoreResponse computed) {
    }

    @Schema(name = "RecordedResponse", requiredProperties = {"category"}, description = "A response recorded at a visit")
    public record RecordedResponse(
            @Schema(description = "Category", example = "NONE") AssessedResponse category,
            @Schema(description = "Instrument", example = "INVESTIGATOR", maxLength = 16) String instrument,
            @Schema(description = "Score", example = "12.5") Double score) {
    }

    @Schema(name = "CoreSetScore", requiredProperties = {"baselineDate", "totalImprovementScore", "tisCategory", "measures",
            "imacsImprovement", "deterioration", "confirmedDeterioration", "formula", "source"},
            description = "The 2016 ACR/EULAR Total Improvement Score of a full core set against the course's baseline, "
                    + "the IMACS definition of improvement and ProDERM deterioration")
    public record CoreSetScoreResponse(
            @Schema(description = "Date of the baseline core set", example = "2024-01-15") LocalDate baselineDate,
            @Schema(description = "Total Improvement Score, 0–100", example = "60", minimum = "0", maximum = "100")
            double totalImprovementScore,
            @Schema(description = "NONE, MINIMAL, MODERATE or MAJOR (adult 20/40/60, juvenile 30/45/70)", example = "MAJOR",
                    enumeration = {"NONE", "MINIMAL", "MODERATE", "MAJOR"}) String tisCategory,
            @Schema(description = "Each measure's change and points", maxItems = 6) List<MeasureScoreResponse> measures,
            @Schema(description = "IMACS definition of improvement met", example = "true") boolean imacsImprovement,
            @Schema(description = "ProDERM deterioration at this visit", example = "false") boolean deterioration,
            @Schema(description = "Deterioration confirmed at consecutive visits", example = "false") boolean confirmedDeterioration,
            @Schema(description = "How percent change was computed (a configurable default)", maxLength = 1000) String formula,
            @Schema(description = "Source and evidence tag", maxLength = 500) String source) {
    }

    @Schema(name = "MeasureScore", requiredProperties = {"measure", "observation", "baseline", "followUp", "percentChange",
            "points"}, description = "One core set measure's change and points")
    public record MeasureScoreResponse(
            @Schema(description = "The core set measure", example = "physicianGlobal", maxLength = 32) String measure,
            @Schema(description = "The observation type that stood for it", example = "PHYSICIAN_GLOBAL", maxLength = 32)
            String observation,
            @Schema(description = "Baseline value", example = "6") double baseline,
            @Schema(description = "Follow-up value", example = "3") double followUp,
            @Schema(description = "Improvement in percent (negative: worse)", example = "30") double percentChange,
            @Schema(description = "Points", example = "17.5") double points) {
    }

    @Schema(name = "LocalVariant", requiredProperties = {"definition", "status", "rule", "source"},
            description = "The verdict under a refractoriness definition a deployment added to its rules")
    public record LocalVariantResponse(
            @Schema(description = "The definition's name in the rules", example = "CARRA", maxLength = 40,
                    pattern = "^[A-Z][A-Z0-9_]{0,39}$") String definition,
            @Schema(description = "Verdict", example = "REFRACTORY") Assessment.RefractoryStatus status,
            @Schema(description = "Rule id", example = "REFRACTORY-CARRA", maxLength = 64) String rule,
            @Schema(description = "Source and evidence tag", maxLength = 500) String source) {
    }

    @Schema(name = "Criterion", requiredProperties = {"rule", "met", "detail", "evidenceEpisodeIds", "source"}, description = "One rule as evaluated for this patient")
    public record CriterionResponse(
            @Schema(description = "Rule id from the rules file", example = "GC-RESISTANT", maxLength = 64) String rule,
            @Schema(description = "Whether the rule's condition holds", example = "true") boolean met,
            @Schema(description = "What was found", maxLength = 2000,
                    example = "prednisolone 60 mg/d: 60–60 mg/d prednisone-equivalent for 98 days ≥ 40 mg/d or 0.75 mg/kg/d for 28 days, response NONE")
            String detail,
            @Schema(description = "Episodes that are the evidence", maxItems = 5000) List<UUID> evidenceEpisodeIds,
            @Schema(description = "Source and evidence tag (U = unverified, configurable default)", maxLength = 500)
            String source) {
    }

    @Schema(name = "Escalation", requiredProperties = {"decision", "reasons", "source"},
            description = "Whether escalating treatment is indicated now")
    public record EscalationResponse(
            @Schema(description = "INDICATED (inadequate response, flare, glucocorticoid dependence or resistance, "
                    + "refractory disease), NOT_INDICATED (responding, remission, a trial still within its adequate "
                    + "window) or URGENT (organ threat)", example = "NOT_INDICATED") Assessment.EscalationDecision decision,
            @Schema(description = "Why, in words", type = SchemaType.ARRAY, implementation = SchemaTypes.Text.class,
                    maxItems = 20) List<String> reasons,
            @Schema(description = "Rule id, source and evidence tag", maxLength = 500) String source) {
    }

    @Schema(name = "FailedDrug", requiredProperties = {"drug", "kind", "detail", "episodeIds"}, description = "A drug that failed or was not tolerated")
    public record FailedDrugResponse(
            @Schema(description = "Drug code", example = "methotrexate", maxLength = 64) String drug,
            @Schema(description = "Tier", example = "2") Integer tier,
            @Schema(description = "Inefficacy or intolerance", example = "INEFFICACY") Assessment.FailureKind kind,
            @Schema(description = "Why", maxLength = 2000) String detail,
            @Schema(description = "Episodes", maxItems = 5000) List<UUID> episodeIds,
            @Schema(description = "When it failed, or was stopped for an adverse event", example = "2024-05-02") LocalDate since) {
    }

    @Schema(name = "InadequateTrial", requiredProperties = {"drug", "missing", "episodeIds"}, description = "A drug stopped before an adequate trial")
    public record InadequateTrialResponse(
            @Schema(description = "Drug code", example = "methotrexate", maxLength = 64) String drug,
            @Schema(description = "What was missing", type = SchemaType.ARRAY, implementation = SchemaTypes.Text.class,
                    maxItems = 10) List<String> missing,
            @Schema(description = "Episodes", maxItems = 5000) List<UUID> episodeIds,
            @Schema(description = "Where the dose fell short: the adequate dose to reach (a juvenile trial by weight "
                    + "band, say)", example = "10 mg/d", maxLength = 40) String targetDose) {
    }

    @Schema(name = "NextStep", requiredProperties = {"drug", "track", "action", "rationale", "source", "cautions", "ranking", "contingency"}, description = "A candidate next step")
    public record NextStepResponse(
            @Schema(description = "Drug code", example = "ivig", maxLength = 64) String drug,
            @Schema(description = "Tier", example = "4") Integer tier,
            @Schema(description = "MYOSITIS or CALCINOSIS", example = "MYOSITIS", enumeration = {"MYOSITIS", "CALCINOSIS"})
            String track,
            @Schema(description = "START a drug, COMPLETE_TRIAL of one stopped short of (or still inside) an adequate "
                    + "trial, OPTIMISE_DOSE of one given below the adequate dose, or RECHALLENGE with one stopped for an "
                    + "adverse event", example = "START")
            Assessment.StepAction action,
            @Schema(description = "For OPTIMISE_DOSE and COMPLETE_TRIAL: the adequate dose to reach", example = "15 mg/wk",
                    maxLength = 40) String targetDose,
            @Schema(description = "Why it is proposed", maxLength = 1000) String rationale,
            @Schema(description = "Source and evidence tag", maxLength = 500) String source,
            @Schema(description = "Cautions", type = SchemaType.ARRAY, implementation = SchemaTypes.Text.class,
                    maxItems = 10) List<String> cautions,
            @Schema(description = "Why the step stands where it does in the list", maxLength = 1000) String ranking,
            @Schema(description = "True when escalation is not indicated now: the step is for relapse or failure",
                    example = "false") boolean contingency) {
    }

    static AssessmentResponse of(Assessment a) {
        return new AssessmentResponse(a.asOf(), a.juvenile(), a.status(),
                a.variants().stream().filter(v -> builtIn(v.definition()) != null)
                        .map(v -> new VariantResponse(builtIn(v.definition()), v.status(), v.rule(), v.source())).toList(),
                nullIfEmpty(a.variants().stream().filter(v -> builtIn(v.definition()) == null)
                        .map(v -> new LocalVariantResponse(v.definition(), v.status(), v.rule(), v.source())).toList()),
                a.criteria().stream().map(c -> new CriterionResponse(c.rule(), c.met(), c.detail(), TimelineResponse.uuids(c.evidenceEpisodeIds()),
                        c.source())).toList(),
                failures(a.failedDrugs()),
                a.inadequateTrials().stream().map(t -> new InadequateTrialResponse(t.drug(), t.missing(),
                        TimelineResponse.uuids(t.episodeIds()), t.targetDose()))
                        .toList(),
                failures(a.intolerances()), a.currentTier(),
                a.escalation() == null ? null : new EscalationResponse(a.escalation().decision(), a.escalation().reasons(),
                        a.escalation().source()),
                a.nextSteps().stream().map(n -> new NextStepResponse(n.drug(), n.tier(), n.track(), n.action(), n.targetDose(),
                        n.rationale(), n.source(), n.cautions(), n.ranking(), n.contingency())).toList(),
                TimelineResponse.warnings(a.warnings()), nullIfEmpty(a.responses().stream().map(AssessmentResponse::response).toList()),
                a.rulesVersion());
    }

    private static ResponseEntry response(Assessment.Response r) {
        Assessment.CoreSetScore c = r.computed();
        return new ResponseEntry(r.drug(), TimelineResponse.uuids(r.episodeIds()), r.date(), r.category(),
                r.recorded() == null ? null : new RecordedResponse(r.recorded().category(), r.recorded().instrument(),
                        r.recorded().score()),
                c == null ? null : new CoreSetScoreResponse(c.baselineDate(), c.totalImprovementScore(), c.tisCategory(),
                        c.measures().stream().map(m -> new MeasureScoreResponse(m.measure(), m.observation(), m.baseline(),
                                m.followUp(), m.percentChange(), m.points())).toList(),
                        c.imacsImprovement(), c.deterioration(), c.confirmedDeterioration(), c.formula(), c.source()));
    }

    private static BuiltInDefinition builtIn(String name) {
        for (BuiltInDefinition d : BuiltInDefinition.values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    private static <T> List<T> nullIfEmpty(List<T> list) {
        return list.isEmpty() ? null : list;
    }

    private static List<FailedDrugResponse> failures(List<Assessment.FailedDrug> failures) {
        return failures.stream().map(f -> new FailedDrugResponse(f.drug(), f.tier(), f.kind(), f.detail(),
                TimelineResponse.uuids(f.episodeIds()), f.since()))
                .toList();
    }
}
