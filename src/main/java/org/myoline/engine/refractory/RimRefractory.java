package org.myoline.engine.refractory;

import java.util.LinkedHashSet;
import java.util.Set;
import org.myoline.engine.context.Findings;
import org.myoline.engine.model.Assessment.RefractoryStatus;
import org.myoline.engine.rules.Range;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.timeline.DoseMath;

/**
 * The RIM-like default: glucocorticoid failure or intolerance plus at least one adequately tried
 * immunosuppressant failed or not tolerated. Multi-refractory on top: more immunosuppressants, or an
 * advanced-tier drug, failed too, always counting at least {@code minDistinctDrugs} different drugs.
 */
public final class RimRefractory implements RefractoryDefinition {

    public record Params(@Range(min = 1, max = 10) int minImmunosuppressantFailures) {
    }

    @RuleId("MULTI-REFRACTORY")
    public record Multi(@Range(min = 1, max = 10) int minImmunosuppressantFailures,
            @Range(min = 1, max = 10) int minAdvancedFailures, @Range(min = 1, max = 6) int advancedMinTier,
            @Range(min = 2, max = 10) int minDistinctDrugs) {
    }

    private final Rule rule;
    private final Params params;
    private final Rule multiRule;
    private final Multi multi;

    public RimRefractory(Rule rule, RuleSet.Binder rules) {
        this.rule = rule;
        this.params = rule.bind(Params.class);
        this.multiRule = rules.rule(Multi.class);
        this.multi = rules.params(Multi.class);
    }

    @Override
    public RefractoryStatus judge(RefractoryFacts facts, Findings findings) {
        boolean gcFailure = facts.glucocorticoids().failure();
        Set<String> is = facts.trials().immunosuppressants();
        boolean refractory = gcFailure && is.size() >= params.minImmunosuppressantFailures();
        findings.criterion(rule, refractory, "glucocorticoid failure: " + RefractoryFacts.yesNo(gcFailure)
                + "; immunosuppressants failed: " + is.size() + " (needs "
                + DoseMath.number(params.minImmunosuppressantFailures()) + ")", facts.trials().immunosuppressantEvidence());

        Set<String> advanced = facts.failuresFromTier(multi.advancedMinTier());
        Set<String> distinct = new LinkedHashSet<>(is);
        distinct.addAll(advanced);
        boolean isMulti = refractory && distinct.size() >= multi.minDistinctDrugs()
                && (is.size() >= multi.minImmunosuppressantFailures() || advanced.size() >= multi.minAdvancedFailures());
        findings.criterion(multiRule, isMulti, "refractory: " + RefractoryFacts.yesNo(refractory)
                + "; immunosuppressants failed: " + is.size() + "; IVIg/biologic/targeted failed: "
                + (advanced.isEmpty() ? "none" : String.join(", ", advanced)) + "; different drugs counted: "
                + distinct.size() + " (needs " + multi.minDistinctDrugs() + ")", facts.evidence(distinct));

        if (isMulti) {
            return RefractoryStatus.MULTI_REFRACTORY;
        }
        return refractory ? RefractoryStatus.REFRACTORY : facts.glucocorticoids().status();
    }
}
