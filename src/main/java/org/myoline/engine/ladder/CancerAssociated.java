package org.myoline.engine.ladder;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.History;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.timeline.Drugs;

/**
 * Cancer-associated DM. While the cancer is active and no cancer-directed treatment (surgery, chemotherapy,
 * radiotherapy) has been recorded since it began, oncology review comes first and non-immunosuppressive options
 * (IVIg) rank first; cytotoxic agents move to the end of the list unless an organ threat calls for them.
 */
final class CancerAssociated implements LadderModifier {

    @RuleId("MOD-MALIGNANCY")
    record Params(Set<String> cytotoxicClasses, List<String> nonImmunosuppressive, Set<Feature> organThreats) {
    }

    private final Params params;
    private final Rule rule;

    CancerAssociated(RuleSet.Binder rules, Drugs drugs) {
        this.params = rules.params(Params.class);
        this.rule = rules.rule(Params.class);
        drugs.requireClasses(params.cytotoxicClasses(), rule);
        params.nonImmunosuppressive().forEach(d -> drugs.require(d, rule));
    }

    private static boolean cancer(Ladder ladder) {
        return ladder.context().has(Feature.MALIGNANCY);
    }

    /** Active and untreated: no cancer-directed treatment on or after the malignancy's onset (any, if undated). */
    private static boolean untreated(Ladder ladder) {
        History h = ladder.context().history();
        LocalDate onset = h.patient().featureSpans().stream().filter(s -> s.feature() == Feature.MALIGNANCY)
                .map(History.FeatureSpan::onset).max(LocalDate::compareTo).orElse(null);
        return h.events().stream().noneMatch(e -> e.type().cancerTreatment() && (onset == null || !e.date().isBefore(onset)));
    }

    private boolean organThreat(Ladder ladder) {
        return params.organThreats().stream().anyMatch(ladder.context()::has);
    }

    @Override
    public void before(Ladder ladder) {
        if (!cancer(ladder) || !untreated(ladder)) {
            return;
        }
        ladder.findings().warn("ONCOLOGY_REVIEW_FIRST", "Cancer-associated DM with no cancer-directed treatment recorded: "
                + "oncology review and treating the cancer come before escalating immunosuppression", List.of(),
                rule.citation());
        for (String drug : params.nonImmunosuppressive()) {
            ladder.offer(drug, "Cancer-associated DM, cancer not yet treated: a non-immunosuppressive option first", rule);
        }
    }

    @Override
    public void after(Ladder ladder) {
        boolean cancer = cancer(ladder);
        ladder.findings().criterion(rule, cancer, !cancer ? "no malignancy recorded" : untreated(ladder)
                ? "cancer-associated, no cancer-directed treatment recorded: oncology first, IVIg first, cytotoxics last"
                : "cancer-associated, cancer treated: oncology review, cytotoxics last without an organ threat", List.of());
        if (cancer) {
            ladder.findings().warn("ONCOLOGY_REVIEW", "Cancer-associated DM: treat the cancer with oncology; prefer "
                    + "non-cytotoxic immunosuppression", List.of(), rule.citation());
        }
    }

    @Override
    public Optional<String> movesBack(Ladder ladder, DrugProfile drug) {
        return cancer(ladder) && params.cytotoxicClasses().contains(drug.drugClass()) && !organThreat(ladder)
                ? Optional.of("cytotoxic in cancer-associated DM without an organ threat (" + rule.id() + ")")
                : Optional.empty();
    }

    @Override
    public List<String> cautions(Ladder ladder, DrugProfile drug) {
        return cancer(ladder) && params.cytotoxicClasses().contains(drug.drugClass())
                ? List.of("Cytotoxic in cancer-associated DM: prefer non-cytotoxic options — " + rule.citation())
                : List.of();
    }
}
