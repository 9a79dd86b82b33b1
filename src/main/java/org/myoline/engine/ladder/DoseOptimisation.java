package org.myoline.engine.ladder;

import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.trial.TrialEvaluator;
import org.myoline.engine.trial.TrialOutcomes;

/** An ongoing trial below its adequate dose: raise the dose before judging it or moving on. */
final class DoseOptimisation implements LadderModifier {

    DoseOptimisation(RuleSet.Binder rules) {
        rules.rule(TrialEvaluator.Subtherapeutic.class);
    }

    @Override
    public void before(Ladder ladder) {
        for (TrialOutcomes.Subtherapeutic low : ladder.trials().subtherapeutic()) {
            ladder.optimise(low.drug(), low.targetDose(), "Raise " + low.drug() + " from " + low.currentDose() + " to at least "
                    + low.targetDose() + ": below that dose the trial is not adequate", low.source());
        }
    }
}
