package org.myoline.engine.glucocorticoid;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.myoline.engine.context.EvaluationContext;
import org.myoline.engine.context.Findings;
import org.myoline.engine.model.AssessedResponse;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ObservationType;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.response.TisCutoffs;
import org.myoline.engine.rules.Range;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.timeline.DoseMath;
import org.myoline.engine.timeline.GlucocorticoidCurve;

/**
 * Glucocorticoid resistance: a high prednisone-equivalent dose (adult ≥ absolute or per-kg threshold,
 * juvenile per kg up to a cap) held for at least {@code minDays} without a minimal response.
 */
public final class Resistance {

    @RuleId("GC-RESISTANT")
    public record Params(@Range(min = 1, max = 200) double adultMinMgPerDay,
            @Range(min = 0.1, max = 5) double adultMinMgPerKgPerDay,
            @Range(min = 0.1, max = 5) double juvenileMinMgPerKgPerDay,
            @Range(min = 1, max = 200) double juvenileMaxMgPerDay, @Range(min = 1, max = 365) int minDays) {
    }

    private final Params params;
    private final Rule rule;
    private final TisCutoffs tis;
    private final Rule tisRule;

    public Resistance(RuleSet.Binder rules) {
        this.params = rules.params(Params.class);
        this.rule = rules.rule(Params.class);
        this.tis = rules.params(TisCutoffs.class);
        this.tisRule = rules.rule(TisCutoffs.class);
    }

    public Assessment.Criterion judge(EvaluationContext ctx) {
        int minDays = params.minDays();
        Function<LocalDate, Double> high = date -> highDose(ctx.juvenile(), ctx.body().weightKg(date));
        List<GlucocorticoidCurve.Run> runs = ctx.curve().runsAtOrAbove(high).stream().filter(r -> r.days() >= minDays)
                .toList();
        for (History.Episode e : ctx.glucocorticoidEpisodes()) {
            if (ctx.drugs().isPulse(e)) {
                continue;
            }
            for (NoResponse nr : noResponse(ctx, e)) {
                for (GlucocorticoidCurve.Run run : runs) {
                    LocalDate from = run.from().isAfter(e.start()) ? run.from() : e.start();
                    LocalDate to = run.to().isBefore(nr.until()) ? run.to() : nr.until();
                    long days = from.isAfter(to) ? 0 : ChronoUnit.DAYS.between(from, to) + 1;
                    if (days >= minDays) {
                        return Findings.outcome(rule, true, e.drug() + " " + DoseMath.text(e.dose().value(),
                                e.dose().unit()) + ": " + DoseMath.number(run.minMgPerDay()) + "–"
                                + DoseMath.number(run.maxMgPerDay()) + " mg/d prednisone-equivalent for " + days
                                + " days ≥ " + thresholdText(ctx.juvenile()) + " for " + minDays + " days, " + nr.why(),
                                List.of(e.id()));
                    }
                }
            }
        }
        Assessment.Criterion byTis = tisResistance(ctx, runs);
        if (byTis != null) {
            return byTis;
        }
        String detail = runs.isEmpty() ? "no period of ≥ " + thresholdText(ctx.juvenile()) + " for " + minDays + " days"
                : "high dose for " + runs.get(0).days() + " days from " + runs.get(0).from()
                        + ", but no recorded absence of response (response NONE, stop for inefficacy or TIS below the minimal cut-off)";
        return Findings.outcome(rule, false, detail, List.of());
    }

    /** When a glucocorticoid episode was judged not to work: each dated NONE or WORSENING, and the episode's own summary. */
    private record NoResponse(LocalDate until, String why) {
    }

    private static List<NoResponse> noResponse(EvaluationContext ctx, History.Episode e) {
        List<NoResponse> found = new java.util.ArrayList<>();
        for (Assessment.Response r : ctx.responses().of(List.of(e.id()))) {
            if (r.category() == AssessedResponse.NONE || r.category() == AssessedResponse.WORSENING) {
                found.add(new NoResponse(r.date(), (r.recorded() != null ? "assessed " : "core set scored ") + r.category()
                        + " on " + r.date()));
            }
        }
        if (e.response() == ResponseCategory.NONE || e.stopReason() == StopReason.INEFFICACY) {
            found.add(new NoResponse(e.end() == null ? ctx.asOf() : e.end(),
                    e.response() == ResponseCategory.NONE ? "response NONE" : "stopped for inefficacy"));
        }
        return found;
    }

    private Assessment.Criterion tisResistance(EvaluationContext ctx, List<GlucocorticoidCurve.Run> runs) {
        double minimal = tis.minimal(ctx.juvenile());
        int minDays = params.minDays();
        for (History.Observation o : ctx.history().observations()) {
            if (o.type() != ObservationType.TIS || o.value() >= minimal) {
                continue;
            }
            for (GlucocorticoidCurve.Run run : runs) {
                if (!o.date().isBefore(run.from().plusDays(minDays - 1L)) && !o.date().isAfter(run.to().plusDays(minDays))) {
                    return Findings.outcome(rule, true, "TIS " + DoseMath.number(o.value()) + " on " + o.date()
                            + " below the minimal-improvement cut-off " + DoseMath.number(minimal) + " after " + minDays
                            + "+ days at ≥ " + thresholdText(ctx.juvenile()) + " (" + tisRule.id() + ")", List.of());
                }
            }
        }
        return null;
    }

    /** The high-dose threshold (mg/d prednisone-equivalent) for this patient on {@code date}. */
    public double thresholdOn(EvaluationContext ctx, LocalDate date) {
        return highDose(ctx.juvenile(), ctx.body().weightKg(date));
    }

    /** Adult: the absolute or the per-kg threshold, whichever is lower; juvenile: per kg up to the cap. */
    private double highDose(boolean juvenile, OptionalDouble weight) {
        if (juvenile) {
            double cap = params.juvenileMaxMgPerDay();
            return weight.isPresent() ? Math.min(cap, params.juvenileMinMgPerKgPerDay() * weight.getAsDouble()) : cap;
        }
        double absolute = params.adultMinMgPerDay();
        return weight.isPresent() ? Math.min(absolute, params.adultMinMgPerKgPerDay() * weight.getAsDouble()) : absolute;
    }

    private String thresholdText(boolean juvenile) {
        return juvenile ? DoseMath.number(params.juvenileMinMgPerKgPerDay()) + " mg/kg/d (cap "
                + DoseMath.number(params.juvenileMaxMgPerDay()) + " mg/d)"
                : DoseMath.number(params.adultMinMgPerDay()) + " mg/d or "
                        + DoseMath.number(params.adultMinMgPerKgPerDay()) + " mg/kg/d";
    }
}
