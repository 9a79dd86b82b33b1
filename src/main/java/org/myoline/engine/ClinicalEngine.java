package org.myoline.engine;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.model.History;
import org.myoline.engine.model.Subtype;
import org.myoline.engine.rules.RuleIds;
import org.myoline.engine.rules.RuleSet;

/**
 * The clinical engine: a patient's history in, its lines of therapy and refractoriness assessment out.
 * Pure and thread-safe: no I/O, no clock (callers pass {@code asOf} and {@code today}), no framework.
 */
public final class ClinicalEngine {

    /** Timeline and assessment computed together from one as-of view. */
    public record Evaluation(Timeline timeline, Assessment assessment) {
    }

    private final RuleSet rules;
    private final Map<String, DrugProfile> drugs;
    private final LineBuilder lineBuilder;
    private final Assessor assessor;

    /** @param drugs every catalogue drug, in catalogue order (the order next steps prefer within a tier) */
    public ClinicalEngine(RuleSet rules, List<DrugProfile> drugs) {
        this.rules = rules;
        Map<String, DrugProfile> byCode = new LinkedHashMap<>();
        drugs.forEach(d -> byCode.put(d.code(), d));
        this.drugs = Map.copyOf(byCode);
        this.lineBuilder = new LineBuilder(rules, this.drugs::get);
        this.assessor = new Assessor(rules, this.drugs::get, List.copyOf(drugs));
    }

    public RuleSet rules() {
        return rules;
    }

    public Evaluation evaluate(History history, LocalDate asOf, LocalDate today) {
        Parts parts = parts(history, asOf, today);
        Assessment assessment = assessor.assess(parts.view(), asOf, juvenile(parts.view().patient()), parts.lines(),
                parts.curve(), parts.body(), parts.timeline().warnings());
        return new Evaluation(parts.timeline(), assessment);
    }

    /** The timeline alone: lines and glucocorticoid exposure, without the assessment's work. */
    public Timeline timeline(History history, LocalDate asOf, LocalDate today) {
        return parts(history, asOf, today).timeline();
    }

    public Assessment assess(History history, LocalDate asOf, LocalDate today) {
        return evaluate(history, asOf, today).assessment();
    }

    private record Parts(History view, BodySize body, GlucocorticoidCurve curve, LineBuilder.Result lines,
            Timeline timeline) {
    }

    private Parts parts(History history, LocalDate asOf, LocalDate today) {
        History view = AsOfView.of(history, asOf, today);
        BodySize body = new BodySize(view);
        GlucocorticoidCurve curve = GlucocorticoidCurve.build(view.episodes(), drugs::get, body, asOf,
                rules.rule(RuleIds.GC_PULSE).param("ivMinMgPerDay"));
        LineBuilder.Result lines = lineBuilder.build(view.episodes(), asOf);
        Timeline timeline = new Timeline(asOf, lines.lines(), lines.calcinosisTrack(),
                new Timeline.GlucocorticoidExposure(curve.steps(), round(curve.cumulativeMg()),
                        round(curve.pulseCumulativeMg()), curve.pulses(), curve.at(asOf)),
                lines.backgroundEpisodeIds(), timelineWarnings(view, curve));
        return new Parts(view, body, curve, lines, timeline);
    }

    /** Juvenile thresholds: subtype JUVENILE, or diagnosed before the configured age (domain.md §0). */
    boolean juvenile(History.Patient patient) {
        if (patient.subtype() == Subtype.JUVENILE) {
            return true;
        }
        if (patient.diagnosisDate() == null || patient.birthDate() == null) {
            return false;
        }
        int maxAge = (int) rules.rule(RuleIds.JUVENILE_ONSET).param("maxOnsetAgeYears");
        return Period.between(patient.birthDate(), patient.diagnosisDate()).getYears() < maxAge;
    }

    private List<Timeline.Warning> timelineWarnings(History view, GlucocorticoidCurve curve) {
        List<Timeline.Warning> warnings = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        List<String> unknownIds = new ArrayList<>();
        List<String> withdrawnIds = new ArrayList<>();
        Set<String> withdrawn = new LinkedHashSet<>();
        List<String> tnfIds = new ArrayList<>();
        for (History.Episode e : view.episodes()) {
            DrugProfile p = drugs.get(e.drug());
            if (p == null) {
                unknown.add(e.drug());
                unknownIds.add(e.id());
            } else {
                if (p.withdrawn()) {
                    withdrawn.add(e.drug());
                    withdrawnIds.add(e.id());
                }
                if ("TNF_INHIBITOR".equals(p.drugClass())) {
                    tnfIds.add(e.id());
                }
            }
        }
        if (!unknown.isEmpty()) {
            warnings.add(new Timeline.Warning("UNKNOWN_DRUG", "Not in the drug catalogue, left out of every rule: "
                    + String.join(", ", unknown), unknownIds, "catalogue"));
        }
        if (!withdrawn.isEmpty()) {
            warnings.add(new Timeline.Warning("WITHDRAWN_DRUG_IN_HISTORY", String.join(", ", withdrawn)
                    + " has been withdrawn from the market; kept as history, never suggested", withdrawnIds,
                    rules.rule(RuleIds.WITHDRAWN).citation()));
        }
        if (!tnfIds.isEmpty()) {
            warnings.add(new Timeline.Warning("TNF_BLOCKER_RASH", rules.rule(RuleIds.CAUTION_TNF).description(), tnfIds,
                    rules.rule(RuleIds.CAUTION_TNF).citation()));
        }
        if (!curve.notEvaluableEpisodeIds().isEmpty()) {
            warnings.add(new Timeline.Warning("DOSE_NOT_EVALUABLE", "Weight-based glucocorticoid doses without a known "
                    + "weight (or height) on their dates are left out of the prednisone-equivalent curve",
                    curve.notEvaluableEpisodeIds(), rules.rule(RuleIds.GC_PULSE).citation()));
        }
        return List.copyOf(warnings);
    }

    private static double round(double mg) {
        return Math.round(mg * 10.0) / 10.0;
    }
}
