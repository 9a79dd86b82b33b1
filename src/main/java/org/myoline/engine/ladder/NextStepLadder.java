package org.myoline.engine.ladder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.myoline.engine.context.EvaluationContext;
import org.myoline.engine.context.Findings;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.rules.Range;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.rules.RuleSetException;
import org.myoline.engine.timeline.Drugs;
import org.myoline.engine.timeline.TimelineWarnings;
import org.myoline.engine.trial.TrialEvaluator;
import org.myoline.engine.trial.TrialOutcomes;

/**
 * Candidate next steps: the tier ladder from the tier the status calls for (or the current tier, if higher) up to
 * {@code lookaheadTiers} tiers above, with the modifiers' steps ahead of and after it. Never a withdrawn drug,
 * never a drug that failed or was not tolerated (unless the re-challenge rule allows it), never a contraindicated
 * one, never one already given unless to complete its trial or raise its dose. When escalation is not indicated
 * the list is a contingency, headed by completing or optimising the current trial. Each step says why it stands
 * where it does.
 */
public final class NextStepLadder {

    @RuleId("NEXT-STEP-LADDER")
    public record Params(@Range(min = 0, max = 6) int lookaheadTiers, @Range(min = 1, max = 6) int maxTier,
            Map<String, Integer> startTierByStatus, List<String> tierPurposes) {
    }

    /** A modifier and how its steps are introduced ("ahead of the ladder: dysphagia (MOD-DYSPHAGIA)"). */
    private record Registered(LadderModifier modifier, String label) {
    }

    private final Params params;
    private final Rule rule;
    private final Drugs drugs;
    private final TrialEvaluator trials;
    private final EscalationRules escalation;
    private final List<Registered> modifiers;

    public NextStepLadder(RuleSet.Binder rules, Drugs drugs, TimelineWarnings timelineWarnings, TrialEvaluator trials) {
        this.params = rules.params(Params.class);
        this.rule = rules.rule(Params.class);
        this.drugs = drugs;
        this.trials = trials;
        this.escalation = new EscalationRules(rules);
        Set<String> statuses = new TreeSet<>(Arrays.stream(Assessment.RefractoryStatus.values()).map(Enum::name).toList());
        if (!statuses.equals(new TreeSet<>(params.startTierByStatus().keySet()))) {
            throw new RuleSetException(rule.origin() + ": rule " + rule.id() + ": startTierByStatus must name exactly "
                    + statuses);
        }
        if (params.tierPurposes().size() != params.maxTier() + 1) {
            throw new RuleSetException(rule.origin() + ": rule " + rule.id() + ": tierPurposes needs one entry per tier 0.."
                    + params.maxTier());
        }
        // Order matters: steps ahead of the ladder come in this order, and so do their criteria.
        this.modifiers = List.of(
                new Registered(new AntiMda5Combination(rules, drugs), "anti-MDA5 / rapidly progressive ILD (MOD-MDA5-RPILD)"),
                new Registered(new DoseOptimisation(rules), "a trial below its adequate dose (IS-SUBTHERAPEUTIC)"),
                new Registered(new TrialUnderway(rules), "a trial still inside its adequate window (IS-ADEQUATE-TRIAL)"),
                new Registered(new DysphagiaIvig(rules, drugs), "dysphagia (MOD-DYSPHAGIA)"),
                new Registered(new CancerAssociated(rules, drugs), "cancer-associated disease (MOD-MALIGNANCY)"),
                new Registered(new JuvenileInduction(rules, drugs), "juvenile disease (MOD-JUVENILE)"),
                new Registered(new SteroidSparingFoundation(rules, drugs), "no adequate glucocorticoid-sparing trial (MOD-STEROID-SPARING)"),
                new Registered(new Contraindications(rules, drugs), "contraindications (CONTRAINDICATIONS)"),
                new Registered(new SkinRescue(rules, drugs), "refractory skin disease (MOD-SKIN-RESCUE)"),
                new Registered(new CalcinosisTrack(rules), "the calcinosis track (MOD-CALCINOSIS)"),
                new Registered(new IldPreference(rules, drugs), "interstitial lung disease (MOD-ILD)"),
                new Registered(new RashCaution(timelineWarnings), "TNF blockers (CAUTION-TNF)"),
                new Registered(new NeverWithdrawn(timelineWarnings), "withdrawn drugs (WITHDRAWN)"));
    }

    public Assessment.Escalation escalation(EvaluationContext ctx, Assessment.RefractoryStatus status, TrialOutcomes outcomes,
            Findings findings) {
        return escalation.decide(ctx, status, outcomes, findings);
    }

    public List<Assessment.NextStep> propose(EvaluationContext ctx, Assessment.RefractoryStatus status, Integer tier,
            TrialOutcomes outcomes, Findings findings, List<Assessment.Variant> variants, Assessment.Escalation decided) {
        List<LadderModifier> all = modifiers.stream().map(Registered::modifier).toList();
        Ladder ladder = new Ladder(ctx, status, tier, outcomes, trials, findings, all, variants, decided);
        for (Registered r : modifiers) {
            ladder.at("ahead of the ladder: " + r.label());
            r.modifier().before(ladder);
        }
        int statusTier = params.startTierByStatus().get(status.name());
        int from = Math.max(statusTier, tier == null ? 0 : tier);
        int to = Math.min(params.maxTier(), from + params.lookaheadTiers());
        String start = from == statusTier ? "from tier " + from + ", where " + status + " starts"
                : "from tier " + from + ", the current tier";
        for (int t = from; t <= to; t++) {
            final int tierNow = t;
            List<DrugProfile> candidates = new ArrayList<>(drugs.inCatalogueOrder().stream()
                    .filter(p -> p.tier() != null && p.tier() == tierNow && !p.calcinosisTrack() && p.onLadder()).toList());
            // Incomplete trials first (finish them before moving on), then what a modifier prefers.
            candidates.sort(Comparator.comparing((DrugProfile p) -> ladder.incomplete(p.code()) == null)
                    .thenComparing(p -> all.stream().noneMatch(m -> m.prefers(ladder, p))));
            for (DrugProfile p : candidates) {
                if (p.glucocorticoid() && status != Assessment.RefractoryStatus.NO_TREATMENT) {
                    continue;
                }
                Assessment.InadequateTrial pending = ladder.incomplete(p.code());
                boolean preferred = all.stream().anyMatch(m -> m.prefers(ladder, p));
                ladder.at("tier " + t + " of the ladder (" + start + ")" + (pending != null
                        ? "; an incomplete trial comes first in its tier" : preferred ? "; preferred in its tier" : ""));
                String rationale = pending != null
                        ? "Tier " + t + ": complete an adequate trial (" + String.join(", ", pending.missing()) + ")"
                        : "Tier " + t + " (" + params.tierPurposes().get(t) + ")" + (ladder.tried(p.code()) ? "" : ", not tried yet");
                ladder.offer(p.code(), rationale, rule);
            }
        }
        ladder.at("after the ladder: an inadequate trial, offered again to complete it");
        for (Assessment.InadequateTrial t : outcomes.inadequate()) {
            ladder.offer(t.drug(), "Complete an adequate trial of " + t.drug() + " (" + String.join(", ", t.missing())
                    + ")" + (t.targetDose() == null ? "" : " at " + t.targetDose()), rule);
        }
        for (Registered r : modifiers) {
            ladder.at("after the ladder: " + r.label());
            r.modifier().after(ladder);
        }
        return ladder.steps();
    }
}
