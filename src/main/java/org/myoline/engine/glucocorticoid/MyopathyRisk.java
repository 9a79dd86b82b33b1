package org.myoline.engine.glucocorticoid;

import java.util.List;
import org.myoline.engine.context.EvaluationContext;
import org.myoline.engine.context.Findings;
import org.myoline.engine.rules.Range;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.timeline.DoseMath;
import org.myoline.engine.timeline.GlucocorticoidCurve;

/** Warns when a high glucocorticoid dose has been held long enough to cause steroid myopathy. */
public final class MyopathyRisk {

    @RuleId("GC-MYOPATHY-RISK")
    public record Params(@Range(min = 1, max = 200) double minMgPerDay, @Range(min = 1, max = 730) int minDays) {
    }

    private final Params params;
    private final Rule rule;

    public MyopathyRisk(RuleSet.Binder rules) {
        this.params = rules.params(Params.class);
        this.rule = rules.rule(Params.class);
    }

    public void warn(EvaluationContext ctx, Findings findings) {
        for (GlucocorticoidCurve.Run run : ctx.curve().runsAtOrAbove(d -> params.minMgPerDay())) {
            if (run.days() >= params.minDays()) {
                findings.warn("GLUCOCORTICOID_MYOPATHY_RISK", "Prednisone-equivalent ≥ "
                        + DoseMath.number(params.minMgPerDay()) + " mg/d for " + run.days() + " days from " + run.from()
                        + ": watch for steroid myopathy (new weakness with falling enzymes)", List.of(), rule.citation());
                return;
            }
        }
    }
}
