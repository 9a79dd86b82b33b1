package org.myoline.engine.ladder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.myoline.engine.context.EvaluationContext;
import org.myoline.engine.context.Findings;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.Assessment.StepAction;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.trial.TrialEvaluator;
import org.myoline.engine.trial.TrialOutcomes;

/**
 * One patient's next steps while they are being proposed: what is excluded (failed, not tolerated, withdrawn,
 * contraindicated), what is already given, what was tried but not adequately, and the steps so far, each with why
 * it stands where it does. A drug is proposed at most once, at the first place a rule puts it.
 */
public final class Ladder {
    private final EvaluationContext context;
    private final Assessment.RefractoryStatus status;
    private final Integer tier;
    private final TrialOutcomes trials;
    private final TrialEvaluator evaluator;
    private final Findings findings;
    private final List<LadderModifier> modifiers;
    private final List<Assessment.Variant> variants;
    private final Assessment.Escalation escalation;
    private final List<Assessment.NextStep> steps = new ArrayList<>();
    private final Set<String> listed = new LinkedHashSet<>();
    private final Set<String> excluded;
    private final Set<String> active;
    private final Set<String> tried;
    private final Map<String, Assessment.InadequateTrial> incomplete = new LinkedHashMap<>();
    private final Map<String, String> refused = new LinkedHashMap<>();
    private String place = "";

    Ladder(EvaluationContext context, Assessment.RefractoryStatus status, Integer tier, TrialOutcomes trials,
            TrialEvaluator evaluator, Findings findings, List<LadderModifier> modifiers, List<Assessment.Variant> variants,
            Assessment.Escalation escalation) {
        this.context = context;
        this.status = status;
        this.tier = tier;
        this.trials = trials;
        this.evaluator = evaluator;
        this.findings = findings;
        this.modifiers = modifiers;
        this.variants = variants;
        this.escalation = escalation;
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

    public Assessment.Escalation escalation() {
        return escalation;
    }

    /** The status under the definition named {@code name}, if the rules define it. */
    public Optional<Assessment.RefractoryStatus> variant(String name) {
        return variants.stream().filter(v -> v.definition().equals(name)).map(Assessment.Variant::status).findFirst();
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

    /** Drugs a modifier refused, with the reason: reported by the rule that refused them. */
    public Map<String, String> refused() {
        return refused;
    }

    /** Where the next steps are being proposed, said on each of them ("ahead of the ladder: …", "tier 3 …"). */
    void at(String place) {
        this.place = place;
    }

    /**
     * Proposes starting {@code drug} (or completing its inadequate trial) unless it is unknown, withdrawn,
     * failed, not tolerated, contraindicated, already given or already proposed. Returns whether it was added.
     */
    public boolean offer(String drug, String rationale, Rule rule) {
        if (active.contains(drug)) {
            return false;
        }
        Assessment.InadequateTrial pending = incomplete.get(drug);
        return add(drug, pending != null ? StepAction.COMPLETE_TRIAL : StepAction.START,
                pending == null ? null : pending.targetDose(), rationale, rule.citation());
    }

    /** Proposes raising the dose of a drug being given to {@code targetDose}. */
    public boolean optimise(String drug, String targetDose, String rationale, String source) {
        return add(drug, StepAction.OPTIMISE_DOSE, targetDose, rationale, source);
    }

    /** Proposes going on with a trial that is being given and is not yet adequate. */
    public boolean complete(String drug, String targetDose, String rationale, String source) {
        return add(drug, StepAction.COMPLETE_TRIAL, targetDose, rationale, source);
    }

    private boolean add(String drug, StepAction action, String targetDose, String rationale, String source) {
        DrugProfile p = context.drug(drug);
        if (p == null || p.withdrawn() || listed.contains(drug)) {
            return false;
        }
        for (LadderModifier m : modifiers) {
            Optional<String> why = m.refuses(this, p);
            if (why.isPresent()) {
                refused.putIfAbsent(drug, why.get());
                return false;
            }
        }
        List<String> cautions = new ArrayList<>();
        if (excluded.contains(drug)) {
            Optional<Assessment.FailedDrug> intolerance = trials.intoleranceOf(drug);
            if (intolerance.isEmpty() || !evaluator.rechallengeAllowed(p)) {
                return false;
            }
            action = StepAction.RECHALLENGE;
            cautions.add("Stopped for an adverse event on " + intolerance.get().since() + ": a re-challenge, with care — "
                    + evaluator.rechallengeRule().citation());
        }
        listed.add(drug);
        for (LadderModifier m : modifiers) {
            cautions.addAll(m.cautions(this, p));
        }
        steps.add(new Assessment.NextStep(drug, p.tier(), p.calcinosisTrack() ? "CALCINOSIS" : "MYOSITIS", action,
                targetDose, rationale, source, List.copyOf(cautions), place, false));
        return true;
    }

    /**
     * The steps in order: moved-back steps last; when escalation is not indicated, completing or optimising the
     * current trial first, the rest of the myositis ladder as a contingency for relapse or failure, and the
     * calcinosis track as it stands.
     */
    List<Assessment.NextStep> steps() {
        List<Assessment.NextStep> front = new ArrayList<>();
        List<Assessment.NextStep> back = new ArrayList<>();
        for (Assessment.NextStep s : steps) {
            Optional<String> movedBack = Optional.empty();
            for (LadderModifier m : modifiers) {
                movedBack = movedBack.or(() -> m.movesBack(this, context.drug(s.drug())));
            }
            if (movedBack.isPresent()) {
                back.add(s.ranked(s.ranking() + "; moved last: " + movedBack.get(), s.contingency()));
            } else {
                front.add(s);
            }
        }
        front.addAll(back);
        if (escalation.decision() != Assessment.EscalationDecision.NOT_INDICATED) {
            return List.copyOf(front);
        }
        List<Assessment.NextStep> now = new ArrayList<>();
        List<Assessment.NextStep> contingency = new ArrayList<>();
        List<Assessment.NextStep> parallel = new ArrayList<>();
        for (Assessment.NextStep s : front) {
            boolean current = active.contains(s.drug())
                    && (s.action() == StepAction.COMPLETE_TRIAL || s.action() == StepAction.OPTIMISE_DOSE);
            if (current) {
                now.add(s);
            } else if (context.drug(s.drug()).calcinosisTrack()) {
                // The calcinosis track runs beside the myositis ladder: whether to escalate myositis treatment
                // does not decide it.
                parallel.add(s);
            } else {
                contingency.add(s.ranked("contingency, if relapse or failure (escalation not indicated: "
                        + String.join("; ", escalation.reasons()) + "); " + s.ranking(), true));
            }
        }
        now.addAll(contingency);
        now.addAll(parallel);
        return List.copyOf(now);
    }
}
