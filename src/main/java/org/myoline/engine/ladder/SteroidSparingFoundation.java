package org.myoline.engine.ladder;

import java.util.List;
import java.util.Set;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.timeline.Drugs;

/**
 * A patient who has never had an adequate trial of a glucocorticoid-sparing agent is offered one alongside
 * higher tiers: IVIg and rituximab are add-ons, not replacements for it.
 */
final class SteroidSparingFoundation implements LadderModifier {

    @RuleId("MOD-STEROID-SPARING")
    record Params(Set<String> drugClasses) {
    }

    private final Params params;
    private final Rule rule;

    SteroidSparingFoundation(RuleSet.Binder rules, Drugs drugs) {
        this.params = rules.params(Params.class);
        this.rule = rules.rule(Params.class);
        drugs.requireClasses(params.drugClasses(), rule);
    }

    @Override
    public void before(Ladder ladder) {
        if (ladder.status() == Assessment.RefractoryStatus.NO_TREATMENT) {
            ladder.findings().criterion(rule, false, "no treatment yet: the ladder starts with induction", List.of());
            return;
        }
        List<DrugProfile> sparing = ladder.context().drugs().inCatalogueOrder().stream()
                .filter(p -> params.drugClasses().contains(p.drugClass())).toList();
        List<String> adequate = sparing.stream().map(DrugProfile::code)
                .filter(d -> ladder.trials().adequatelyTried().contains(d)).toList();
        List<String> given = sparing.stream().map(DrugProfile::code).filter(ladder::active).toList();
        boolean needed = adequate.isEmpty() && given.isEmpty();
        ladder.findings().criterion(rule, needed, !adequate.isEmpty()
                ? "adequate glucocorticoid-sparing trial: " + String.join(", ", adequate)
                : !given.isEmpty() ? "glucocorticoid-sparing agent being given: " + String.join(", ", given)
                        : "no adequate glucocorticoid-sparing trial yet: one is offered alongside any higher tier",
                List.of());
        if (!needed) {
            return;
        }
        for (DrugProfile p : sparing) {
            boolean available = !p.withdrawn() && !ladder.excluded().contains(p.code());
            if (available && ladder.offer(p.code(), "No adequate glucocorticoid-sparing trial yet: " + p.code()
                    + " alongside any higher tier (IVIg and biologics are add-ons, not replacements)", rule)) {
                return;
            }
        }
    }
}
