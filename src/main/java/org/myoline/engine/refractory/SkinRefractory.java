package org.myoline.engine.refractory;

import java.util.LinkedHashSet;
import java.util.Set;
import org.myoline.engine.context.EvaluationContext;
import org.myoline.engine.context.Findings;
import org.myoline.engine.model.Assessment.RefractoryStatus;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.Subtype;
import org.myoline.engine.rules.Range;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleSet;

/**
 * Refractory skin disease: skin involvement (feature SKIN or a skin-predominant subtype) with at least two
 * different systemic drugs failed, hydroxychloroquine and glucocorticoids included.
 */
public final class SkinRefractory implements RefractoryDefinition {

    public record Params(@Range(min = 1, max = 10) int minSystemicFailures, Set<Subtype> skinPredominantSubtypes) {
    }

    private final Rule rule;
    private final Params params;

    public SkinRefractory(Rule rule, RuleSet.Binder rules) {
        this.rule = rule;
        this.params = rule.bind(Params.class);
    }

    @Override
    public RefractoryStatus judge(RefractoryFacts facts, Findings findings) {
        EvaluationContext ctx = facts.context();
        boolean skin = ctx.has(Feature.SKIN) || params.skinPredominantSubtypes().contains(ctx.history().patient().subtype());
        Set<String> failures = new LinkedHashSet<>();
        facts.trials().failuresAndIntolerances().forEach(f -> failures.add(f.drug()));
        if (facts.glucocorticoids().failure()) {
            failures.add("glucocorticoid");
        }
        boolean met = skin && failures.size() >= params.minSystemicFailures();
        findings.criterion(rule, met, "skin involvement: " + RefractoryFacts.yesNo(skin) + "; systemic drugs failed: "
                + (failures.isEmpty() ? "none" : String.join(", ", failures)),
                facts.trials().failuresAndIntolerances().stream().flatMap(f -> f.episodeIds().stream()).toList());
        return met ? RefractoryStatus.REFRACTORY : RefractoryStatus.NOT_REFRACTORY;
    }
}
