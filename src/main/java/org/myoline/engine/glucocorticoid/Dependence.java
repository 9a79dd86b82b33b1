package org.myoline.engine.glucocorticoid;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.myoline.engine.context.EvaluationContext;
import org.myoline.engine.context.Findings;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.DiseaseDomain;
import org.myoline.engine.model.EventType;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.model.Timeline;
import org.myoline.engine.rules.Range;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.timeline.DoseMath;
import org.myoline.engine.timeline.GlucocorticoidCurve;

/**
 * Glucocorticoid dependence: a flare or relapse during a taper at or below the dependence threshold, or
 * continuous glucocorticoid still above it {@code monthsToReach} months after starting. Dependence presumes
 * a response, so an exposure recorded as not working is left to {@link Resistance}.
 */
public final class Dependence {

    @RuleId("GC-DEPENDENT")
    public record Params(@Range(min = 0, max = 100) double adultMaxMgPerDay,
            @Range(min = 0, max = 2) double juvenileMaxMgPerKgPerDay, @Range(min = 1, max = 36) int monthsToReach) {
    }

    private final Params params;
    private final Rule rule;

    public Dependence(RuleSet.Binder rules) {
        this.params = rules.params(Params.class);
        this.rule = rules.rule(Params.class);
    }

    /** The taper threshold (mg/d prednisone-equivalent) for this patient on {@code date}; NaN when it needs an unknown weight. */
    public double thresholdOn(EvaluationContext ctx, LocalDate date) {
        if (!ctx.juvenile()) {
            return params.adultMaxMgPerDay();
        }
        OptionalDouble w = ctx.body().weightKg(date);
        return w.isPresent() ? params.juvenileMaxMgPerKgPerDay() * w.getAsDouble() : Double.NaN;
    }

    public Assessment.Criterion judge(EvaluationContext ctx) {
        GlucocorticoidCurve curve = ctx.curve();
        List<History.Episode> gcEpisodes = ctx.glucocorticoidEpisodes();
        Function<LocalDate, Double> threshold = date -> thresholdOn(ctx, date);
        List<History.Event> flares = new java.util.ArrayList<>(ctx.history().events());
        // A confirmed deterioration of the core set after a response is a flare too.
        ctx.responses().flares().forEach(d -> flares.add(new History.Event(d, EventType.FLARE, DiseaseDomain.GLOBAL, null)));
        flares.sort(java.util.Comparator.comparing(History.Event::date));
        for (History.Event event : flares) {
            if (event.type() != EventType.FLARE && event.type() != EventType.RELAPSE) {
                continue;
            }
            double level = curve.at(event.date());
            double t = threshold.apply(event.date());
            if (level > 0 && !Double.isNaN(t) && level <= t + 1e-9 && level < curve.peakBefore(event.date()) - 1e-9) {
                return Findings.outcome(rule, true, event.type() + " (" + event.domain() + ") on " + event.date() + " at "
                        + DoseMath.number(level) + " mg/d prednisone-equivalent while tapering from "
                        + DoseMath.number(curve.peakBefore(event.date())) + " mg/d (threshold ≤ " + DoseMath.number(t)
                        + " mg/d)", idsActiveOn(ctx, gcEpisodes, event.date()));
            }
        }
        int months = params.monthsToReach();
        for (GlucocorticoidCurve.Run exposure : curve.exposures()) {
            LocalDate check = exposure.from().plusMonths(months);
            LocalDate until = exposure.to().isBefore(ctx.asOf()) ? exposure.to() : ctx.asOf();
            if (check.isAfter(until) || noResponseDuring(gcEpisodes, exposure.from(), until)) {
                continue;
            }
            double lowest = Double.MAX_VALUE;
            boolean evaluable = true;
            for (Timeline.DoseStep s : curve.steps()) {
                if (s.to().isBefore(check) || s.from().isAfter(until)) {
                    continue;
                }
                double t = threshold.apply(s.from().isBefore(check) ? check : s.from());
                if (Double.isNaN(t)) {
                    evaluable = false;
                    break;
                }
                lowest = Math.min(lowest, s.prednisoneEquivalentMgPerDay() - t);
            }
            if (evaluable && lowest > 1e-9) {
                return Findings.outcome(rule, true, "still above " + (ctx.juvenile()
                        ? DoseMath.number(params.juvenileMaxMgPerKgPerDay()) + " mg/kg/d"
                        : DoseMath.number(params.adultMaxMgPerDay()) + " mg/d") + " prednisone-equivalent " + months
                        + " months after starting on " + exposure.from() + " (" + DoseMath.number(curve.at(until))
                        + " mg/d on " + until + ")", idsActiveOn(ctx, gcEpisodes, until));
            }
        }
        return Findings.outcome(rule, false, "no flare during a taper at or below the threshold, and no exposure above it "
                + months + " months after starting", List.of());
    }

    /** Whether a glucocorticoid given in the period was recorded as not working. */
    private static boolean noResponseDuring(List<History.Episode> gcEpisodes, LocalDate from, LocalDate to) {
        return gcEpisodes.stream().anyMatch(e -> !e.start().isAfter(to) && (e.end() == null || !e.end().isBefore(from))
                && (e.response() == ResponseCategory.NONE || e.stopReason() == StopReason.INEFFICACY));
    }

    private static List<String> idsActiveOn(EvaluationContext ctx, List<History.Episode> episodes, LocalDate date) {
        return episodes.stream().filter(e -> ctx.activeOn(e, date)).map(History.Episode::id).toList();
    }
}
