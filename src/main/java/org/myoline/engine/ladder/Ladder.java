package org.myoline.engine.ladder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.myoline.engine.context.EvaluationContext;
import org.myoline.engine.context.Findings;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.Assessment.StepAction;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.trial.TrialOutcomes;

/**
 * One patient's next steps while they are being proposed: what is excluded (failed, not tolerated,
 * withdrawn), what is already given, what was tried but not adequately, and the steps so far. A drug is
 * proposed at most once, at the first place a rule puts it.
 */
public final class Ladder {
    private final EvaluationContext context;
    private final Assessment.RefractoryStatus status;
    private final Integer tier;
    private final TrialOutcomes trials;
    private final Findings findings;
    private final List<LadderModifier> modifiers;
    private final List<Assessment.NextStep> steps = new ArrayList<>();
    private final Set<String> listed = new LinkedHashSet<>();
    private final Set<String> excluded;
    private final Set<String> active;
    private final Set<String> tried;
    private final Map<String, Assessment.InadequateTrial> incomplete = new LinkedHashMap<>();

    Ladder(EvaluationContext context, Assessment.RefractoryStatus status, Integer tier, TrialOutcomes trials,
            Findings findings, List<LadderModifier> modifiers) {
        this.context = context;
        this.status = status;
        this.tier = tier;
        this.trials = trials;
        this.findings = findings;
        this.modifiers = modifiers;
        this.excluded = trials.excludedDrugs();
        this.active = context.activeDrugs();
        this.tried = context.triedDrugs();
        trials.inadequate().forEach(t -> incomplete.put(t.drug(), t));
    }

    public EvaluationContext context() {
        return context;
    }

    public Assessment.RefractoryStatus status() {
        return status;
    }

    public Integer tier() {
        return tier;
    }

    public TrialOutcomes trials() {
        return trials;
    }

    public Findings findings() {
        return findings;
    }

    public boolean tried(String drug) {
        return tried.contains(drug);
    }

    public boolean active(String drug) {
        return active.contains(drug);
    }

    public Set<String> excluded() {
        return excluded;
    }

    public Assessment.InadequateTrial incomplete(String drug) {
        return incomplete.get(drug);
    }

    /**
     * Proposes starting {@code drug} (or completing its inadequate trial) unless it is unknown, withdrawn,
     * failed, not tolerated, already given or already proposed. Returns whether it was added.
     */
    public boolean offer(String drug, String rationale, Rule rule) {
        if (active.contains(drug)) {
            return false;
        }
        return add(drug, incomplete.containsKey(drug) ? StepAction.COMPLETE_TRIAL : StepAction.START, null, rationale,
                rule.citation());
    }

    /** Proposes raising the dose of a drug being given to {@code targetDose}. */
    public boolean optimise(String drug, String targetDose, String rationale, String source) {
        return add(drug, StepAction.OPTIMISE_DOSE, targetDose, rationale, source);
    }

    private boolean add(String drug, StepAction action, String targetDose, String rationale, String source) {
        DrugProfile p = context.drug(drug);
        if (p == null || p.withdrawn() || excluded.contains(drug) || !listed.add(drug)) {
            return false;
        }
        List<String> cautions = new ArrayList<>();
        for (LadderModifier m : modifiers) {
            cautions.addAll(m.cautions(this, p));
        }
        steps.add(new Assessment.NextStep(drug, p.tier(), p.calcinosisTrack() ? "CALCINOSIS" : "MYOSITIS", action,
                targetDose, rationale, source, List.copyOf(cautions)));
        return true;
    }

    List<Assessment.NextStep> steps() {
        return List.copyOf(steps);
    }
}
