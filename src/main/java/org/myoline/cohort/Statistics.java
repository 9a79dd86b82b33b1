package org.myoline.cohort;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The few statistics a cohort table needs, in plain Java so they are tested in isolation. */
public final class Statistics {
    private static final double Z95 = 1.959963984540054;

    private Statistics() {
    }

    /** A proportion with its 95% Wilson score interval (good for small cohorts and proportions near 0 or 1). */
    public record Proportion(int numerator, int denominator, Double value, Double ci95Low, Double ci95High) {
    }

    public static Proportion wilson(int successes, int n) {
        if (n == 0) {
            return new Proportion(0, 0, null, null, null);
        }
        double p = (double) successes / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new Proportion(successes, n, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    public static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static Double mean(List<Double> values) {
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** Time to event (or to censoring) for one subject. */
    public record Observation(double time, boolean event) {
    }

    /** One step of a Kaplan–Meier curve: at {@code time}, {@code events} of {@code atRisk} had the event. */
    public record Step(double time, int atRisk, int events, int censored, double survival) {
    }

    public record KaplanMeier(List<Step> steps, Double medianTime) {
    }

    /**
     * Kaplan–Meier product-limit estimate. Censored subjects leave the risk set after events at the same time
     * (the usual convention). The median is the first time the survival falls to 0.5 or below.
     */
    public static KaplanMeier kaplanMeier(List<Observation> observations) {
        TreeMap<Double, int[]> byTime = new TreeMap<>();
        for (Observation o : observations) {
            int[] counts = byTime.computeIfAbsent(o.time(), t -> new int[2]);
            counts[o.event() ? 0 : 1]++;
        }
        int atRisk = observations.size();
        double survival = 1.0;
        Double median = null;
        List<Step> steps = new ArrayList<>();
        for (var entry : byTime.entrySet()) {
            int events = entry.getValue()[0];
            int censored = entry.getValue()[1];
            if (events > 0) {
                survival *= 1.0 - (double) events / atRisk;
                steps.add(new Step(entry.getKey(), atRisk, events, censored, survival));
                if (median == null && survival <= 0.5 + 1e-12) {
                    median = entry.getKey();
                }
            }
            atRisk -= events + censored;
        }
        return new KaplanMeier(List.copyOf(steps), median);
    }

}
