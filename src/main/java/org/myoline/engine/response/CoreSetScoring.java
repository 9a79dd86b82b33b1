package org.myoline.engine.response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ObservationType;
import org.myoline.engine.response.CoreSet.Measure;
import org.myoline.engine.rules.Range;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.rules.RuleSetException;

/**
 * Scores a follow-up core set against its baseline: the 2016 ACR/EULAR Total Improvement Score (weights and
 * bands verified), the IMACS definition of improvement and ProDERM deterioration. How an "absolute percent
 * change" is computed is not verified: the default, stated in every score, is the change as a percentage of
 * the measure's range (globals 10 cm, HAQ 3, MMT-8 its maximum, CMAS 52) and for enzymes of their upper limit
 * of normal.
 */
public final class CoreSetScoring {

    /** Bands per measure: {@code thresholds} in percent (lower edge exclusive), {@code points} one more than them. */
    @RuleId("TIS-SCORING")
    public record Weights(Map<String, List<Double>> thresholds, Map<String, List<Double>> points, String enzymeChange) {
    }

    /** IMACS definition of improvement: enough measures improved, few worsened, muscle strength not among them. */
    @RuleId("IMACS-DOI")
    public record Improvement(@Range(min = 1, max = 6) int minImproved, @Range(min = 1, max = 100) double improvedPercent,
            @Range(min = 0, max = 6) int maxWorsened, @Range(min = 1, max = 100) double worsenedPercent) {
    }

    /** ProDERM deterioration, confirmed when it holds at {@code consecutiveVisits} visits in a row. */
    @RuleId("PRODERM-DETERIORATION")
    public record Deterioration(@Range(min = 0.5, max = 10) double physicianGlobalCm,
            @Range(min = 1, max = 100) double muscleStrengthPercent, @Range(min = 0.5, max = 10) double extramuscularCm,
            @Range(min = 1, max = 5) int anyOfFive, @Range(min = 1, max = 100) double anyOfFivePercent,
            @Range(min = 1, max = 5) int consecutiveVisits) {
    }

    private final Weights weights;
    private final Rule weightsRule;
    private final Improvement improvement;
    private final Deterioration deterioration;
    private final Rule deteriorationRule;
    private final TisCutoffs cutoffs;

    public CoreSetScoring(RuleSet.Binder rules) {
        this.weights = rules.params(Weights.class);
        this.weightsRule = rules.rule(Weights.class);
        this.improvement = rules.params(Improvement.class);
        rules.rule(Improvement.class);
        this.deterioration = rules.params(Deterioration.class);
        this.deteriorationRule = rules.rule(Deterioration.class);
        this.cutoffs = rules.params(TisCutoffs.class);
        for (Measure m : Measure.values()) {
            List<Double> t = weights.thresholds().get(key(m));
            List<Double> p = weights.points().get(key(m));
            if (t == null || p == null || p.size() != t.size() + 1) {
                throw new RuleSetException(weightsRule.origin() + ": rule " + weightsRule.id() + ": " + key(m)
                        + " needs thresholds and one more points than thresholds");
            }
        }
        if (!weights.enzymeChange().equals("ULN") && !weights.enzymeChange().equals("BASELINE")) {
            throw new RuleSetException(weightsRule.origin() + ": rule " + weightsRule.id()
                    + ": enzymeChange must be ULN or BASELINE");
        }
    }

    public Rule deteriorationRule() {
        return deteriorationRule;
    }

    /** The score of {@code followUp} against {@code baseline}; {@code confirmed} is set by the caller over visits. */
    public Assessment.CoreSetScore score(CoreSet baseline, CoreSet followUp, boolean juvenile, boolean confirmed) {
        List<Assessment.MeasureScore> scores = new ArrayList<>();
        double tis = 0;
        int improved = 0;
        int worsened = 0;
        boolean strengthWorsened = false;
        int worsenedOfFive = 0;
        for (Measure m : Measure.values()) {
            History.Observation b = baseline.get(m);
            History.Observation f = followUp.get(m);
            double change = absolutePercentChange(m, b, f);
            double points = points(m, change);
            tis += points;
            scores.add(new Assessment.MeasureScore(key(m), f.type().name(), b.value(), f.value(), round(change), points));
            double relative = relativeChange(m, b, f);
            if (relative >= improvement.improvedPercent()) {
                improved++;
            }
            if (relative <= -improvement.worsenedPercent()) {
                worsened++;
                strengthWorsened |= m == Measure.MUSCLE_STRENGTH;
            }
            if (m != Measure.MUSCLE_ENZYMES && relative <= -deterioration.anyOfFivePercent()) {
                worsenedOfFive++;
            }
        }
        boolean doi = improved >= improvement.minImproved() && worsened <= improvement.maxWorsened() && !strengthWorsened;
        double pgaWorse = followUp.get(Measure.PHYSICIAN_GLOBAL).value() - baseline.get(Measure.PHYSICIAN_GLOBAL).value();
        double extraWorse = followUp.get(Measure.EXTRAMUSCULAR).value() - baseline.get(Measure.EXTRAMUSCULAR).value();
        boolean worse = (pgaWorse >= deterioration.physicianGlobalCm()
                && relativeChange(Measure.MUSCLE_STRENGTH, baseline.get(Measure.MUSCLE_STRENGTH),
                        followUp.get(Measure.MUSCLE_STRENGTH)) <= -deterioration.muscleStrengthPercent())
                || extraWorse >= deterioration.extramuscularCm() || worsenedOfFive >= deterioration.anyOfFive();
        tis = Math.round(tis * 10.0) / 10.0;
        return new Assessment.CoreSetScore(baseline.date(), tis, category(tis, juvenile), List.copyOf(scores), doi, worse,
                worse && confirmed, formula(), weightsRule.citation());
    }

    /** Whether the deterioration criteria hold at this visit (before confirmation over consecutive visits). */
    public boolean deteriorated(CoreSet baseline, CoreSet followUp) {
        return score(baseline, followUp, false, false).deterioration();
    }

    public int consecutiveVisits() {
        return deterioration.consecutiveVisits();
    }

    /** NONE below the minimal cut-off, then MINIMAL, MODERATE, MAJOR (adult 20/40/60, juvenile 30/45/70). */
    public String category(double tis, boolean juvenile) {
        double minimal = juvenile ? cutoffs.juvenileMinimal() : cutoffs.adultMinimal();
        double moderate = juvenile ? cutoffs.juvenileModerate() : cutoffs.adultModerate();
        double major = juvenile ? cutoffs.juvenileMajor() : cutoffs.adultMajor();
        return tis >= major ? "MAJOR" : tis >= moderate ? "MODERATE" : tis >= minimal ? "MINIMAL" : "NONE";
    }

    public String formula() {
        return "absolute percent change = improvement as a percentage of the measure's range (globals 0–10, HAQ/CHAQ "
                + "0–3, MMT-8 0–150 or 0–80, CMAS 0–52) and, for muscle enzymes, of " + (weights.enzymeChange().equals("ULN")
                        ? "the upper limit of normal" : "the baseline value")
                + " [U: unverified default, configurable]; relative change from baseline for the IMACS definition of "
                + "improvement and ProDERM deterioration";
    }

    private double points(Measure m, double change) {
        List<Double> thresholds = weights.thresholds().get(key(m));
        List<Double> points = weights.points().get(key(m));
        int band = 0;
        while (band < thresholds.size() && change > thresholds.get(band) + 1e-9) {
            band++;
        }
        return points.get(band);
    }

    /** Improvement (positive) as a percentage of the measure's range, or of the enzyme's ULN or baseline. */
    private double absolutePercentChange(Measure m, History.Observation b, History.Observation f) {
        double better = higherIsBetter(m) ? f.value() - b.value() : b.value() - f.value();
        double range = switch (m) {
            case MUSCLE_ENZYMES -> weights.enzymeChange().equals("ULN") ? b.upperLimit() : b.value();
            default -> range(b.type());
        };
        return range <= 0 ? 0 : better / range * 100;
    }

    /** Improvement (positive) relative to the baseline value; a zero baseline of a lower-is-better measure can only worsen. */
    private static double relativeChange(Measure m, History.Observation b, History.Observation f) {
        double better = higherIsBetter(m) ? f.value() - b.value() : b.value() - f.value();
        if (b.value() == 0) {
            return better == 0 ? 0 : better > 0 ? 100 : -100;
        }
        return better / Math.abs(b.value()) * 100;
    }

    private static boolean higherIsBetter(Measure m) {
        return m == Measure.MUSCLE_STRENGTH;
    }

    private static double range(ObservationType type) {
        return switch (type) {
            case MMT8 -> 150;
            case MMT8_80 -> 80;
            case CMAS -> 52;
            case HAQ, CHAQ -> 3;
            default -> 10;
        };
    }

    static String key(Measure m) {
        return switch (m) {
            case PHYSICIAN_GLOBAL -> "physicianGlobal";
            case PATIENT_GLOBAL -> "patientGlobal";
            case MUSCLE_STRENGTH -> "muscleStrength";
            case PHYSICAL_FUNCTION -> "physicalFunction";
            case MUSCLE_ENZYMES -> "muscleEnzymes";
            case EXTRAMUSCULAR -> "extramuscular";
        };
    }

    private static double round(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
