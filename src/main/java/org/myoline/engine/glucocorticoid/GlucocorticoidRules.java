package org.myoline.engine.glucocorticoid;

import org.myoline.engine.context.EvaluationContext;
import org.myoline.engine.context.Findings;
import org.myoline.engine.rules.RuleSet;

/** Asks the three glucocorticoid questions in order and records each answer. */
public final class GlucocorticoidRules {
    private final Resistance resistance;
    private final Dependence dependence;
    private final Intolerance intolerance;
    private final MyopathyRisk myopathy;

    public GlucocorticoidRules(RuleSet.Binder rules) {
        this.resistance = new Resistance(rules);
        this.dependence = new Dependence(rules);
        this.intolerance = new Intolerance(rules);
        this.myopathy = new MyopathyRisk(rules);
    }

    public GlucocorticoidVerdict judge(EvaluationContext ctx, Findings findings) {
        GlucocorticoidVerdict verdict = new GlucocorticoidVerdict(resistance.judge(ctx), dependence.judge(ctx),
                intolerance.judge(ctx));
        findings.record(verdict.resistant());
        findings.record(verdict.dependent());
        findings.record(verdict.intolerant());
        return verdict;
    }

    /**
     * The two dose thresholds as they apply to this patient on the as-of date: at or above the first, a dose counts
     * as high for resistance; at or below the second, a taper has reached the dependence threshold (null when it
     * needs a weight that is not known).
     */
    public GlucocorticoidThresholds thresholds(EvaluationContext ctx) {
        double dependent = dependence.thresholdOn(ctx, ctx.asOf());
        return new GlucocorticoidThresholds(resistance.thresholdOn(ctx, ctx.asOf()), Double.isNaN(dependent) ? null : dependent);
    }

    /** The steroid myopathy warning, raised after the rest of the assessment as before. */
    public void warnings(EvaluationContext ctx, Findings findings) {
        myopathy.warn(ctx, findings);
    }
}
