package org.myoline.engine.trial;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.myoline.engine.context.EvaluationContext;
import org.myoline.engine.context.Findings;
import org.myoline.engine.model.AdequateTrial;
import org.myoline.engine.model.AssessedResponse;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.DoseUnit;
import org.myoline.engine.model.DrugProfile;
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
import org.myoline.engine.timeline.Era;

/**
 * Judges each era of a disease-modifying drug: failed after an adequate trial, not tolerated, an
 * inadequate trial (stopped short of the adequate dose, duration or courses), or none of these; and
 * whether an ongoing trial runs below its adequate dose.
 */
public final class TrialEvaluator {

    /** What makes a trial adequate where the catalogue gives no agent-specific figure, and the dose rounding allowed. */
    @RuleId("IS-ADEQUATE-TRIAL")
    public record Adequacy(@Range(min = 0, max = 50) double doseTolerancePercent,
            @Range(min = 1, max = 730) int defaultMinDays) {
    }

    /** The drug classes whose failure counts as an immunosuppressant failure in the refractoriness definitions. */
    @RuleId("IS-FAILURE")
    public record Failure(Set<String> immunosuppressantClasses) {
    }

    /** An ongoing trial below the adequate dose is flagged, unless the drug already gave a major response. */
    @RuleId("IS-SUBTHERAPEUTIC")
    public record Subtherapeutic(boolean exemptAfterMajorResponse) {
    }

    private final Adequacy adequacy;
    private final Rule adequacyRule;
    private final Failure failure;
    private final Rule failureRule;
    private final Subtherapeutic subtherapeutic;
    private final Rule subtherapeuticRule;
    /** Drugs stopped for an adverse event: which tracks may propose them again, as a re-challenge. */
    @RuleId("RECHALLENGE")
    public record Rechallenge(Set<String> rechallengeTracks) {
    }

    private final AdequateTrial defaultTrial;
    private final Rechallenge rechallenge;
    private final Rule rechallengeRule;

    public TrialEvaluator(RuleSet.Binder rules) {
        this.rechallenge = rules.params(Rechallenge.class);
        this.rechallengeRule = rules.rule(Rechallenge.class);
        this.adequacy = rules.params(Adequacy.class);
        this.adequacyRule = rules.rule(Adequacy.class);
        this.failure = rules.params(Failure.class);
        this.failureRule = rules.rule(Failure.class);
        this.subtherapeutic = rules.params(Subtherapeutic.class);
        this.subtherapeuticRule = rules.rule(Subtherapeutic.class);
        this.defaultTrial = new AdequateTrial(null, null, null, null, adequacy.defaultMinDays(), null,
                adequacyRule.source(), adequacyRule.evidence());
    }

    /** Whether a drug of this track stopped for an adverse event may be proposed again, as a re-challenge. */
    public boolean rechallengeAllowed(DrugProfile p) {
        return rechallenge.rechallengeTracks().contains(p.calcinosisTrack() ? "CALCINOSIS" : "MYOSITIS");
    }

    public Rule rechallengeRule() {
        return rechallengeRule;
    }

    public Set<String> immunosuppressantClasses() {
        return failure.immunosuppressantClasses();
    }

    public Rule failureRule() {
        return failureRule;
    }

    public AdequateTrial trialOf(DrugProfile p) {
        return p.trial() == null ? defaultTrial : p.trial();
    }

    public TrialOutcomes evaluate(EvaluationContext ctx, Findings findings) {
        List<Assessment.FailedDrug> failed = new ArrayList<>();
        List<Assessment.FailedDrug> intolerances = new ArrayList<>();
        List<Assessment.InadequateTrial> inadequate = new ArrayList<>();
        List<TrialOutcomes.Subtherapeutic> low = new ArrayList<>();
        List<TrialOutcomes.Underway> underway = new ArrayList<>();
        Set<String> adequatelyTried = new LinkedHashSet<>();
        for (Era era : ctx.eras()) {
            EraTrial trial = new EraTrial(ctx, era, trialOf(era.profile()));
            if (trial.unevaluableDose()) {
                findings.warn("DOSE_NOT_EVALUABLE", era.drug() + ": the dose in "
                        + era.episodes().get(0).dose().unit().ucum() + " cannot be compared with the adequate dose "
                        + DoseMath.text(trial.minDose, trial.unit) + " without the patient's weight or height on that date",
                        era.ids(), trial.trial.citation());
            }
            List<String> missing = trial.missing();
            if (missing.isEmpty()) {
                adequatelyTried.add(era.drug());
            }
            if (era.ongoing()) {
                subtherapeutic(ctx, era, trial).ifPresent(s -> {
                    low.add(s);
                    findings.warn("SUBTHERAPEUTIC_DOSE", s.drug() + " is given at " + s.currentDose() + ", below the adequate "
                            + s.targetDose() + ": a failure at this dose would not count as an adequate trial",
                            s.episodeIds(), s.source());
                });
            }
            Optional<History.Episode> stoppedForAdverseEvent = era.episodes().stream()
                    .filter(e -> e.stopReason() == StopReason.ADVERSE_EVENT).findFirst();
            if (stoppedForAdverseEvent.isPresent()) {
                intolerances.add(new Assessment.FailedDrug(era.drug(), era.profile().tier(),
                        Assessment.FailureKind.INTOLERANCE, "stopped for an adverse event on "
                                + stoppedForAdverseEvent.get().end() + " after " + trial.duration
                                + " d (counts whatever the duration)", era.ids(), stoppedForAdverseEvent.get().end()));
                continue;
            }
            List<String> signals = inefficacySignals(ctx, era, trial);
            Optional<Assessment.Response> dated = datedFailure(ctx, era, trial);
            if (missing.isEmpty() && !signals.isEmpty()) {
                failed.add(new Assessment.FailedDrug(era.drug(), era.profile().tier(), Assessment.FailureKind.INEFFICACY,
                        String.join("; ", signals) + " after an adequate trial (" + trial.text() + ")", era.ids(),
                        era.end() == null ? ctx.asOf() : era.end()));
            } else if (dated.isPresent()) {
                Assessment.Response r = dated.get();
                failed.add(new Assessment.FailedDrug(era.drug(), era.profile().tier(), Assessment.FailureKind.INEFFICACY,
                        datedSignal(ctx, r).orElseThrow() + " after an adequate trial by then ("
                                + java.time.temporal.ChronoUnit.DAYS.between(era.start(), r.date()) + " d); failed from "
                                + r.date(), era.ids(), r.date()));
            } else if (!signals.isEmpty() || (!missing.isEmpty() && era.ongoing() && hasDatedSignal(ctx, era))) {
                inadequate.add(new Assessment.InadequateTrial(era.drug(), List.copyOf(missing), era.ids(),
                        trial.doseShort() ? DoseMath.text(trial.minDose, trial.unit) : null));
            } else if (underway(ctx, era, trial)) {
                underway.add(new TrialOutcomes.Underway(era.drug(), List.copyOf(missing), era.ids(),
                        trial.doseShort() ? DoseMath.text(trial.minDose, trial.unit) : null));
            }
        }
        List<Assessment.FailedDrug> others = otherIntolerances(ctx);
        rechallenges(ctx, findings, intolerances, others);

        List<Assessment.FailedDrug> all = new ArrayList<>(failed);
        all.addAll(intolerances);
        Set<String> immunosuppressants = new LinkedHashSet<>();
        List<String> evidence = new ArrayList<>();
        for (Assessment.FailedDrug f : all) {
            if (failure.immunosuppressantClasses().contains(ctx.drug(f.drug()).drugClass())) {
                immunosuppressants.add(f.drug());
                evidence.addAll(f.episodeIds());
            }
        }
        findings.criterion(failureRule, !immunosuppressants.isEmpty(), immunosuppressants.isEmpty()
                ? "no adequately tried immunosuppressant failed or was not tolerated"
                : "failed or not tolerated: " + describe(all, immunosuppressants), evidence);
        findings.criterion(adequacyRule, inadequate.isEmpty(), inadequate.isEmpty()
                ? "no trial stopped short of an adequate dose or duration"
                : "inadequate trials not counted as failures: " + String.join("; ", inadequate.stream()
                        .map(t -> t.drug() + " (" + String.join(", ", t.missing()) + ")").toList()),
                inadequate.stream().flatMap(t -> t.episodeIds().stream()).toList());
        return new TrialOutcomes(List.copyOf(failed), List.copyOf(intolerances), List.copyOf(inadequate), List.copyOf(low),
                Set.copyOf(adequatelyTried), java.util.Collections.unmodifiableSet(immunosuppressants), List.copyOf(evidence),
                others, List.copyOf(underway));
    }

    /**
     * A trial still to complete: not yet adequate, with no major response, and either being given or, for a series
     * of courses (an incomplete first IVIg series, say), stopped for no reason of its own and still covering the date.
     */
    private static boolean underway(EvaluationContext ctx, Era era, EraTrial trial) {
        if (!trial.inWindow() || era.episodes().stream().anyMatch(e -> e.response() == ResponseCategory.MAJOR)) {
            return false;
        }
        if (era.ongoing()) {
            return true;
        }
        History.Episode last = era.episodes().get(era.episodes().size() - 1);
        boolean neutralStop = last.stopReason() == null || last.stopReason() == StopReason.COURSE_COMPLETED
                || last.stopReason() == StopReason.OTHER || last.stopReason() == StopReason.PATIENT_CHOICE;
        return trial.trial.minCourses() != null && neutralStop && ctx.activeOn(last, ctx.asOf());
    }

    /** Drugs outside the disease-modifying eras (glucocorticoids, background, calcinosis) stopped for an adverse event. */
    private static List<Assessment.FailedDrug> otherIntolerances(EvaluationContext ctx) {
        Set<String> eraDrugs = new LinkedHashSet<>();
        ctx.eras().forEach(e -> eraDrugs.add(e.drug()));
        java.util.Map<String, Assessment.FailedDrug> byDrug = new java.util.LinkedHashMap<>();
        for (History.Episode e : ctx.history().episodes()) {
            DrugProfile p = ctx.drug(e.drug());
            if (p != null && e.stopReason() == StopReason.ADVERSE_EVENT && !eraDrugs.contains(e.drug())) {
                byDrug.putIfAbsent(e.drug(), new Assessment.FailedDrug(e.drug(), p.tier(), Assessment.FailureKind.INTOLERANCE,
                        "stopped for an adverse event on " + e.end(), List.of(e.id()), e.end()));
            }
        }
        return List.copyOf(byDrug.values());
    }

    /** A drug given again after it was stopped for an adverse event is a re-challenge, and says so. */
    private void rechallenges(EvaluationContext ctx, Findings findings, List<Assessment.FailedDrug> eraIntolerances,
            List<Assessment.FailedDrug> others) {
        List<Assessment.FailedDrug> all = new ArrayList<>(eraIntolerances);
        all.addAll(others);
        for (History.Episode e : ctx.history().episodes()) {
            if (e.stopReason() != StopReason.ADVERSE_EVENT || e.end() == null) {
                continue;
            }
            for (History.Episode later : ctx.history().episodes()) {
                if (later.drug().equals(e.drug()) && later.start().isAfter(e.end())) {
                    findings.warn("RECHALLENGE", e.drug() + " given again from " + later.start() + " after it was stopped for "
                            + "an adverse event on " + e.end() + ": a re-challenge", List.of(e.id(), later.id()),
                            rechallengeRule.citation());
                    break;
                }
            }
        }
    }

    /** One era measured against its drug's adequate trial. */
    private final class EraTrial {
        final EvaluationContext ctx;
        final Era era;
        final AdequateTrial trial;
        final long duration;
        final int courses;
        final Double minDose;
        final DoseUnit unit;
        final OptionalDouble maxDose;

        EraTrial(EvaluationContext ctx, Era era, AdequateTrial trial) {
            this.era = era;
            this.trial = trial;
            this.ctx = ctx;
            LocalDate last = era.end() == null ? ctx.asOf() : era.end();
            this.duration = ChronoUnit.DAYS.between(era.start(), last) + 1;
            this.courses = coursesBy(ctx, era, last);
            // Adult dose thresholds are never applied to children: without a juvenile threshold (or weight band
            // with a known weight) only duration and courses decide.
            AdequateTrial.WeightBand band = ctx.juvenile() ? band(ctx, trial, last) : null;
            this.minDose = band != null ? Double.valueOf(band.minDose()) : ctx.juvenile() ? trial.juvenileMinDose() : trial.minDose();
            this.unit = band != null ? band.unit() : ctx.juvenile() ? trial.juvenileUnit() : trial.unit();
            this.maxDose = minDose != null && unit != null ? maxDose(ctx, era, unit, ctx.asOf()) : OptionalDouble.empty();
        }

        boolean unevaluableDose() {
            return minDose != null && unit != null && maxDose.isEmpty();
        }

        List<String> missing() {
            return missing(duration, maxDose);
        }

        /** What the trial lacked by {@code date}: duration, dose and courses up to then. */
        List<String> missingBy(EvaluationContext ctx, LocalDate date) {
            long days = java.time.temporal.ChronoUnit.DAYS.between(era.start(), date) + 1;
            OptionalDouble max = minDose != null && unit != null ? maxDose(ctx, era, unit, date) : OptionalDouble.empty();
            return missing(days, max, coursesBy(ctx, era, date));
        }

        /** Whether the trial is still inside its window: not yet long enough, or not yet enough courses. */
        boolean inWindow() {
            return duration < trial.minDays() || (trial.minCourses() != null && courses < trial.minCourses());
        }

        /** Whether the dose is what fell short (so completing the trial means reaching the adequate dose). */
        boolean doseShort() {
            return minDose != null && unit != null && maxDose.isPresent()
                    && maxDose.getAsDouble() < minDose * (1 - adequacy.doseTolerancePercent() / 100.0) - 1e-9;
        }

        private List<String> missing(long duration, OptionalDouble maxDose) {
            return missing(duration, maxDose, courses);
        }

        private List<String> missing(long duration, OptionalDouble maxDose, int courses) {
            List<String> missing = new ArrayList<>();
            if (duration < trial.minDays()) {
                missing.add("duration " + duration + " d < " + trial.minDays() + " d");
            }
            if (trial.minCourses() != null && courses < trial.minCourses()) {
                missing.add(courses + " course" + (courses == 1 ? "" : "s") + " < " + trial.minCourses());
            }
            if (minDose != null && unit != null) {
                if (maxDose.isEmpty()) {
                    missing.add("dose could not be evaluated in " + unit.ucum()
                            + " (weight or height on the dose dates unknown)");
                } else if (maxDose.getAsDouble() < minDose * (1 - adequacy.doseTolerancePercent() / 100.0) - 1e-9) {
                    missing.add("dose " + DoseMath.text(maxDose.getAsDouble(), unit) + " < " + DoseMath.text(minDose, unit));
                }
            }
            return missing;
        }

        String text() {
            StringBuilder sb = new StringBuilder(duration + " d");
            if (trial.minCourses() != null) {
                sb.append(", ").append(courses).append(" courses");
            }
            if (unit != null) {
                maxDose.ifPresent(v -> sb.append(", up to ").append(DoseMath.text(v, unit)));
            }
            return sb.toString();
        }
    }

    private java.util.Optional<TrialOutcomes.Subtherapeutic> subtherapeutic(EvaluationContext ctx, Era era, EraTrial trial) {
        if (trial.minDose == null || trial.unit == null
                || (subtherapeutic.exemptAfterMajorResponse()
                        && era.episodes().stream().anyMatch(e -> e.response() == ResponseCategory.MAJOR))) {
            return java.util.Optional.empty();
        }
        History.Episode latest = era.episodes().get(era.episodes().size() - 1);
        History.Dose current = latest.dose();
        for (History.DoseStep change : latest.doseChanges()) {
            if (!change.date().isAfter(ctx.asOf())) {
                current = change.dose();
            }
        }
        OptionalDouble inUnit = DoseMath.convert(current, trial.unit, ctx.asOf(), ctx.body(),
                DoseMath.effectiveSchedule(latest));
        if (inUnit.isEmpty() || inUnit.getAsDouble() >= trial.minDose * (1 - adequacy.doseTolerancePercent() / 100.0) - 1e-9) {
            return java.util.Optional.empty();
        }
        String currentText = DoseMath.text(current.value(), current.unit())
                + (current.unit() == trial.unit ? "" : " (" + DoseMath.text(inUnit.getAsDouble(), trial.unit) + ")");
        return java.util.Optional.of(new TrialOutcomes.Subtherapeutic(era.drug(), currentText,
                DoseMath.text(trial.minDose, trial.unit), era.ids(), subtherapeuticRule.citation() + "; "
                        + trial.trial.citation()));
    }

    /** A child's weight band for this trial, by the weight on {@code date}; null without bands or a known weight. */
    private static AdequateTrial.WeightBand band(EvaluationContext ctx, AdequateTrial trial, LocalDate date) {
        OptionalDouble kg = ctx.body().weightKg(date);
        if (trial.juvenileBands().isEmpty() || kg.isEmpty()) {
            return null;
        }
        return trial.juvenileBands().stream().filter(b -> b.covers(kg.getAsDouble())).findFirst().orElse(null);
    }

    /**
     * Courses given by {@code date}. An episode ended by then counts its recorded courses (one if none); an
     * ongoing series accrues one course per interval (the schedule's, else the drug's usual one), capped by the
     * schedule's planned count, unless a course count was recorded for it as of today.
     */
    static int coursesBy(EvaluationContext ctx, Era era, LocalDate date) {
        int total = 0;
        for (History.Episode e : era.episodes()) {
            if (e.start().isAfter(date)) {
                continue;
            }
            if (e.end() != null && !e.end().isAfter(date)) {
                total += e.courses() == null ? 1 : e.courses();
                continue;
            }
            Integer interval = e.schedule() != null && e.schedule().intervalDays() != null ? e.schedule().intervalDays()
                    : era.profile().courseIntervalDays();
            if (e.courses() != null || interval == null) {
                total += e.courses() == null ? 1 : e.courses();
                continue;
            }
            int accrued = (int) (ChronoUnit.DAYS.between(e.start(), date) / interval) + 1;
            if (e.schedule() != null && e.schedule().count() != null) {
                accrued = Math.min(accrued, e.schedule().count());
            }
            total += accrued;
        }
        return Math.max(total, 1);
    }

    /** The highest dose of the era given by {@code until}, in {@code unit}. */
    private static OptionalDouble maxDose(EvaluationContext ctx, Era era, DoseUnit unit, LocalDate until) {
        double max = Double.NaN;
        for (History.Episode e : era.episodes()) {
            List<History.DoseStep> doses = new ArrayList<>();
            doses.add(new History.DoseStep(e.start(), e.dose()));
            doses.addAll(e.doseChanges());
            for (History.DoseStep d : doses) {
                if (d.date().isAfter(until)) {
                    continue;
                }
                OptionalDouble v = DoseMath.convert(d.dose(), unit, d.date(), ctx.body(), DoseMath.effectiveSchedule(e));
                if (v.isPresent() && (Double.isNaN(max) || v.getAsDouble() > max)) {
                    max = v.getAsDouble();
                }
            }
        }
        return Double.isNaN(max) ? OptionalDouble.empty() : OptionalDouble.of(max);
    }

    private List<String> inefficacySignals(EvaluationContext ctx, Era era, EraTrial trial) {
        List<String> signals = new ArrayList<>();
        LocalDate last = era.end() == null ? ctx.asOf() : era.end();
        boolean responded = era.episodes().stream().anyMatch(e -> e.response() == ResponseCategory.MAJOR);
        if (era.episodes().stream().anyMatch(e -> e.response() == ResponseCategory.NONE)) {
            signals.add("response NONE");
        }
        if (era.episodes().stream().anyMatch(e -> e.stopReason() == StopReason.INEFFICACY)) {
            signals.add("stopped for inefficacy");
        }
        partialThenEscalated(ctx, era).ifPresent(signals::add);
        if (!responded) {
            // A flare counts once the trial was adequate by its date, and only if no major response followed it.
            LocalDate from = era.start().plusDays(trial.trial.minDays());
            Set<String> ids = new LinkedHashSet<>(era.ids());
            List<Assessment.Response> dated = ctx.responses().of(era.ids());
            for (History.Event event : ctx.history().events()) {
                boolean onTherapy = !event.date().isBefore(from) && !event.date().isAfter(last)
                        && trial.missingBy(ctx, event.date()).isEmpty();
                boolean linked = event.episodeId() == null || ids.contains(event.episodeId());
                boolean respondedSince = dated.stream().anyMatch(r -> r.category() == AssessedResponse.MAJOR
                        && r.date().isAfter(event.date()));
                if ((event.type() == EventType.FLARE || event.type() == EventType.RELAPSE) && onTherapy && linked
                        && !respondedSince) {
                    signals.add(event.type() + " (" + event.domain() + ") on therapy on " + event.date());
                    break;
                }
            }
        }
        return signals;
    }

    /**
     * The first dated response of the era that shows inefficacy after an adequate trial up to that date: NONE
     * or WORSENING, or PARTIAL followed by a later line that added or switched a drug. The drug counts as
     * failed from that date, even while it continues.
     */
    private Optional<Assessment.Response> datedFailure(EvaluationContext ctx, Era era, EraTrial trial) {
        for (Assessment.Response r : ctx.responses().of(era.ids())) {
            if (datedSignal(ctx, r).isPresent() && trial.missingBy(ctx, r.date()).isEmpty()) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private static boolean hasDatedSignal(EvaluationContext ctx, Era era) {
        return ctx.responses().of(era.ids()).stream().anyMatch(r -> datedSignal(ctx, r).isPresent());
    }

    private static Optional<String> datedSignal(EvaluationContext ctx, Assessment.Response r) {
        String how = r.recorded() != null ? "assessed " + r.category() + " on " + r.date()
                + (r.recorded().instrument() == null ? "" : " (" + r.recorded().instrument() + ")")
                : "core set on " + r.date() + ": TIS " + DoseMath.number(r.computed().totalImprovementScore())
                        + (r.category() == AssessedResponse.WORSENING ? ", confirmed deterioration" : "");
        if (r.category() == AssessedResponse.NONE || r.category() == AssessedResponse.WORSENING) {
            return Optional.of(how);
        }
        if (r.category() == AssessedResponse.PARTIAL) {
            for (Timeline.Line later : ctx.lines().lines()) {
                if (later.startDate().isAfter(r.date()) && r.episodeIds().stream().noneMatch(later.episodeIds()::contains)
                        && (later.reason() == Timeline.LineReason.DRUG_ADDED || later.reason() == Timeline.LineReason.SWITCH)) {
                    return Optional.of(how + ", followed by escalation (line " + later.number() + ": " + later.reasonDetail() + ")");
                }
            }
        }
        return Optional.empty();
    }

    /** A PARTIAL response followed by a later line that added or switched to another drug. */
    private static java.util.Optional<String> partialThenEscalated(EvaluationContext ctx, Era era) {
        for (History.Episode e : era.episodes()) {
            if (e.response() != ResponseCategory.PARTIAL) {
                continue;
            }
            Integer line = ctx.lines().lineOfEpisode().get(e.id());
            if (line == null) {
                continue;
            }
            for (Timeline.Line later : ctx.lines().lines()) {
                if (later.number() > line && later.startDate().isAfter(e.start())
                        && (later.reason() == Timeline.LineReason.DRUG_ADDED || later.reason() == Timeline.LineReason.SWITCH)) {
                    return java.util.Optional.of("PARTIAL response followed by escalation (line " + later.number() + ": "
                            + later.reasonDetail() + ")");
                }
            }
        }
        return java.util.Optional.empty();
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
}
