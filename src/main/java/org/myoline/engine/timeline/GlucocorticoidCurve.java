package org.myoline.engine.timeline;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;
import org.myoline.engine.model.DoseUnit;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.model.History;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.Timeline;

/**
 * The daily prednisone-equivalent curve from overlapping glucocorticoid episodes and their tapers
 * (docs/clinical-evidence.md §6), built by a sweep over dose change points, and the pulses kept apart.
 */
public final class GlucocorticoidCurve {

    /** A run of consecutive days at or above a threshold. */
    public record Run(LocalDate from, LocalDate to, double minMgPerDay, double maxMgPerDay) {
        public long days() {
            return ChronoUnit.DAYS.between(from, to) + 1;
        }
    }

    private final List<Timeline.DoseStep> steps;
    private final List<Timeline.Pulse> pulses;
    private final List<String> notEvaluable;
    private final double cumulative;
    private final double pulseCumulative;

    private GlucocorticoidCurve(List<Timeline.DoseStep> steps, List<Timeline.Pulse> pulses, List<String> notEvaluable,
            double cumulative, double pulseCumulative) {
        this.steps = steps;
        this.pulses = pulses;
        this.notEvaluable = notEvaluable;
        this.cumulative = cumulative;
        this.pulseCumulative = pulseCumulative;
    }

    public static GlucocorticoidCurve build(List<History.Episode> episodes, Drugs drugs, BodySize body, LocalDate asOf) {
        TreeMap<LocalDate, Double> deltas = new TreeMap<>();
        List<Timeline.Pulse> pulses = new ArrayList<>();
        List<String> notEvaluable = new ArrayList<>();
        double pulseTotal = 0;
        for (History.Episode e : episodes) {
            DrugProfile drug = drugs.profile(e.drug());
            if (drug == null || !drug.glucocorticoid() || e.route() == Route.TOPICAL) {
                continue;
            }
            double factor = drug.prednisoneEquivalence();
            LocalDate last = e.end() == null || e.end().isAfter(asOf) ? asOf : e.end();
            if (drugs.isPulse(e)) {
                Double total = pulseTotal(e, last, factor, body);
                if (total == null) {
                    notEvaluable.add(e.id());
                } else {
                    pulseTotal += total;
                }
                pulses.add(new Timeline.Pulse(e.id(), e.drug(), e.start(), last,
                        DoseMath.text(e.dose().value(), e.dose().unit()), total));
                continue;
            }
            for (Piece piece : pieces(e, last)) {
                OptionalDouble mgPerDay = DoseMath.convert(piece.dose(), DoseUnit.MG_PER_DAY, piece.from(), body,
                        e.schedule());
                if (mgPerDay.isEmpty()) {
                    if (!notEvaluable.contains(e.id())) {
                        notEvaluable.add(e.id());
                    }
                    continue;
                }
                double level = mgPerDay.getAsDouble() * factor;
                deltas.merge(piece.from(), level, Double::sum);
                deltas.merge(piece.to().plusDays(1), -level, Double::sum);
            }
        }
        List<Timeline.DoseStep> steps = new ArrayList<>();
        double level = 0;
        double cumulative = 0;
        LocalDate previous = null;
        for (Map.Entry<LocalDate, Double> change : deltas.entrySet()) {
            // Levels are kept to 0.001 mg/d; the cumulative dose is the sum of exactly the steps reported.
            double rounded = Math.round(level * 1000.0) / 1000.0;
            if (previous != null && rounded > 0) {
                LocalDate to = change.getKey().minusDays(1);
                cumulative += rounded * (ChronoUnit.DAYS.between(previous, to) + 1);
                appendStep(steps, previous, to, rounded);
            }
            level += change.getValue();
            if (Math.abs(level) < 1e-9) {
                level = 0;
            }
            previous = change.getKey();
        }
        return new GlucocorticoidCurve(List.copyOf(steps), List.copyOf(pulses), List.copyOf(notEvaluable),
                cumulative, pulseTotal);
    }

    private static void appendStep(List<Timeline.DoseStep> steps, LocalDate from, LocalDate to, double rounded) {
        if (!steps.isEmpty()) {
            Timeline.DoseStep last = steps.get(steps.size() - 1);
            if (last.to().plusDays(1).equals(from) && Math.abs(last.prednisoneEquivalentMgPerDay() - rounded) < 1e-9) {
                steps.set(steps.size() - 1, new Timeline.DoseStep(last.from(), to, rounded));
                return;
            }
        }
        steps.add(new Timeline.DoseStep(from, to, rounded));
    }

    private record Piece(LocalDate from, LocalDate to, History.Dose dose) {
    }

    /** The episode's dose schedule as constant-dose pieces up to {@code last}. */
    private static List<Piece> pieces(History.Episode e, LocalDate last) {
        List<Piece> pieces = new ArrayList<>();
        LocalDate from = e.start();
        History.Dose dose = e.dose();
        for (History.DoseStep change : e.doseChanges()) {
            if (change.date().isAfter(last)) {
                break;
            }
            if (change.date().isAfter(from)) {
                pieces.add(new Piece(from, change.date().minusDays(1), dose));
            }
            from = change.date();
            dose = change.dose();
        }
        if (!from.isAfter(last)) {
            pieces.add(new Piece(from, last, dose));
        }
        return pieces;
    }

    /** Prednisone-equivalent mg of a pulse episode: the dose once a day from start to end. */
    private static Double pulseTotal(History.Episode e, LocalDate last, double factor, BodySize body) {
        double total = 0;
        for (Piece piece : pieces(e, last)) {
            DoseUnit unit = piece.dose().unit();
            DoseUnit target = DoseMath.period(unit) == DoseMath.Period.DOSE ? DoseUnit.MG : DoseUnit.MG_PER_DAY;
            OptionalDouble perDay = DoseMath.convert(piece.dose(), target, piece.from(), body);
            if (perDay.isEmpty()) {
                return null;
            }
            total += perDay.getAsDouble() * (ChronoUnit.DAYS.between(piece.from(), piece.to()) + 1);
        }
        return total * factor;
    }

    public List<Timeline.DoseStep> steps() {
        return steps;
    }

    public List<Timeline.Pulse> pulses() {
        return pulses;
    }

    public List<String> notEvaluableEpisodeIds() {
        return notEvaluable;
    }

    public double cumulativeMg() {
        return cumulative;
    }

    public double pulseCumulativeMg() {
        return pulseCumulative;
    }

    /** Prednisone-equivalent mg/d on a date (0 when off glucocorticoids). */
    public double at(LocalDate date) {
        int lo = 0;
        int hi = steps.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Timeline.DoseStep s = steps.get(mid);
            if (date.isBefore(s.from())) {
                hi = mid - 1;
            } else if (date.isAfter(s.to())) {
                lo = mid + 1;
            } else {
                return s.prednisoneEquivalentMgPerDay();
            }
        }
        return 0;
    }

    /** Highest dose in the continuous exposure that contains {@code date}, up to that date. */
    public double peakBefore(LocalDate date) {
        double peak = 0;
        LocalDate expected = null;
        for (Timeline.DoseStep s : steps) {
            if (s.from().isAfter(date)) {
                break;
            }
            if (expected != null && !s.from().equals(expected)) {
                peak = 0; // a gap ends the exposure
            }
            peak = Math.max(peak, s.prednisoneEquivalentMgPerDay());
            expected = s.to().plusDays(1);
        }
        return peak;
    }

    /**
     * Runs of consecutive days whose dose is at or above the threshold of their first day. The
     * threshold function may return NaN when it cannot be known (no weight); such steps do not qualify.
     */
    public List<Run> runsAtOrAbove(Function<LocalDate, Double> threshold) {
        List<Run> runs = new ArrayList<>();
        Run current = null;
        for (Timeline.DoseStep s : steps) {
            double t = threshold.apply(s.from());
            boolean qualifies = !Double.isNaN(t) && s.prednisoneEquivalentMgPerDay() >= t - 1e-9;
            if (qualifies && current != null && current.to().plusDays(1).equals(s.from())) {
                current = new Run(current.from(), s.to(), Math.min(current.minMgPerDay(), s.prednisoneEquivalentMgPerDay()),
                        Math.max(current.maxMgPerDay(), s.prednisoneEquivalentMgPerDay()));
            } else if (qualifies) {
                if (current != null) {
                    runs.add(current);
                }
                current = new Run(s.from(), s.to(), s.prednisoneEquivalentMgPerDay(), s.prednisoneEquivalentMgPerDay());
            } else if (current != null) {
                runs.add(current);
                current = null;
            }
        }
        if (current != null) {
            runs.add(current);
        }
        return runs;
    }

    /** Continuous exposures (no day off) as runs above zero. */
    public List<Run> exposures() {
        return runsAtOrAbove(d -> 1e-6);
    }
}
