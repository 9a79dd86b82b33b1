package org.myoline.engine.ladder;

import java.util.List;
import java.util.Set;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.model.Feature;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.timeline.Drugs;

/** Interstitial lung disease: some agents rank first within their tier; others only with caution. */
final class IldPreference implements LadderModifier {

    @RuleId("MOD-ILD")
    record Params(Set<String> preferredDrugs, Set<String> cautionDrugs) {
    }

    private final Params params;
    private final Rule rule;

    IldPreference(RuleSet.Binder rules, Drugs drugs) {
        this.params = rules.params(Params.class);
        this.rule = rules.rule(Params.class);
        params.preferredDrugs().forEach(d -> drugs.require(d, rule));
        params.cautionDrugs().forEach(d -> drugs.require(d, rule));
    }

    private static boolean ild(Ladder ladder) {
        return ladder.context().has(Feature.ILD) || ladder.context().has(Feature.RAPIDLY_PROGRESSIVE_ILD);
    }

    @Override
    public boolean prefers(Ladder ladder, DrugProfile candidate) {
        return ild(ladder) && params.preferredDrugs().contains(candidate.code());
    }

    @Override
    public void after(Ladder ladder) {
        boolean ild = ild(ladder);
        ladder.findings().criterion(rule, ild, ild ? "ILD: " + String.join(", ", sorted(params.preferredDrugs()))
                + " preferred" : "no ILD recorded", List.of());
        for (String drug : sorted(params.cautionDrugs())) {
            if (ild && ladder.active(drug)) {
                ladder.findings().warn(drug.toUpperCase().replace('-', '_') + "_WITH_ILD", capitalised(drug)
                        + " is given with interstitial lung disease: use only with caution", List.of(), rule.citation());
            }
        }
    }

    @Override
    public List<String> cautions(Ladder ladder, DrugProfile drug) {
        return ild(ladder) && params.cautionDrugs().contains(drug.code())
                ? List.of(capitalised(drug.code()) + " with ILD only with caution — " + rule.citation()) : List.of();
    }

    private static List<String> sorted(Set<String> drugs) {
        return drugs.stream().sorted().toList();
    }

    private static String capitalised(String drug) {
        return Character.toUpperCase(drug.charAt(0)) + drug.substring(1);
    }
}
