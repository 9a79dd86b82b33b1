package org.myoline.engine.ladder;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.myoline.engine.model.ContraindicationKind;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.model.History;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.rules.RuleSetException;
import org.myoline.engine.timeline.Drugs;

/**
 * Patient-level contraindications and preferences in force on the date (avoid glucocorticoids, avoid cytotoxics,
 * planning a pregnancy, one named drug): the drugs and classes each avoids are never proposed, and the answer says which were
 * left out and why.
 */
final class Contraindications implements LadderModifier {

    @RuleId("CONTRAINDICATIONS")
    record Params(Map<String, List<String>> avoidClasses, Map<String, List<String>> avoidDrugs) {
    }

    private final Params params;
    private final Rule rule;

    Contraindications(RuleSet.Binder rules, Drugs drugs) {
        this.params = rules.params(Params.class);
        this.rule = rules.rule(Params.class);
        List<String> kinds = Arrays.stream(ContraindicationKind.values()).map(Enum::name).toList();
        for (String kind : params.avoidClasses().keySet()) {
            check(kinds, kind);
            drugs.requireClasses(java.util.Set.copyOf(params.avoidClasses().get(kind)), rule);
        }
        for (String kind : params.avoidDrugs().keySet()) {
            check(kinds, kind);
            params.avoidDrugs().get(kind).forEach(d -> drugs.require(d, rule));
        }
    }

    private void check(List<String> kinds, String kind) {
        if (!kinds.contains(kind)) {
            throw new RuleSetException(rule.origin() + ": rule " + rule.id() + ": " + kind + " is not one of " + kinds);
        }
    }

    @Override
    public Optional<String> refuses(Ladder ladder, DrugProfile drug) {
        for (History.Contraindication c : ladder.context().history().patient().contraindicationsOn(ladder.context().asOf())) {
            String kind = c.kind().name();
            if (drug.code().equals(c.drug())
                    || params.avoidClasses().getOrDefault(kind, List.of()).contains(drug.drugClass())
                    || params.avoidDrugs().getOrDefault(kind, List.of()).contains(drug.code())) {
                return Optional.of(kind + (c.drug() == null ? "" : " " + c.drug()) + " since " + c.since()
                        + (c.reason() == null ? "" : " (" + c.reason() + ")"));
            }
        }
        return Optional.empty();
    }

    @Override
    public void after(Ladder ladder) {
        List<History.Contraindication> inForce = ladder.context().history().patient()
                .contraindicationsOn(ladder.context().asOf());
        Map<String, String> refused = ladder.refused();
        ladder.findings().criterion(rule, !inForce.isEmpty(), inForce.isEmpty() ? "no contraindication or preference recorded"
                : inForce.stream().map(c -> c.kind().name() + (c.drug() == null ? "" : " " + c.drug())).collect(Collectors.joining(", ")) + (refused.isEmpty()
                        ? ": no candidate affected" : ": left out " + refused.entrySet().stream()
                                .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "))), List.of());
        if (!refused.isEmpty()) {
            ladder.findings().warn("STEPS_LEFT_OUT", "Not proposed because of the patient's contraindications or "
                    + "preferences: " + refused.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                            .collect(Collectors.joining(", ")), List.of(), rule.citation());
        }
    }
}
