package org.myoline.engine.refractory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.myoline.engine.context.EvaluationContext;
import org.myoline.engine.glucocorticoid.GlucocorticoidVerdict;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.trial.TrialOutcomes;

/** What every definition judges from: the patient's context, the glucocorticoid verdict and the trial outcomes. */
public record RefractoryFacts(EvaluationContext context, GlucocorticoidVerdict glucocorticoids, TrialOutcomes trials) {

    /** Failed or not tolerated drugs whose tier is at least {@code minTier}, in the order they failed. */
    public Set<String> failuresFromTier(int minTier) {
        Set<String> drugs = new LinkedHashSet<>();
        for (Assessment.FailedDrug f : trials.failuresAndIntolerances()) {
            DrugProfile p = context.drug(f.drug());
            if (p.tier() != null && p.tier() >= minTier) {
                drugs.add(f.drug());
            }
        }
        return drugs;
    }

    /** Episodes behind the failures of the given drugs. */
    public List<String> evidence(Set<String> drugs) {
        return trials.failuresAndIntolerances().stream().filter(f -> drugs.contains(f.drug()))
                .flatMap(f -> f.episodeIds().stream()).toList();
    }

    static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
