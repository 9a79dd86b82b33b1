package org.myoline.engine.ladder;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.myoline.engine.context.EvaluationContext;
import org.myoline.engine.context.Findings;
import org.myoline.engine.model.AssessedResponse;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.Assessment.EscalationDecision;
import org.myoline.engine.model.EventType;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.rules.Range;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.trial.TrialOutcomes;

/**
 * Whether escalating treatment is indicated now, and why: URGENT for an organ threat whose up-front regimen is not
 * all in place; NOT_INDICATED in remission, while responding, or while a trial is still inside its adequate
 * window; INDICATED after a recent flare, an inadequate response, glucocorticoid resistance or dependence, or
 * refractory disease, or when nothing has been given yet. The first that applies decides, in that order.
 */
public final class EscalationRules {

    @RuleId("ESCALATION")
    public record Params(@Range(min = 7, max = 730) int recentFlareDays, Set<Feature> urgentFeatures) {
    }

    private final Params params;
    private final Rule rule;
    private final AntiMda5Combination.Params combination;

    public EscalationRules(RuleSet.Binder rules) {
        this.params = rules.params(Params.class);
        this.rule = rules.rule(Params.class);
        this.combination = rules.params(AntiMda5Combination.Params.class);
    }

    public Assessment.Escalation decide(EvaluationContext ctx, Assessment.RefractoryStatus status, TrialOutcomes trials,
            Findings findings) {
        Decision d = decision(ctx, status, trials);
        findings.criterion(rule, d.decision() != EscalationDecision.NOT_INDICATED, d.decision() + ": " + d.reason(),
                List.of());
        return new Assessment.Escalation(d.decision(), List.of(d.reason()), rule.id() + ": " + rule.citation());
    }

    private record Decision(EscalationDecision decision, String reason) {
    }

    private Decision decision(EvaluationContext ctx, Assessment.RefractoryStatus status, TrialOutcomes trials) {
        Set<String> active = ctx.activeDrugs();
        for (Feature f : params.urgentFeatures()) {
            if (ctx.has(f) && !active.containsAll(combination.combination())) {
                return new Decision(EscalationDecision.URGENT, "organ threat: " + f + " calls for the up-front regimen ("
                        + String.join(" + ", combination.combination()) + "), not all of which is being given");
            }
        }
        List<History.Event> events = ctx.history().events().stream().filter(e -> !e.type().cancerTreatment())
                .sorted(Comparator.comparing(History.Event::date)).toList();
        Optional<History.Event> lastEvent = events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
        boolean onMyositisDrug = ctx.history().episodes().stream().anyMatch(e -> ctx.activeOn(e, ctx.asOf())
                && ctx.drugs().systemic(e));
        if (lastEvent.isPresent() && lastEvent.get().type() == EventType.REMISSION) {
            return new Decision(EscalationDecision.NOT_INDICATED, "in remission since " + lastEvent.get().date());
        }
        Optional<History.Episode> lastStopped = ctx.history().episodes().stream().filter(e -> e.end() != null && ctx.drugs().systemic(e))
                .max(Comparator.comparing(History.Episode::end));
        if (!onMyositisDrug && lastStopped.isPresent() && lastStopped.get().stopReason() == StopReason.REMISSION
                && lastEvent.map(e -> !e.date().isAfter(lastStopped.get().end())).orElse(true)) {
            return new Decision(EscalationDecision.NOT_INDICATED, "in remission off therapy since "
                    + lastStopped.get().end() + " (" + lastStopped.get().drug() + " stopped for remission)");
        }
        LocalDate lastResponse = latestResponse(ctx, AssessedResponse.MAJOR);
        if (lastEvent.isPresent() && (lastEvent.get().type() == EventType.FLARE || lastEvent.get().type() == EventType.RELAPSE)
                && ChronoUnit.DAYS.between(lastEvent.get().date(), ctx.asOf()) <= params.recentFlareDays()
                && (lastResponse == null || lastEvent.get().date().isAfter(lastResponse))) {
            return new Decision(EscalationDecision.INDICATED, lastEvent.get().type().name().toLowerCase() + " on "
                    + lastEvent.get().date() + " (" + lastEvent.get().domain() + ")");
        }
        Optional<Assessment.Response> latest = ctx.responses().responses().stream()
                .filter(r -> r.episodeIds().stream().anyMatch(id -> ctx.history().episodes().stream()
                        .anyMatch(e -> e.id().equals(id) && ctx.activeOn(e, ctx.asOf()))))
                .max(Comparator.comparing(Assessment.Response::date));
        Optional<Assessment.FailedDrug> activeFailure = trials.failed().stream().filter(f -> active.contains(f.drug())).findFirst();
        if (activeFailure.isPresent()) {
            return new Decision(EscalationDecision.INDICATED, "inadequate response: " + activeFailure.get().drug()
                    + " failed" + (activeFailure.get().since() == null ? "" : " from " + activeFailure.get().since())
                    + " and is still being given");
        }
        if (latest.isPresent() && latest.get().category() == AssessedResponse.MAJOR) {
            return new Decision(EscalationDecision.NOT_INDICATED, "responding: " + latest.get().drug() + " major response on "
                    + latest.get().date());
        }
        Optional<History.Episode> summaryMajor = ctx.history().episodes().stream()
                .filter(e -> e.response() == ResponseCategory.MAJOR && ctx.activeOn(e, ctx.asOf())).findFirst();
        if (summaryMajor.isPresent()) {
            return new Decision(EscalationDecision.NOT_INDICATED, "responding: " + summaryMajor.get().drug()
                    + " major response recorded");
        }
        if (!trials.underway().isEmpty()) {
            TrialOutcomes.Underway u = trials.underway().get(0);
            return new Decision(EscalationDecision.NOT_INDICATED, "trial still within its adequate window: " + u.drug()
                    + " (" + String.join(", ", u.missing()) + ")");
        }
        return switch (status) {
            case NO_TREATMENT -> new Decision(EscalationDecision.INDICATED, "untreated: induction is due");
            case GLUCOCORTICOID_RESISTANT -> new Decision(EscalationDecision.INDICATED, "glucocorticoid resistance");
            case GLUCOCORTICOID_DEPENDENT -> new Decision(EscalationDecision.INDICATED, "glucocorticoid dependence");
            case REFRACTORY, MULTI_REFRACTORY -> new Decision(EscalationDecision.INDICATED, "refractory disease ("
                    + status + ")");
            case NOT_REFRACTORY -> onMyositisDrug
                    ? new Decision(EscalationDecision.NOT_INDICATED, "no sign of failure on the current treatment")
                    : new Decision(EscalationDecision.INDICATED, "no myositis treatment is being given");
        };
    }

    /** The latest date a course of a drug was judged {@code category}, or null. */
    private static LocalDate latestResponse(EvaluationContext ctx, AssessedResponse category) {
        LocalDate latest = null;
        for (Assessment.Response r : ctx.responses().responses()) {
            if (r.category() == category && (latest == null || r.date().isAfter(latest))) {
                latest = r.date();
            }
        }
        return latest;
    }
}
