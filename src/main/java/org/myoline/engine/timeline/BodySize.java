package org.myoline.engine.timeline;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ObservationType;

/**
 * Weight and height valid on a date: the latest observation on or before it, else the patient's
 * recorded value. Never extrapolated: when neither exists the caller is told it is unknown.
 */
public final class BodySize {
    private final List<History.Observation> weights;
    private final List<History.Observation> heights;
    private final Double fallbackWeight;
    private final Double fallbackHeight;

    public BodySize(History history) {
        this.weights = sorted(history, ObservationType.WEIGHT_KG);
        this.heights = sorted(history, ObservationType.HEIGHT_CM);
        this.fallbackWeight = history.patient().weightKg();
        this.fallbackHeight = history.patient().heightCm();
    }

    public OptionalDouble weightKg(LocalDate date) {
        return latest(weights, date, fallbackWeight);
    }

    public OptionalDouble heightCm(LocalDate date) {
        return latest(heights, date, fallbackHeight);
    }

    /** Body surface area by Mosteller: sqrt(height cm × weight kg / 3600). */
    public OptionalDouble bsaM2(LocalDate date) {
        OptionalDouble w = weightKg(date);
        OptionalDouble h = heightCm(date);
        if (w.isEmpty() || h.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.sqrt(w.getAsDouble() * h.getAsDouble() / 3600.0));
    }

    private static List<History.Observation> sorted(History history, ObservationType type) {
        return history.observations().stream().filter(o -> o.type() == type)
                .sorted(Comparator.comparing(History.Observation::date)).toList();
    }

    private static OptionalDouble latest(List<History.Observation> series, LocalDate date, Double fallback) {
        // Binary search for the last measurement on or before the date: long histories carry hundreds of weights.
        int lo = 0;
        int hi = series.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (series.get(mid).date().isAfter(date)) {
                hi = mid - 1;
            } else {
                found = mid;
                lo = mid + 1;
            }
        }
        if (found >= 0) {
            return OptionalDouble.of(series.get(found).value());
        }
        return fallback == null ? OptionalDouble.empty() : OptionalDouble.of(fallback);
    }
}
