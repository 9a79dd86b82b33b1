package org.myoline.engine.ladder;

import java.util.List;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.Subtype;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.timeline.Drugs;

/**
 * Juvenile DM: the induction drug (methotrexate) belongs with glucocorticoids from the start, and an adjunct
 * (IVIg) is promoted for skin-prominent disease that has failed glucocorticoids.
 */
final class JuvenileInduction implements LadderModifier {

    @RuleId("MOD-JUVENILE")
    record Params(String inductionDrug, String inductionRegimen, String skinAdjunctDrug,
            Assessment.RefractoryStatus skinAdjunctFromStatus) {
    }

    private final Params params;
    private final Rule rule;

    JuvenileInduction(RuleSet.Binder rules, Drugs drugs) {
        this.params = rules.params(Params.class);
        this.rule = rules.rule(Params.class);
        drugs.require(params.inductionDrug(), rule);
        drugs.require(params.skinAdjunctDrug(), rule);
    }

    @Override
    public void before(Ladder ladder) {
        boolean juvenile = ladder.context().juvenile();
        if (juvenile) {
            if (!ladder.tried(params.inductionDrug())) {
                ladder.offer(params.inductionDrug(), "Juvenile DM: " + params.inductionRegimen()
                        + " is part of induction with glucocorticoids", rule);
            }
            boolean skinProminent = ladder.context().has(Feature.SKIN)
                    || ladder.context().history().patient().subtype() == Subtype.AMYOPATHIC;
            if (skinProminent && ladder.status().compareTo(params.skinAdjunctFromStatus()) >= 0) {
                ladder.offer(params.skinAdjunctDrug(), "Juvenile DM with skin-prominent resistant disease: "
                        + params.skinAdjunctDrug() + " as adjunct", rule);
            }
        }
        ladder.findings().criterion(rule, juvenile, juvenile ? "juvenile ladder applied" : "adult ladder", List.of());
    }
}
