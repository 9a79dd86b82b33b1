package org.myoline.engine.timeline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.model.History;
import org.myoline.engine.model.Timeline;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;

/** What the timeline warns about: drugs outside the catalogue, withdrawn drugs, TNF blockers, unevaluable doses. */
public final class TimelineWarnings {

    /** Withdrawn drugs are kept as history and never suggested. */
    @RuleId("WITHDRAWN")
    public record Withdrawn() {
    }

    /** Drug classes that may induce or worsen the rash of dermatomyositis. */
    @RuleId("CAUTION-TNF")
    public record RashCaution(Set<String> drugClasses) {
    }

    private final Drugs drugs;
    private final Rule withdrawnRule;
    private final RashCaution rash;
    private final Rule rashRule;

    public TimelineWarnings(RuleSet.Binder rules, Drugs drugs) {
        this.drugs = drugs;
        rules.params(Withdrawn.class);
        this.withdrawnRule = rules.rule(Withdrawn.class);
        this.rash = rules.params(RashCaution.class);
        this.rashRule = rules.rule(RashCaution.class);
        drugs.requireClasses(rash.drugClasses(), rashRule);
    }

    public List<Timeline.Warning> of(History view, GlucocorticoidCurve curve) {
        List<Timeline.Warning> warnings = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        List<String> unknownIds = new ArrayList<>();
        Set<String> withdrawn = new LinkedHashSet<>();
        List<String> withdrawnIds = new ArrayList<>();
        List<String> rashIds = new ArrayList<>();
        for (History.Episode e : view.episodes()) {
            DrugProfile p = drugs.profile(e.drug());
            if (p == null) {
                unknown.add(e.drug());
                unknownIds.add(e.id());
                continue;
            }
            if (p.withdrawn()) {
                withdrawn.add(e.drug());
                withdrawnIds.add(e.id());
            }
            if (rash.drugClasses().contains(p.drugClass())) {
                rashIds.add(e.id());
            }
        }
        if (!unknown.isEmpty()) {
            warnings.add(new Timeline.Warning("UNKNOWN_DRUG", "Not in the drug catalogue, left out of every rule: "
                    + String.join(", ", unknown), unknownIds, "catalogue"));
        }
        if (!withdrawn.isEmpty()) {
            warnings.add(new Timeline.Warning("WITHDRAWN_DRUG_IN_HISTORY", String.join(", ", withdrawn)
                    + " has been withdrawn from the market; kept as history, never suggested", withdrawnIds,
                    withdrawnRule.citation()));
        }
        if (!rashIds.isEmpty()) {
            warnings.add(new Timeline.Warning("TNF_BLOCKER_RASH", rashRule.description(), rashIds, rashRule.citation()));
        }
        if (!curve.notEvaluableEpisodeIds().isEmpty()) {
            warnings.add(new Timeline.Warning("DOSE_NOT_EVALUABLE", "Weight-based glucocorticoid doses without a known "
                    + "weight (or height) on their dates are left out of the prednisone-equivalent curve",
                    curve.notEvaluableEpisodeIds(), drugs.pulseRule().citation()));
        }
        return List.copyOf(warnings);
    }

    /** Cautions for proposing a drug of a class that may worsen the rash. */
    public List<String> cautions(DrugProfile p) {
        return rash.drugClasses().contains(p.drugClass())
                ? List.of(rashRule.description() + " — " + rashRule.citation()) : List.of();
    }

    public Rule withdrawnRule() {
        return withdrawnRule;
    }
}
