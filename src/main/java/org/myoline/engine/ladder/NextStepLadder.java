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
 * Candidate next steps: the tier ladder from the tier the status calls for (or the current tier, if higher)
 * up to {@code lookaheadTiers} tiers above, with the modifiers' steps ahead of and after it. Never a
 * withdrawn drug, never a drug that failed or was not tolerated, never one already given unless to raise
 * its dose.
 */
public final class NextStepLadder {

    @RuleId("NEXT-STEP-LADDER")
    public record Params(@Range(min = 0, max = 6) int lookaheadTiers, @Range(min = 1, max = 6) int maxTier,
            Map<String, Integer> startTierByStatus, List<String> tierPurposes) {
    }

    private final Params params;
    private final Rule rule;
    private final Drugs drugs;
    private final List<LadderModifier> modifiers;

    public NextStepLadder(RuleSet.Binder rules, Drugs drugs, TimelineWarnings timelineWarnings, TrialEvaluator trials) {
        this.params = rules.params(Params.class);
        this.rule = rules.rule(Params.class);
        this.drugs = drugs;
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
                new AntiMda5Combination(rules, drugs),
                new DysphagiaIvig(rules, drugs),
                new DoseOptimisation(rules),
                new JuvenileInduction(rules, drugs),
                new SteroidSparingFoundation(rules, drugs),
                new CalcinosisTrack(rules),
                new MalignancyCaution(rules, drugs),
                new IldPreference(rules, drugs),
                new RashCaution(timelineWarnings),
                new NeverWithdrawn(timelineWarnings));
    }

    public List<Assessment.NextStep> propose(EvaluationContext ctx, Assessment.RefractoryStatus status, Integer tier,
            TrialOutcomes trials, Findings findings) {
        Ladder ladder = new Ladder(ctx, status, tier, trials, findings, modifiers);
        modifiers.forEach(m -> m.before(ladder));
        int from = Math.max(params.startTierByStatus().get(status.name()), tier == null ? 0 : tier);
        int to = Math.min(params.maxTier(), from + params.lookaheadTiers());
        for (int t = from; t <= to; t++) {
            final int tierNow = t;
            List<DrugProfile> candidates = new ArrayList<>(drugs.inCatalogueOrder().stream()
                    .filter(p -> p.tier() != null && p.tier() == tierNow && !p.calcinosisTrack() && p.onLadder()).toList());
            // Incomplete trials first (finish them before moving on), then what a modifier prefers.
            candidates.sort(Comparator.comparing((DrugProfile p) -> ladder.incomplete(p.code()) == null)
                    .thenComparing(p -> modifiers.stream().noneMatch(m -> m.prefers(ladder, p))));
            for (DrugProfile p : candidates) {
                if (p.glucocorticoid() && status != Assessment.RefractoryStatus.NO_TREATMENT) {
                    continue;
                }
                Assessment.InadequateTrial pending = ladder.incomplete(p.code());
                String rationale = pending != null
                        ? "Tier " + t + ": complete an adequate trial (" + String.join(", ", pending.missing()) + ")"
                        : "Tier " + t + " (" + params.tierPurposes().get(t) + ")" + (ladder.tried(p.code()) ? "" : ", not tried yet");
                ladder.offer(p.code(), rationale, rule);
            }
        }
        modifiers.forEach(m -> m.after(ladder));
        return ladder.steps();
    }
}
