package org.myoline.engine;

import java.util.LinkedHashSet;
import java.util.Set;
import org.myoline.engine.context.Findings;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.refractory.RefractoryDefinition;
import org.myoline.engine.refractory.RefractoryFacts;
import org.myoline.engine.rules.Range;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleSet;

/**
 * A made-up definition, added the way a real one would be: this class plus a rule naming it in a rules
 * file (here an overlay). Refractory once {@code minDrugs} different drugs failed or were not tolerated,
 * whatever the glucocorticoids did.
 */
public final class ToyRefractory implements RefractoryDefinition {

    public record Params(@Range(min = 1, max = 20) int minDrugs) {
    }

    private final Rule rule;
    private final Params params;

    public ToyRefractory(Rule rule, RuleSet.Binder rules) {
        this.rule = rule;
        this.params = rule.bind(Params.class);
    }

    @Override
    public Assessment.RefractoryStatus judge(RefractoryFacts facts, Findings findings) {
        Set<String> drugs = new LinkedHashSet<>();
        facts.trials().failuresAndIntolerances().forEach(f -> drugs.add(f.drug()));
        boolean met = drugs.size() >= params.minDrugs();
        findings.criterion(rule, met, drugs.size() + " drugs failed (needs " + params.minDrugs() + ")", java.util.List.of());
        return met ? Assessment.RefractoryStatus.REFRACTORY : Assessment.RefractoryStatus.NOT_REFRACTORY;
    }
}
