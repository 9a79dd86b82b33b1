package org.myoline.engine;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import org.myoline.engine.model.DoseUnit;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.model.EventType;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ObservationType;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.model.Subtype;
import org.myoline.engine.rules.AdequateTrial;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleIds;
import org.myoline.engine.rules.RuleSet;

/** Refractoriness, escalation tier and next steps (domain.md §1, §2.5, §6, §8.7–8.15). */
final class Assessor {

    private final RuleSet rules;
    private final Function<String, DrugProfile> profiles;
    private final List<DrugProfile> catalogueOrder;

    Assessor(RuleSet rules, Function<String, DrugProfile> profiles, List<DrugProfile> catalogueOrder) {
        this.rules = rules;
        this.profiles = profiles;
        this.catalogueOrder = catalogueOrder;
    }

    /** All of one drug's consecutive episodes (same-drug gaps within persistence merged). */
    record Era(String drug, DrugProfile profile, List<History.Episode> episodes, LocalDate start, LocalDate end) {
        List<String> ids() {
            return episodes.stream().map(History.Episode::id).toList();
        }
    }

    private record GcVerdict(Assessment.Criterion resistant, Assessment.Criterion dependent,
            Assessment.Criterion intolerant) {
        boolean failure() {
            return resistant.met() || dependent.met() || intolerant.met();
        }
    }

    Assessment assess(History history, LocalDate asOf, boolean juvenile, LineBuilder.Result lines,
            GlucocorticoidCurve curve, BodySize body, List<Timeline.Warning> timelineWarnings) {
        List<Assessment.Criterion> criteria = new ArrayList<>();
        List<Timeline.Warning> warnings = new ArrayList<>(timelineWarnings);
        List<Assessment.FailedDrug> failed = new ArrayList<>();
        List<Assessment.FailedDrug> intolerances = new ArrayList<>();
        List<Assessment.InadequateTrial> inadequate = new ArrayList<>();

        Rule juvenileRule = rules.rule(RuleIds.JUVENILE_ONSET);
        criteria.add(criterion(juvenileRule, juvenile, juvenile ? "juvenile thresholds apply" : "adult thresholds apply",
                List.of()));

        List<History.Episode> systemic = history.episodes().stream().filter(e -> {
            DrugProfile p = profiles.apply(e.drug());
            return p != null && !p.calcinosisTrack() && e.route() != Route.TOPICAL && (p.tier() == null || p.tier() > 0);
        }).toList();

        GcVerdict gc = glucocorticoids(history, asOf, juvenile, curve, body);
        criteria.add(gc.resistant());
        criteria.add(gc.dependent());
        criteria.add(gc.intolerant());

        double pulseMin = rules.rule(RuleIds.GC_PULSE).param("ivMinMgPerDay");
        for (Era era : eras(history.episodes(), pulseMin)) {
            evaluateEra(era, history, asOf, juvenile, lines, body, failed, intolerances, inadequate, warnings);
        }

        Set<String> isClasses = rules.immunosuppressantClasses();
        Rule multiRule = rules.rule(RuleIds.MULTI_REFRACTORY);
        int advancedMinTier = (int) multiRule.param("advancedMinTier");
        List<Assessment.FailedDrug> allFailures = new ArrayList<>(failed);
        allFailures.addAll(intolerances);
        Set<String> isFailures = new LinkedHashSet<>();
        Set<String> advancedFailures = new LinkedHashSet<>();
        Set<String> systemicFailures = new LinkedHashSet<>();
        List<String> isEvidence = new ArrayList<>();
        List<String> advancedEvidence = new ArrayList<>();
        for (Assessment.FailedDrug f : allFailures) {
            DrugProfile p = profiles.apply(f.drug());
            systemicFailures.add(f.drug());
            if (isClasses.contains(p.drugClass())) {
                isFailures.add(f.drug());
                isEvidence.addAll(f.episodeIds());
            }
            if (p.tier() != null && p.tier() >= advancedMinTier) {
                advancedFailures.add(f.drug());
                advancedEvidence.addAll(f.episodeIds());
            }
        }
        criteria.add(criterion(rules.rule(RuleIds.IS_FAILURE), !isFailures.isEmpty(),
                isFailures.isEmpty() ? "no adequately tried immunosuppressant failed or was not tolerated"
                        : "failed or not tolerated: " + describe(allFailures, isFailures), isEvidence));
        criteria.add(criterion(rules.rule(RuleIds.IS_ADEQUATE_TRIAL), inadequate.isEmpty(),
                inadequate.isEmpty() ? "no trial stopped short of an adequate dose or duration"
                        : "inadequate trials not counted as failures: " + String.join("; ",
                                inadequate.stream().map(t -> t.drug() + " (" + String.join(", ", t.missing()) + ")").toList()),
                inadequate.stream().flatMap(t -> t.episodeIds().stream()).toList()));

        Rule rim = rules.rule(RuleIds.REFRACTORY_RIM);
        boolean refractory = gc.failure() && isFailures.size() >= rim.param("minImmunosuppressantFailures");
        criteria.add(criterion(rim, refractory, "glucocorticoid failure: " + yesNo(gc.failure())
                + "; immunosuppressants failed: " + isFailures.size() + " (needs "
                + DoseMath.number(rim.param("minImmunosuppressantFailures")) + ")", isEvidence));
        boolean multi = refractory && (isFailures.size() >= multiRule.param("minImmunosuppressantFailures")
                || advancedFailures.size() >= multiRule.param("minAdvancedFailures"));
        List<String> multiEvidence = new ArrayList<>(isEvidence);
        multiEvidence.addAll(advancedEvidence);
        criteria.add(criterion(multiRule, multi, "refractory: " + yesNo(refractory) + "; immunosuppressants failed: "
                + isFailures.size() + "; IVIg/biologic/targeted failed: "
                + (advancedFailures.isEmpty() ? "none" : String.join(", ", advancedFailures)), multiEvidence));

        Assessment.RefractoryStatus status;
        if (systemic.isEmpty()) {
            status = Assessment.RefractoryStatus.NO_TREATMENT;
        } else if (multi) {
            status = Assessment.RefractoryStatus.MULTI_REFRACTORY;
        } else if (refractory) {
            status = Assessment.RefractoryStatus.REFRACTORY;
        } else if (gc.resistant().met()) {
            status = Assessment.RefractoryStatus.GLUCOCORTICOID_RESISTANT;
        } else if (gc.dependent().met()) {
            status = Assessment.RefractoryStatus.GLUCOCORTICOID_DEPENDENT;
        } else {
            status = Assessment.RefractoryStatus.NOT_REFRACTORY;
        }

        List<Assessment.Variant> variants = new ArrayList<>();
        variants.add(new Assessment.Variant(Assessment.RefractoryDefinition.RIM, status, rim.id(), rim.citation()));
        Rule strict = rules.rule(RuleIds.REFRACTORY_STRICT);
        boolean strictMet = gc.failure() && isFailures.size() >= strict.param("minImmunosuppressantFailures");
        criteria.add(criterion(strict, strictMet, "glucocorticoid failure: " + yesNo(gc.failure())
                + "; different immunosuppressants failed: " + isFailures.size(), isEvidence));
        variants.add(new Assessment.Variant(Assessment.RefractoryDefinition.STRICT,
                systemic.isEmpty() ? Assessment.RefractoryStatus.NO_TREATMENT : strictMet ? Assessment.RefractoryStatus.REFRACTORY
                        : gcStatus(gc), strict.id(), strict.citation()));
        Rule skin = rules.rule(RuleIds.REFRACTORY_SKIN);
        boolean skinInvolved = history.patient().features().contains(Feature.SKIN)
                || history.patient().subtype() == Subtype.AMYOPATHIC || history.patient().subtype() == Subtype.HYPOMYOPATHIC;
        Set<String> skinFailures = new LinkedHashSet<>(systemicFailures);
        if (gc.failure()) {
            skinFailures.add("glucocorticoid");
        }
        boolean skinMet = skinInvolved && skinFailures.size() >= skin.param("minSystemicFailures");
        criteria.add(criterion(skin, skinMet, "skin involvement: " + yesNo(skinInvolved) + "; systemic drugs failed: "
                + (skinFailures.isEmpty() ? "none" : String.join(", ", skinFailures)),
                allFailures.stream().flatMap(f -> f.episodeIds().stream()).toList()));
        variants.add(new Assessment.Variant(Assessment.RefractoryDefinition.SKIN,
                systemic.isEmpty() ? Assessment.RefractoryStatus.NO_TREATMENT : skinMet ? Assessment.RefractoryStatus.REFRACTORY
                        : Assessment.RefractoryStatus.NOT_REFRACTORY, skin.id(), skin.citation()));

        Integer tier = currentTier(history, asOf);
        Rule tierRule = rules.rule(RuleIds.TIER_CURRENT);
        criteria.add(criterion(tierRule, tier != null, tier == null ? "no myositis treatment active on " + asOf
                : "tier " + tier + " (highest among drugs active on " + asOf + ")", activeIds(history, asOf)));

        List<Assessment.NextStep> next = nextSteps(history, status, tier, juvenile, failed, intolerances, inadequate,
                asOf, criteria, warnings);
        myopathyWarning(curve, warnings);
        return new Assessment(asOf, juvenile, status, List.copyOf(variants), List.copyOf(criteria), List.copyOf(failed),
                List.copyOf(inadequate), List.copyOf(intolerances), tier, List.copyOf(next), dedupe(warnings),
                rules.version());
    }

    private static Assessment.RefractoryStatus gcStatus(GcVerdict gc) {
        return gc.resistant().met() ? Assessment.RefractoryStatus.GLUCOCORTICOID_RESISTANT
                : gc.dependent().met() ? Assessment.RefractoryStatus.GLUCOCORTICOID_DEPENDENT : Assessment.RefractoryStatus.NOT_REFRACTORY;
    }

    // ---------------------------------------------------------------- glucocorticoids

    private GcVerdict glucocorticoids(History history, LocalDate asOf, boolean juvenile, GlucocorticoidCurve curve,
            BodySize body) {
        double pulseMin = rules.rule(RuleIds.GC_PULSE).param("ivMinMgPerDay");
        List<History.Episode> gcEpisodes = history.episodes().stream().filter(e -> {
            DrugProfile p = profiles.apply(e.drug());
            return p != null && p.glucocorticoid() && e.route() != Route.TOPICAL;
        }).toList();

        Rule resistantRule = rules.rule(RuleIds.GC_RESISTANT);
        int minDays = resistantRule.days("minDays");
        Function<LocalDate, Double> high = date -> highDoseThreshold(juvenile, body.weightKg(date));
        List<GlucocorticoidCurve.Run> runs = curve.runsAtOrAbove(high).stream().filter(r -> r.days() >= minDays).toList();
        Assessment.Criterion resistant = null;
        for (History.Episode e : gcEpisodes) {
            if (GlucocorticoidCurve.isPulse(e, pulseMin)) {
                continue;
            }
            boolean noResponse = e.response() == ResponseCategory.NONE || e.stopReason() == StopReason.INEFFICACY;
            if (!noResponse) {
                continue;
            }
            LocalDate last = e.end() == null ? asOf : e.end();
            for (GlucocorticoidCurve.Run run : runs) {
                LocalDate from = run.from().isAfter(e.start()) ? run.from() : e.start();
                LocalDate to = run.to().isBefore(last) ? run.to() : last;
                long days = from.isAfter(to) ? 0 : ChronoUnit.DAYS.between(from, to) + 1;
                if (days >= minDays) {
                    resistant = criterion(resistantRule, true, e.drug() + " " + DoseMath.text(e.dose().value(), e.dose().unit())
                            + ": " + DoseMath.number(run.minMgPerDay()) + "–" + DoseMath.number(run.maxMgPerDay())
                            + " mg/d prednisone-equivalent for " + days + " days ≥ " + thresholdText(juvenile) + " for "
                            + minDays + " days, " + (e.response() == ResponseCategory.NONE ? "response NONE"
                                    : "stopped for inefficacy"), List.of(e.id()));
                    break;
                }
            }
            if (resistant != null) {
                break;
            }
        }
        if (resistant == null) {
            resistant = tisResistance(history, juvenile, runs, minDays, resistantRule);
        }
        if (resistant == null) {
            String detail = runs.isEmpty() ? "no period of ≥ " + thresholdText(juvenile) + " for " + minDays + " days"
                    : "high dose for " + runs.get(0).days() + " days from " + runs.get(0).from()
                            + ", but no recorded absence of response (response NONE, stop for inefficacy or TIS below the minimal cut-off)";
            resistant = criterion(resistantRule, false, detail, List.of());
        }

        Assessment.Criterion dependent = dependence(history, asOf, juvenile, curve, body, gcEpisodes);

        Rule intolerantRule = rules.rule(RuleIds.GC_INTOLERANT);
        List<String> aeIds = gcEpisodes.stream().filter(e -> e.stopReason() == StopReason.ADVERSE_EVENT)
                .map(History.Episode::id).toList();
        Assessment.Criterion intolerant = criterion(intolerantRule, !aeIds.isEmpty(),
                aeIds.isEmpty() ? "no glucocorticoid stopped for an adverse event"
                        : "glucocorticoid stopped for an adverse event", aeIds);
        return new GcVerdict(resistant, dependent, intolerant);
    }

    /** Adult: ≥40 mg/d or ≥0.75 mg/kg/d; juvenile: ≥1 mg/kg/d or the 60 mg/d cap (whichever is lower). */
    private double highDoseThreshold(boolean juvenile, OptionalDouble weight) {
        Rule r = rules.rule(RuleIds.GC_RESISTANT);
        if (juvenile) {
            double cap = r.param("juvenileMaxMgPerDay");
            return weight.isPresent() ? Math.min(cap, r.param("juvenileMinMgPerKgPerDay") * weight.getAsDouble()) : cap;
        }
        double absolute = r.param("adultMinMgPerDay");
        return weight.isPresent() ? Math.min(absolute, r.param("adultMinMgPerKgPerDay") * weight.getAsDouble()) : absolute;
    }

    private String thresholdText(boolean juvenile) {
        Rule r = rules.rule(RuleIds.GC_RESISTANT);
        return juvenile ? DoseMath.number(r.param("juvenileMinMgPerKgPerDay")) + " mg/kg/d (cap "
                + DoseMath.number(r.param("juvenileMaxMgPerDay")) + " mg/d)"
                : DoseMath.number(r.param("adultMinMgPerDay")) + " mg/d or "
                        + DoseMath.number(r.param("adultMinMgPerKgPerDay")) + " mg/kg/d";
    }

    private Assessment.Criterion tisResistance(History history, boolean juvenile, List<GlucocorticoidCurve.Run> runs,
            int minDays, Rule resistantRule) {
        Rule tis = rules.rule(RuleIds.TIS_RESPONSE);
        double minimal = tis.param(juvenile ? "juvenileMinimal" : "adultMinimal");
        for (History.Observation o : history.observations()) {
            if (o.type() != ObservationType.TIS || o.value() >= minimal) {
                continue;
            }
            for (GlucocorticoidCurve.Run run : runs) {
                if (!o.date().isBefore(run.from().plusDays(minDays - 1L)) && !o.date().isAfter(run.to().plusDays(minDays))) {
                    return criterion(resistantRule, true, "TIS " + DoseMath.number(o.value()) + " on " + o.date()
                            + " below the minimal-improvement cut-off " + DoseMath.number(minimal) + " after "
                            + minDays + "+ days at ≥ " + thresholdText(juvenile) + " (" + tis.id() + ")", List.of());
                }
            }
        }
        return null;
    }

    private Assessment.Criterion dependence(History history, LocalDate asOf, boolean juvenile, GlucocorticoidCurve curve,
            BodySize body, List<History.Episode> gcEpisodes) {
        Rule r = rules.rule(RuleIds.GC_DEPENDENT);
        Function<LocalDate, Double> threshold = date -> {
            if (!juvenile) {
                return r.param("adultMaxMgPerDay");
            }
            OptionalDouble w = body.weightKg(date);
            return w.isPresent() ? r.param("juvenileMaxMgPerKgPerDay") * w.getAsDouble() : Double.NaN;
        };
        for (History.Event event : history.events()) {
            if (event.type() != EventType.FLARE && event.type() != EventType.RELAPSE) {
                continue;
            }
            double level = curve.at(event.date());
            double t = threshold.apply(event.date());
            if (level > 0 && !Double.isNaN(t) && level <= t + 1e-9 && level < curve.peakBefore(event.date()) - 1e-9) {
                return criterion(r, true, event.type() + " (" + event.domain() + ") on " + event.date() + " at "
                        + DoseMath.number(level) + " mg/d prednisone-equivalent while tapering from "
                        + DoseMath.number(curve.peakBefore(event.date())) + " mg/d (threshold ≤ " + DoseMath.number(t)
                        + " mg/d)", idsActiveOn(gcEpisodes, event.date()));
            }
        }
        int months = (int) r.param("monthsToReach");
        for (GlucocorticoidCurve.Run exposure : curve.exposures()) {
            LocalDate check = exposure.from().plusMonths(months);
            LocalDate until = exposure.to().isBefore(asOf) ? exposure.to() : asOf;
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
                return criterion(r, true, "still above " + (juvenile ? DoseMath.number(r.param("juvenileMaxMgPerKgPerDay"))
                        + " mg/kg/d" : DoseMath.number(r.param("adultMaxMgPerDay")) + " mg/d") + " prednisone-equivalent "
                        + months + " months after starting on " + exposure.from() + " (" + DoseMath.number(curve.at(until))
                        + " mg/d on " + until + ")", idsActiveOn(gcEpisodes, until));
            }
        }
        return criterion(r, false, "no flare during a taper at or below the threshold, and no exposure above it "
                + months + " months after starting", List.of());
    }

    /** Whether a glucocorticoid given in the period was recorded as not working (dependence presumes a response). */
    private static boolean noResponseDuring(List<History.Episode> gcEpisodes, LocalDate from, LocalDate to) {
        return gcEpisodes.stream().anyMatch(e -> !e.start().isAfter(to) && (e.end() == null || !e.end().isBefore(from))
                && (e.response() == ResponseCategory.NONE || e.stopReason() == StopReason.INEFFICACY));
    }

    // ---------------------------------------------------------------- disease-modifying drugs

    /** Eras of every non-glucocorticoid systemic drug of the myositis track (hydroxychloroquine included). */
    List<Era> eras(List<History.Episode> episodes, double pulseMin) {
        Map<String, List<History.Episode>> byDrug = new LinkedHashMap<>();
        episodes.stream().sorted(Comparator.comparing(History.Episode::start)).forEach(e -> {
            DrugProfile p = profiles.apply(e.drug());
            if (p != null && !p.calcinosisTrack() && !p.glucocorticoid() && e.route() != Route.TOPICAL
                    && p.tier() != null && p.tier() > 0) {
                byDrug.computeIfAbsent(e.drug(), k -> new ArrayList<>()).add(e);
            }
        });
        List<Era> eras = new ArrayList<>();
        for (Map.Entry<String, List<History.Episode>> entry : byDrug.entrySet()) {
            DrugProfile p = profiles.apply(entry.getKey());
            List<History.Episode> current = new ArrayList<>();
            LocalDate coverage = null;
            for (History.Episode e : entry.getValue()) {
                if (!current.isEmpty() && !p.continuesEra(coverage, e.start())) {
                    eras.add(era(p, current));
                    current = new ArrayList<>();
                }
                LocalDate end = p.coverageEnd(e.end());
                coverage = current.isEmpty() ? end : (coverage == null || end == null ? null
                        : (end.isAfter(coverage) ? end : coverage));
                current.add(e);
            }
            eras.add(era(p, current));
        }
        return eras;
    }

    private static Era era(DrugProfile p, List<History.Episode> episodes) {
        LocalDate end = null;
        boolean ongoing = false;
        for (History.Episode e : episodes) {
            ongoing |= e.end() == null;
            end = e.end() != null && (end == null || e.end().isAfter(end)) ? e.end() : end;
        }
        return new Era(p.code(), p, List.copyOf(episodes), episodes.get(0).start(), ongoing ? null : end);
    }

    private void evaluateEra(Era era, History history, LocalDate asOf, boolean juvenile, LineBuilder.Result lines,
            BodySize body, List<Assessment.FailedDrug> failed, List<Assessment.FailedDrug> intolerances,
            List<Assessment.InadequateTrial> inadequate, List<Timeline.Warning> warnings) {
        AdequateTrial trial = rules.trialFor(era.drug());
        double tolerance = rules.rule(RuleIds.IS_ADEQUATE_TRIAL).param("doseTolerancePercent");
        LocalDate last = era.end() == null ? asOf : era.end();
        long duration = ChronoUnit.DAYS.between(era.start(), last) + 1;
        int courses = era.episodes().stream().mapToInt(e -> e.courses() == null ? 1 : e.courses()).sum();

        // Adult dose thresholds are never applied to children (domain.md §3.2, §6.4): without a juvenile
        // threshold only duration and courses decide.
        Double minDose = juvenile ? trial.juvenileMinDose() : trial.minDose();
        DoseUnit unit = juvenile ? trial.juvenileUnit() : trial.unit();
        OptionalDouble max = minDose != null && unit != null ? maxDose(era, unit, body) : OptionalDouble.empty();
        if (minDose != null && unit != null && max.isEmpty()) {
            warnings.add(new Timeline.Warning("DOSE_NOT_EVALUABLE", era.drug() + ": the dose in "
                    + era.episodes().get(0).dose().unit().ucum() + " cannot be compared with the adequate dose "
                    + DoseMath.text(minDose, unit) + " without the patient's weight or height on that date",
                    era.ids(), trial.citation()));
        }

        List<String> intolerant = era.episodes().stream().filter(e -> e.stopReason() == StopReason.ADVERSE_EVENT)
                .map(History.Episode::id).toList();
        if (!intolerant.isEmpty()) {
            intolerances.add(new Assessment.FailedDrug(era.drug(), era.profile().tier(), Assessment.FailureKind.INTOLERANCE,
                    "stopped for an adverse event after " + duration + " d (counts whatever the duration)", era.ids()));
            return;
        }
        List<String> signals = inefficacySignals(era, history, lines, trial, last);
        if (signals.isEmpty()) {
            return;
        }
        // What the trial lacked, worded only for eras that show inefficacy (most eras end above).
        List<String> missing = new ArrayList<>();
        if (duration < trial.minDays()) {
            missing.add("duration " + duration + " d < " + trial.minDays() + " d");
        }
        if (trial.minCourses() != null && courses < trial.minCourses()) {
            missing.add(courses + " course" + (courses == 1 ? "" : "s") + " < " + trial.minCourses());
        }
        if (minDose != null && unit != null) {
            if (max.isEmpty()) {
                missing.add("dose could not be evaluated in " + unit.ucum() + " (weight or height on the dose dates unknown)");
            } else if (max.getAsDouble() < minDose * (1 - tolerance / 100.0) - 1e-9) {
                missing.add("dose " + DoseMath.text(max.getAsDouble(), unit) + " < " + DoseMath.text(minDose, unit));
            }
        }
        if (missing.isEmpty()) {
            failed.add(new Assessment.FailedDrug(era.drug(), era.profile().tier(), Assessment.FailureKind.INEFFICACY,
                    String.join("; ", signals) + " after an adequate trial (" + trialText(era, duration, courses, unit,
                            minDose != null ? max : unit == null ? OptionalDouble.empty() : maxDose(era, unit, body))
                            + ")", era.ids()));
        } else {
            inadequate.add(new Assessment.InadequateTrial(era.drug(), List.copyOf(missing), era.ids()));
        }
    }

    private String trialText(Era era, long duration, int courses, DoseUnit unit, OptionalDouble max) {
        StringBuilder sb = new StringBuilder(duration + " d");
        if (rules.trialFor(era.drug()).minCourses() != null) {
            sb.append(", ").append(courses).append(" courses");
        }
        if (unit != null) {
            max.ifPresent(v -> sb.append(", up to ").append(DoseMath.text(v, unit)));
        }
        return sb.toString();
    }

    private List<String> inefficacySignals(Era era, History history, LineBuilder.Result lines, AdequateTrial trial,
            LocalDate last) {
        List<String> signals = new ArrayList<>();
        boolean responded = era.episodes().stream().anyMatch(e -> e.response() == ResponseCategory.MAJOR);
        if (era.episodes().stream().anyMatch(e -> e.response() == ResponseCategory.NONE)) {
            signals.add("response NONE");
        }
        if (era.episodes().stream().anyMatch(e -> e.stopReason() == StopReason.INEFFICACY)) {
            signals.add("stopped for inefficacy");
        }
        for (History.Episode e : era.episodes()) {
            if (e.response() != ResponseCategory.PARTIAL) {
                continue;
            }
            Integer line = lines.lineOfEpisode().get(e.id());
            if (line == null) {
                continue;
            }
            for (Timeline.Line later : lines.lines()) {
                if (later.number() > line && later.startDate().isAfter(e.start())
                        && (later.reason() == Timeline.LineReason.DRUG_ADDED || later.reason() == Timeline.LineReason.SWITCH)) {
                    signals.add("PARTIAL response followed by escalation (line " + later.number() + ": "
                            + later.reasonDetail() + ")");
                    break;
                }
            }
            if (signals.stream().anyMatch(s -> s.startsWith("PARTIAL"))) {
                break;
            }
        }
        if (!responded) {
            LocalDate from = era.start().plusDays(trial.minDays());
            Set<String> ids = new LinkedHashSet<>(era.ids());
            for (History.Event event : history.events()) {
                boolean onTherapy = !event.date().isBefore(from) && !event.date().isAfter(last);
                boolean linked = event.episodeId() == null || ids.contains(event.episodeId());
                if ((event.type() == EventType.FLARE || event.type() == EventType.RELAPSE) && onTherapy && linked) {
                    signals.add(event.type() + " (" + event.domain() + ") on therapy on " + event.date());
                    break;
                }
            }
        }
        return signals;
    }

    private static OptionalDouble maxDose(Era era, DoseUnit unit, BodySize body) {
        double max = Double.NaN;
        for (History.Episode e : era.episodes()) {
            List<History.DoseStep> doses = new ArrayList<>();
            doses.add(new History.DoseStep(e.start(), e.dose()));
            doses.addAll(e.doseChanges());
            for (History.DoseStep d : doses) {
                OptionalDouble v = DoseMath.convert(d.dose(), unit, d.date(), body);
                if (v.isPresent() && (Double.isNaN(max) || v.getAsDouble() > max)) {
                    max = v.getAsDouble();
                }
            }
        }
        return Double.isNaN(max) ? OptionalDouble.empty() : OptionalDouble.of(max);
    }

    // ---------------------------------------------------------------- tier and next steps

    private boolean activeOn(History.Episode e, LocalDate date) {
        DrugProfile p = profiles.apply(e.drug());
        LocalDate coverage = p.coverageEnd(e.end());
        return !e.start().isAfter(date) && (coverage == null || !coverage.isBefore(date));
    }

    private Integer currentTier(History history, LocalDate asOf) {
        int gcMax = (int) rules.rule(RuleIds.TIER_CURRENT).param("glucocorticoidMaxTier");
        Integer tier = null;
        for (History.Episode e : history.episodes()) {
            DrugProfile p = profiles.apply(e.drug());
            if (p == null || p.calcinosisTrack() || p.tier() == null || !activeOn(e, asOf)) {
                continue;
            }
            int t = p.glucocorticoid() ? Math.min(p.tier(), gcMax) : p.tier();
            tier = tier == null || t > tier ? t : tier;
        }
        return tier;
    }

    private List<String> activeIds(History history, LocalDate asOf) {
        return history.episodes().stream().filter(e -> profiles.apply(e.drug()) != null && activeOn(e, asOf))
                .map(History.Episode::id).toList();
    }

    private List<String> idsActiveOn(List<History.Episode> episodes, LocalDate date) {
        return episodes.stream().filter(e -> activeOn(e, date)).map(History.Episode::id).toList();
    }

    private List<Assessment.NextStep> nextSteps(History history, Assessment.RefractoryStatus status, Integer tier, boolean juvenile,
            List<Assessment.FailedDrug> failed, List<Assessment.FailedDrug> intolerances,
            List<Assessment.InadequateTrial> inadequate, LocalDate asOf, List<Assessment.Criterion> criteria,
            List<Timeline.Warning> warnings) {
        Rule ladder = rules.rule(RuleIds.NEXT_STEP_LADDER);
        Set<Feature> features = history.patient().features();
        Set<String> excluded = new LinkedHashSet<>();
        failed.forEach(f -> excluded.add(f.drug()));
        intolerances.forEach(f -> excluded.add(f.drug()));
        Set<String> active = new LinkedHashSet<>();
        Set<String> tried = new LinkedHashSet<>();
        for (History.Episode e : history.episodes()) {
            tried.add(e.drug());
            if (profiles.apply(e.drug()) != null && activeOn(e, asOf)) {
                active.add(e.drug());
            }
        }
        Map<String, Assessment.InadequateTrial> incomplete = new LinkedHashMap<>();
        inadequate.forEach(t -> incomplete.put(t.drug(), t));

        int statusTier = switch (status) {
            case NO_TREATMENT -> 1;
            case NOT_REFRACTORY, GLUCOCORTICOID_DEPENDENT, GLUCOCORTICOID_RESISTANT -> 2;
            case REFRACTORY -> 3;
            case MULTI_REFRACTORY -> 5;
        };
        int from = Math.max(statusTier, tier == null ? 0 : tier);
        int to = Math.min(6, from + (int) ladder.param("lookaheadTiers"));

        List<Assessment.NextStep> steps = new ArrayList<>();
        Set<String> listed = new LinkedHashSet<>();
        Map<String, String> modifierRationale = new LinkedHashMap<>();

        boolean mda5 = features.contains(Feature.ANTI_MDA5) || features.contains(Feature.RAPIDLY_PROGRESSIVE_ILD);
        Rule mda5Rule = rules.rule(RuleIds.MOD_MDA5_RPILD);
        criteria.add(criterion(mda5Rule, mda5, mda5 ? "anti-MDA5 or rapidly progressive ILD: combination up front"
                : "no anti-MDA5 antibodies or rapidly progressive ILD", List.of()));
        if (mda5) {
            warnings.add(new Timeline.Warning("STEP_UP_LADDER_UNSAFE", "Anti-MDA5 / rapidly progressive ILD: give "
                    + "glucocorticoid + tacrolimus + IV cyclophosphamide together up front; do not wait for step-up failures",
                    List.of(), mda5Rule.citation()));
            for (String drug : List.of("tacrolimus", "cyclophosphamide")) {
                addStep(steps, listed, excluded, active, drug, "Up-front combination with glucocorticoid for anti-MDA5 / "
                        + "rapidly progressive ILD (tacrolimus + IV cyclophosphamide)", mda5Rule, features);
            }
        }
        Rule dysphagia = rules.rule(RuleIds.MOD_DYSPHAGIA);
        boolean hasDysphagia = features.contains(Feature.DYSPHAGIA);
        criteria.add(criterion(dysphagia, hasDysphagia, hasDysphagia ? "dysphagia: IVIg offered at any step"
                : "no dysphagia", List.of()));
        if (hasDysphagia) {
            addStep(steps, listed, excluded, active, "ivig", "Dysphagia: IVIg 2 g/kg monthly at any step", dysphagia,
                    features);
        }
        Rule juvenileRule = rules.rule(RuleIds.MOD_JUVENILE);
        if (juvenile) {
            if (!tried.contains("methotrexate")) {
                addStep(steps, listed, excluded, active, "methotrexate",
                        "Juvenile DM: methotrexate 15–20 mg/m²/wk is part of induction with glucocorticoids", juvenileRule,
                        features);
            }
            boolean skinProminent = features.contains(Feature.SKIN) || history.patient().subtype() == Subtype.AMYOPATHIC;
            if (skinProminent && status.compareTo(Assessment.RefractoryStatus.GLUCOCORTICOID_DEPENDENT) >= 0) {
                addStep(steps, listed, excluded, active, "ivig",
                        "Juvenile DM with skin-prominent resistant disease: IVIg as adjunct", juvenileRule, features);
            }
        }
        criteria.add(criterion(juvenileRule, juvenile, juvenile ? "juvenile ladder applied" : "adult ladder", List.of()));

        boolean ild = features.contains(Feature.ILD) || features.contains(Feature.RAPIDLY_PROGRESSIVE_ILD);
        Set<String> ildPreferred = Set.of("tacrolimus", "ciclosporin", "mycophenolate", "cyclophosphamide");
        for (int t = from; t <= to; t++) {
            final int tierNow = t;
            List<DrugProfile> candidates = new ArrayList<>(catalogueOrder.stream()
                    .filter(p -> p.tier() != null && p.tier() == tierNow && !p.calcinosisTrack()).toList());
            // Incomplete trials first (finish them before moving on), then ILD-preferred agents when ILD is present.
            candidates.sort(Comparator.comparing((DrugProfile p) -> !incomplete.containsKey(p.code()))
                    .thenComparing(p -> !(ild && ildPreferred.contains(p.code()))));
            for (DrugProfile p : candidates) {
                if (p.glucocorticoid() && status != Assessment.RefractoryStatus.NO_TREATMENT) {
                    continue;
                }
                Assessment.InadequateTrial pending = incomplete.get(p.code());
                String rationale = pending != null
                        ? "Tier " + t + ": complete an adequate trial (" + String.join(", ", pending.missing()) + ")"
                        : "Tier " + t + " (" + tierPurpose(t) + ")" + (tried.contains(p.code()) ? "" : ", not tried yet");
                addStep(steps, listed, excluded, active, p.code(), rationale, ladder, features);
            }
        }

        Rule calcinosisRule = rules.rule(RuleIds.MOD_CALCINOSIS);
        boolean calcinosis = features.contains(Feature.CALCINOSIS);
        criteria.add(criterion(calcinosisRule, calcinosis, calcinosis ? "calcinosis track offered alongside"
                : "no calcinosis", List.of()));
        if (calcinosis) {
            // Calcinosis agents have no adequate-trial rules: any recorded failure or intolerance excludes them.
            Set<String> calcinosisFailed = new LinkedHashSet<>(excluded);
            history.episodes().stream().filter(e -> e.response() == ResponseCategory.NONE
                    || e.stopReason() == StopReason.INEFFICACY || e.stopReason() == StopReason.ADVERSE_EVENT)
                    .forEach(e -> calcinosisFailed.add(e.drug()));
            for (DrugProfile p : catalogueOrder) {
                if (p.calcinosisTrack() && !calcinosisFailed.contains(p.code())) {
                    addStep(steps, listed, excluded, active, p.code(), "Calcinosis track (does not change the myositis tier)",
                            calcinosisRule, features);
                }
            }
        }
        Rule malignancy = rules.rule(RuleIds.MOD_MALIGNANCY);
        boolean cancer = features.contains(Feature.MALIGNANCY);
        criteria.add(criterion(malignancy, cancer, cancer ? "cancer-associated: oncology review, prefer non-cytotoxic options"
                : "no malignancy recorded", List.of()));
        if (cancer) {
            warnings.add(new Timeline.Warning("ONCOLOGY_REVIEW", "Cancer-associated DM: treat the cancer with oncology; "
                    + "prefer non-cytotoxic immunosuppression", List.of(), malignancy.citation()));
        }
        Rule ildRule = rules.rule(RuleIds.MOD_ILD);
        criteria.add(criterion(ildRule, ild, ild ? "ILD: calcineurin inhibitors, mycophenolate, cyclophosphamide preferred"
                : "no ILD recorded", List.of()));
        if (ild && active.contains("methotrexate")) {
            warnings.add(new Timeline.Warning("METHOTREXATE_WITH_ILD", "Methotrexate is given with interstitial lung "
                    + "disease: use only with caution", List.of(), ildRule.citation()));
        }
        Rule withdrawn = rules.rule(RuleIds.WITHDRAWN);
        criteria.add(criterion(withdrawn, true, "withdrawn drugs are never suggested", List.of()));
        return steps;
    }

    private static String tierPurpose(int tier) {
        return switch (tier) {
            case 1 -> "glucocorticoid induction";
            case 2 -> "first glucocorticoid-sparing csDMARD";
            case 3 -> "second csDMARD, combination or calcineurin inhibitor";
            case 4 -> "IVIg";
            case 5 -> "B-cell depletion or alkylating agent";
            case 6 -> "targeted, experimental or salvage therapy";
            default -> "topical and supportive care";
        };
    }

    private void addStep(List<Assessment.NextStep> steps, Set<String> listed, Set<String> excluded, Set<String> active,
            String drug, String rationale, Rule rule, Set<Feature> features) {
        DrugProfile p = profiles.apply(drug);
        if (p == null || p.withdrawn() || excluded.contains(drug) || active.contains(drug) || !listed.add(drug)) {
            return;
        }
        List<String> cautions = new ArrayList<>();
        if ("TNF_INHIBITOR".equals(p.drugClass())) {
            cautions.add(rules.rule(RuleIds.CAUTION_TNF).description() + " — " + rules.rule(RuleIds.CAUTION_TNF).citation());
        }
        if (features.contains(Feature.MALIGNANCY) && "ALKYLATING_AGENT".equals(p.drugClass())) {
            cautions.add("Cytotoxic in cancer-associated DM: prefer non-cytotoxic options — "
                    + rules.rule(RuleIds.MOD_MALIGNANCY).citation());
        }
        if ((features.contains(Feature.ILD) || features.contains(Feature.RAPIDLY_PROGRESSIVE_ILD))
                && drug.equals("methotrexate")) {
            cautions.add("Methotrexate with ILD only with caution — " + rules.rule(RuleIds.MOD_ILD).citation());
        }
        steps.add(new Assessment.NextStep(drug, p.tier(), p.calcinosisTrack() ? "CALCINOSIS" : "MYOSITIS", rationale,
                rule.citation(), List.copyOf(cautions)));
    }

    private void myopathyWarning(GlucocorticoidCurve curve, List<Timeline.Warning> warnings) {
        Rule r = rules.rule(RuleIds.GC_MYOPATHY_RISK);
        for (GlucocorticoidCurve.Run run : curve.runsAtOrAbove(d -> r.param("minMgPerDay"))) {
            if (run.days() >= r.days("minDays")) {
                warnings.add(new Timeline.Warning("GLUCOCORTICOID_MYOPATHY_RISK", "Prednisone-equivalent ≥ "
                        + DoseMath.number(r.param("minMgPerDay")) + " mg/d for " + run.days() + " days from " + run.from()
                        + ": watch for steroid myopathy (new weakness with falling enzymes)", List.of(), r.citation()));
                return;
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Assessment.Criterion criterion(Rule rule, boolean met, String detail, List<String> evidence) {
        return new Assessment.Criterion(rule.id(), met, detail, List.copyOf(new LinkedHashSet<>(evidence)), rule.citation());
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static String describe(List<Assessment.FailedDrug> failures, Set<String> drugs) {
        List<String> parts = new ArrayList<>();
        for (Assessment.FailedDrug f : failures) {
            if (drugs.contains(f.drug())) {
                parts.add(f.drug() + " (" + f.kind().name().toLowerCase() + ")");
            }
        }
        return String.join(", ", parts);
    }

    private static List<Timeline.Warning> dedupe(List<Timeline.Warning> warnings) {
        Map<String, Timeline.Warning> unique = new LinkedHashMap<>();
        for (Timeline.Warning w : warnings) {
            unique.putIfAbsent(w.code() + "|" + w.message(), w);
        }
        return List.copyOf(unique.values());
    }
}
