package org.myoline.engine.ladder;

import java.util.List;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.timeline.Drugs;

/** Refractory skin disease: the agents case series name for it (apremilast, anifrolumab) join the list. */
final class SkinRescue implements LadderModifier {

    @RuleId("MOD-SKIN-RESCUE")
    record Params(List<String> drugs, String definition) {
    }

    private final Params params;
    private final Rule rule;

    SkinRescue(RuleSet.Binder rules, Drugs drugs) {
        this.params = rules.params(Params.class);
        this.rule = rules.rule(Params.class);
        params.drugs().forEach(d -> drugs.require(d, rule));
    }

    @Override
    public void after(Ladder ladder) {
        boolean refractory = ladder.variant(params.definition()).orElse(null) == Assessment.RefractoryStatus.REFRACTORY;
        ladder.findings().criterion(rule, refractory, refractory ? "refractory skin disease: " + String.join(", ",
                params.drugs()) + " offered" : "skin disease not refractory by " + params.definition(), List.of());
        if (refractory) {
            for (String drug : params.drugs()) {
                ladder.offer(drug, "Refractory skin disease: " + drug + " (case series)", rule);
            }
        }
    }
}
