package org.myoline.engine.ladder;

import java.util.List;
import java.util.Set;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.model.Feature;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.timeline.Drugs;

/** Cancer-associated DM: flag for oncology review and caution against cytotoxic agents. */
final class MalignancyCaution implements LadderModifier {

    @RuleId("MOD-MALIGNANCY")
    record Params(Set<String> cytotoxicClasses) {
    }

    private final Params params;
    private final Rule rule;

    MalignancyCaution(RuleSet.Binder rules, Drugs drugs) {
        this.params = rules.params(Params.class);
        this.rule = rules.rule(Params.class);
        drugs.requireClasses(params.cytotoxicClasses(), rule);
    }

    @Override
    public void after(Ladder ladder) {
        boolean cancer = ladder.context().has(Feature.MALIGNANCY);
        ladder.findings().criterion(rule, cancer, cancer ? "cancer-associated: oncology review, prefer non-cytotoxic options"
                : "no malignancy recorded", List.of());
        if (cancer) {
            ladder.findings().warn("ONCOLOGY_REVIEW", "Cancer-associated DM: treat the cancer with oncology; prefer "
                    + "non-cytotoxic immunosuppression", List.of(), rule.citation());
        }
    }

    @Override
    public List<String> cautions(Ladder ladder, DrugProfile drug) {
        return ladder.context().has(Feature.MALIGNANCY) && params.cytotoxicClasses().contains(drug.drugClass())
                ? List.of("Cytotoxic in cancer-associated DM: prefer non-cytotoxic options — " + rule.citation())
                : List.of();
    }
}
