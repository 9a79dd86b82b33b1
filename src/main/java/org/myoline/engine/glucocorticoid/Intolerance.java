package org.myoline.engine.glucocorticoid;

import java.util.List;
import org.myoline.engine.context.EvaluationContext;
import org.myoline.engine.context.Findings;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.History;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;

/** Glucocorticoid intolerance: a glucocorticoid stopped for an adverse event counts as glucocorticoid failure. */
public final class Intolerance {

    @RuleId("GC-INTOLERANT")
    public record Params() {
    }

    private final Rule rule;

    public Intolerance(RuleSet.Binder rules) {
        rules.params(Params.class);
        this.rule = rules.rule(Params.class);
    }

    public Assessment.Criterion judge(EvaluationContext ctx) {
        List<String> ids = ctx.glucocorticoidEpisodes().stream().filter(e -> e.stopReason() == StopReason.ADVERSE_EVENT)
                .map(History.Episode::id).toList();
        return Findings.outcome(rule, !ids.isEmpty(), ids.isEmpty() ? "no glucocorticoid stopped for an adverse event"
                : "glucocorticoid stopped for an adverse event", ids);
    }
}
