package org.myoline.engine.ladder;

import java.util.List;
import org.myoline.engine.model.Feature;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.timeline.Drugs;

/** Anti-MDA5 antibodies or rapidly progressive ILD: an up-front combination, not step-up. */
final class AntiMda5Combination implements LadderModifier {

    @RuleId("MOD-MDA5-RPILD")
    record Params(List<String> combination, List<String> rescue) {
    }

    private final Params params;
    private final Rule rule;

    AntiMda5Combination(RuleSet.Binder rules, Drugs drugs) {
        this.params = rules.params(Params.class);
        this.rule = rules.rule(Params.class);
        params.combination().forEach(d -> drugs.require(d, rule));
        params.rescue().forEach(d -> drugs.require(d, rule));
    }

    @Override
    public void before(Ladder ladder) {
        boolean applies = ladder.context().has(Feature.ANTI_MDA5) || ladder.context().has(Feature.RAPIDLY_PROGRESSIVE_ILD);
        String combination = String.join(" + ", params.combination());
        ladder.findings().criterion(rule, applies, applies ? "anti-MDA5 or rapidly progressive ILD: combination up front"
                : "no anti-MDA5 antibodies or rapidly progressive ILD", List.of());
        if (!applies) {
            return;
        }
        ladder.findings().warn("STEP_UP_LADDER_UNSAFE", "Anti-MDA5 / rapidly progressive ILD: give glucocorticoid + "
                + combination + " together up front; do not wait for step-up failures", List.of(), rule.citation());
        for (String drug : params.combination()) {
            ladder.offer(drug, "Up-front combination with glucocorticoid for anti-MDA5 / rapidly progressive ILD ("
                    + combination + ")", rule);
        }
        if (params.combination().stream().allMatch(ladder::tried)) {
            for (String drug : params.rescue()) {
                ladder.offer(drug, "Rescue for anti-MDA5 / rapidly progressive ILD worsening on the combination", rule);
            }
        }
    }
}
