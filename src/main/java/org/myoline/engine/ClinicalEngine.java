package org.myoline.engine;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.myoline.engine.context.EvaluationContext;
import org.myoline.engine.context.Findings;
import org.myoline.engine.glucocorticoid.GlucocorticoidRules;
import org.myoline.engine.glucocorticoid.GlucocorticoidThresholds;
import org.myoline.engine.glucocorticoid.GlucocorticoidVerdict;
import org.myoline.engine.ladder.CurrentTier;
import org.myoline.engine.ladder.NextStepLadder;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.model.History;
import org.myoline.engine.model.Subtype;
import org.myoline.engine.model.Timeline;
import org.myoline.engine.refractory.RefractoryDefinitions;
import org.myoline.engine.refractory.RefractoryFacts;
import org.myoline.engine.response.ResponseEvaluator;
import org.myoline.engine.response.ResponseHistory;
import org.myoline.engine.rules.Range;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.timeline.AsOfView;
import org.myoline.engine.timeline.BodySize;
import org.myoline.engine.timeline.Drugs;
import org.myoline.engine.timeline.Era;
import org.myoline.engine.timeline.GlucocorticoidCurve;
import org.myoline.engine.timeline.LineBuilder;
import org.myoline.engine.timeline.TimelineWarnings;
import org.myoline.engine.trial.TrialEvaluator;
import org.myoline.engine.trial.TrialOutcomes;

/**
 * The clinical engine: a patient's history in, its lines of therapy and refractoriness assessment out. Each
 * clinical question is one unit (glucocorticoid verdicts, trial outcomes, each refractoriness definition, the
 * tier, the next-step ladder and its modifiers); this class builds them from the rules and asks them in order.
 * Pure and thread-safe: no I/O, no clock (callers pass {@code asOf} and {@code today}), no framework.
 */
public final class ClinicalEngine {

    /** Juvenile thresholds apply when the subtype is JUVENILE or the disease began before this age. */
    @RuleId("JUVENILE-ONSET")
    public record JuvenileOnset(@Range(min = 1, max = 30) int maxOnsetAgeYears) {
    }

    /** Timeline and assessment computed together from one as-of view. */
    public record Evaluation(Timeline timeline, Assessment assessment) {
    }

    /**
     * Everything a picture of the history needs, from one as-of view: that view (episodes cut at the as-of date),
     * the timeline, the assessment and the glucocorticoid thresholds that apply to this patient then.
     */
    public record Chart(History view, Timeline timeline, Assessment assessment, GlucocorticoidThresholds thresholds) {
    }

    private final RuleSet rules;
    private final Drugs drugs;
    private final JuvenileOnset juvenileOnset;
    private final Rule juvenileRule;
    private final LineBuilder lineBuilder;
    private final TimelineWarnings timelineWarnings;
    private final GlucocorticoidRules glucocorticoids;
    private final TrialEvaluator trials;
    private final RefractoryDefinitions definitions;
    private final CurrentTier currentTier;
    private final NextStepLadder ladder;
    private final ResponseEvaluator responses;

    /**
     * Builds every unit from the rules; a rule the engine needs but lacks, a parameter out of range, a drug a
     * rule names but the catalogue lacks, or a rule nothing applies stops here (at start-up).
     *
     * @param drugs every catalogue drug, in catalogue order (the order next steps prefer within a tier)
     */
    public ClinicalEngine(RuleSet rules, List<DrugProfile> drugs) {
        this.rules = rules;
        RuleSet.Binder binder = rules.binder();
        this.drugs = new Drugs(drugs, binder);
        this.juvenileOnset = binder.params(JuvenileOnset.class);
        this.juvenileRule = binder.rule(JuvenileOnset.class);
        this.lineBuilder = new LineBuilder(binder, this.drugs);
        this.timelineWarnings = new TimelineWarnings(binder, this.drugs);
        this.responses = new ResponseEvaluator(binder, this.drugs);
        this.glucocorticoids = new GlucocorticoidRules(binder);
        this.trials = new TrialEvaluator(binder);
        this.definitions = new RefractoryDefinitions(rules, binder);
        this.currentTier = new CurrentTier(binder);
        this.ladder = new NextStepLadder(binder, this.drugs, timelineWarnings, trials);
        binder.finish();
    }

    public RuleSet rules() {
        return rules;
    }

    public Evaluation evaluate(History history, LocalDate asOf, LocalDate today) {
        Parts parts = parts(history, asOf, today);
        return new Evaluation(parts.timeline(), assess(context(parts), parts.timeline().warnings()));
    }

    public Chart chart(History history, LocalDate asOf, LocalDate today) {
        Parts parts = parts(history, asOf, today);
        EvaluationContext ctx = context(parts);
        GlucocorticoidThresholds thresholds = glucocorticoids.thresholds(ctx);
        return new Chart(parts.view(), parts.timeline(), assess(ctx, parts.timeline().warnings()), thresholds);
    }

    /** The timeline alone: lines and glucocorticoid exposure, without the assessment's work. */
    public Timeline timeline(History history, LocalDate asOf, LocalDate today) {
        return parts(history, asOf, today).timeline();
    }

    public Assessment assess(History history, LocalDate asOf, LocalDate today) {
        return evaluate(history, asOf, today).assessment();
    }

    /** Dated responses of a history as known on {@code asOf}, recorded and computed from core sets. */
    public List<Assessment.Response> responses(History history, LocalDate asOf, LocalDate today) {
        return context(parts(history, asOf, today)).responses().responses();
    }

    /** Eras of the given episodes, per drug: what a cohort counts as one course of a drug. */
    public List<Era> eras(List<History.Episode> episodes) {
        return drugs.eras(episodes);
    }

    private Assessment assess(EvaluationContext ctx, List<Timeline.Warning> timelineWarnings) {
        Findings findings = new Findings(timelineWarnings);
        findings.criterion(juvenileRule, ctx.juvenile(), ctx.juvenile() ? "juvenile thresholds apply"
                : "adult thresholds apply", List.of());
        GlucocorticoidVerdict gc = glucocorticoids.judge(ctx, findings);
        TrialOutcomes outcomes = trials.evaluate(ctx, findings);
        boolean treated = ctx.treated();
        List<Assessment.Variant> variants = definitions.judge(new RefractoryFacts(ctx, gc, outcomes), treated, findings);
        Assessment.RefractoryStatus status = variants.stream().filter(v -> v.definition().equals(definitions.defaultName()))
                .findFirst().orElseThrow().status();
        Integer tier = currentTier.judge(ctx, findings);
        Assessment.Escalation escalation = ladder.escalation(ctx, status, outcomes, findings);
        List<Assessment.NextStep> next = ladder.propose(ctx, status, tier, outcomes, findings, variants, escalation);
        glucocorticoids.warnings(ctx, findings);
        for (String disagreement : ctx.responses().disagreements()) {
            findings.warn("RESPONSE_DISAGREES", "Recorded and computed responses differ, the recorded one is used: "
                    + disagreement, List.of(), responses.scoring().formula());
        }
        return new Assessment(ctx.asOf(), ctx.juvenile(), status, List.copyOf(variants), findings.criteria(),
                outcomes.failed(), outcomes.inadequate(), outcomes.allIntolerances(), tier, next, findings.warnings(),
                rules.version(), ctx.responses().responses(), escalation);
    }

    /** What the timeline needs; the assessment's context adds the eras and dated responses to it. */
    private record Parts(History view, LocalDate asOf, BodySize body, GlucocorticoidCurve curve, LineBuilder.Result lines,
            Timeline timeline) {
    }

    private EvaluationContext context(Parts p) {
        boolean juvenile = juvenile(p.view().patient());
        List<Era> eras = drugs.diseaseModifyingEras(p.view().episodes());
        ResponseHistory responseHistory = responses.evaluate(p.view(), p.asOf(), juvenile, eras);
        return new EvaluationContext(p.view(), p.asOf(), juvenile, p.body(), p.curve(), p.lines(), drugs, eras,
                responseHistory);
    }

    private Parts parts(History history, LocalDate asOf, LocalDate today) {
        History view = AsOfView.of(history, asOf, today);
        BodySize body = new BodySize(view);
        GlucocorticoidCurve curve = GlucocorticoidCurve.build(view.episodes(), drugs, body, asOf);
        LineBuilder.Result lines = lineBuilder.build(view.episodes(), asOf);
        Timeline timeline = new Timeline(asOf, lines.lines(), lines.calcinosisTrack(),
                new Timeline.GlucocorticoidExposure(curve.steps(), round(curve.cumulativeMg()),
                        round(curve.pulseCumulativeMg()), curve.pulses(), curve.at(asOf)),
                lines.backgroundEpisodeIds(), timelineWarnings.of(view, curve),
                view.events().stream().sorted(java.util.Comparator.comparing(History.Event::date)).toList());
        return new Parts(view, asOf, body, curve, lines, timeline);
    }

    /** Juvenile thresholds: subtype JUVENILE, or diagnosed before the configured age. */
    boolean juvenile(History.Patient patient) {
        if (patient.subtype() == Subtype.JUVENILE) {
            return true;
        }
        if (patient.diagnosisDate() == null || patient.birthDate() == null) {
            return false;
        }
        return Period.between(patient.birthDate(), patient.diagnosisDate()).getYears() < juvenileOnset.maxOnsetAgeYears();
    }

    private static double round(double mg) {
        return Math.round(mg * 10.0) / 10.0;
    }
}
