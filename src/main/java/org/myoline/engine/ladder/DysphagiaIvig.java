package org.myoline.engine.ladder;

import java.util.List;
import org.myoline.engine.model.Feature;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.timeline.Drugs;

/** Dysphagia puts its drug (IVIg) first at any step. */
final class DysphagiaIvig implements LadderModifier {

    @RuleId("MOD-DYSPHAGIA")
    record Params(String drug, String regimen) {
    }

    private final Params params;
    private final Rule rule;

    DysphagiaIvig(RuleSet.Binder rules, Drugs drugs) {
        this.params = rules.params(Params.class);
        this.rule = rules.rule(Params.class);
        drugs.require(params.drug(), rule);
    }

    @Override
    public void before(Ladder ladder) {
        boolean applies = ladder.context().has(Feature.DYSPHAGIA);
        ladder.findings().criterion(rule, applies, applies ? "dysphagia: " + params.drug() + " offered at any step"
                : "no dysphagia", List.of());
        if (applies) {
            ladder.offer(params.drug(), "Dysphagia: " + params.regimen() + " at any step", rule);
        }
    }
}
