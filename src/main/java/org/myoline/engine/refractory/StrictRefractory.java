package org.myoline.engine.refractory;

import java.util.Set;
import org.myoline.engine.context.Findings;
import org.myoline.engine.model.Assessment.RefractoryStatus;
import org.myoline.engine.rules.Range;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleSet;

/** Strict: glucocorticoid failure plus at least two different immunosuppressants failed or not tolerated. */
public final class StrictRefractory implements RefractoryDefinition {

    public record Params(@Range(min = 1, max = 10) int minImmunosuppressantFailures) {
    }

    private final Rule rule;
    private final Params params;

    public StrictRefractory(Rule rule, RuleSet.Binder rules) {
        this.rule = rule;
        this.params = rule.bind(Params.class);
    }

    @Override
    public RefractoryStatus judge(RefractoryFacts facts, Findings findings) {
        boolean gcFailure = facts.glucocorticoids().failure();
        Set<String> is = facts.trials().immunosuppressants();
        boolean met = gcFailure && is.size() >= params.minImmunosuppressantFailures();
        findings.criterion(rule, met, "glucocorticoid failure: " + RefractoryFacts.yesNo(gcFailure)
                + "; different immunosuppressants failed: " + is.size(), facts.trials().immunosuppressantEvidence());
        return met ? RefractoryStatus.REFRACTORY : facts.glucocorticoids().status();
    }
}
