package org.myoline.engine.ladder;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;

/** Calcinosis adds the calcinosis agents as a parallel track that does not change the myositis tier. */
final class CalcinosisTrack implements LadderModifier {

    @RuleId("MOD-CALCINOSIS")
    record Params() {
    }

    private final Rule rule;

    CalcinosisTrack(RuleSet.Binder rules) {
        rules.params(Params.class);
        this.rule = rules.rule(Params.class);
    }

    @Override
    public void after(Ladder ladder) {
        boolean calcinosis = ladder.context().has(Feature.CALCINOSIS);
        ladder.findings().criterion(rule, calcinosis, calcinosis ? "calcinosis track offered alongside" : "no calcinosis",
                List.of());
        if (!calcinosis) {
            return;
        }
        // Calcinosis agents have no adequate-trial rules: any recorded failure excludes them (an adverse event is
        // for the re-challenge rule to decide).
        Set<String> failed = new LinkedHashSet<>();
        ladder.context().history().episodes().stream().filter(e -> e.response() == ResponseCategory.NONE
                || e.stopReason() == StopReason.INEFFICACY).forEach(e -> failed.add(e.drug()));
        for (DrugProfile p : ladder.context().drugs().inCatalogueOrder()) {
            if (p.calcinosisTrack() && !failed.contains(p.code())) {
                ladder.offer(p.code(), "Calcinosis track (does not change the myositis tier)", rule);
            }
        }
    }
}
