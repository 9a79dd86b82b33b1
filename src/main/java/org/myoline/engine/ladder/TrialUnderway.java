package org.myoline.engine.ladder;

import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.trial.TrialEvaluator;
import org.myoline.engine.trial.TrialOutcomes;

/** A trial being given that is not yet adequate (an incomplete first IVIg series, say): complete it first. */
final class TrialUnderway implements LadderModifier {
    private final Rule rule;

    TrialUnderway(RuleSet.Binder rules) {
        this.rule = rules.rule(TrialEvaluator.Adequacy.class);
    }

    @Override
    public void before(Ladder ladder) {
        for (TrialOutcomes.Underway u : ladder.trials().underway()) {
            ladder.complete(u.drug(), u.targetDose(), "Continue " + u.drug() + " to an adequate trial before judging it ("
                    + String.join(", ", u.missing()) + ")", rule.citation());
        }
    }
}
