package org.myoline.engine.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.myoline.engine.model.DoseUnit;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.model.History;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.rules.Range;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleId;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.rules.RuleSetException;

/**
 * The drug catalogue as the engine sees it, and how a drug's episodes behave in time: which glucocorticoid
 * episodes are pulses, how long an episode still covers the patient, when it is active, and its eras.
 */
public final class Drugs {

    /** IV glucocorticoid at or above this daily dose, or dosed per kg, per m² or per dose, is a pulse. */
    @RuleId("GC-PULSE")
    public record Pulses(@Range(min = 1, max = 5000) double ivMinMgPerDay) {
    }

    /** A course-based drug stopped for one of these reasons stops covering the patient at the stop. */
    @RuleId("LOT-FAILURE-STOP")
    public record FailureStop(Set<StopReason> stopReasons) {
    }

    /** Glucocorticoids never set the tier above this. */
    @RuleId("TIER-CURRENT")
    public record TierCap(@Range(min = 0, max = 6) int glucocorticoidMaxTier) {
    }

    private final Map<String, DrugProfile> byCode;
    private final List<DrugProfile> order;
    private final Pulses pulses;
    private final Rule pulseRule;
    private final FailureStop failureStop;
    private final TierCap tierCap;

    /** @param drugs every catalogue drug, in catalogue order (the order next steps prefer within a tier) */
    public Drugs(List<DrugProfile> drugs, RuleSet.Binder rules) {
        Map<String, DrugProfile> map = new LinkedHashMap<>();
        drugs.forEach(d -> map.put(d.code(), d));
        this.byCode = java.util.Collections.unmodifiableMap(map);
        this.order = List.copyOf(drugs);
        this.pulses = rules.params(Pulses.class);
        this.pulseRule = rules.rule(Pulses.class);
        this.failureStop = rules.params(FailureStop.class);
        this.tierCap = rules.params(TierCap.class);
    }

    /** The drug's profile, or null when the catalogue does not know it. */
    public DrugProfile profile(String code) {
        return byCode.get(code);
    }

    /** A drug a rule names: the rule is rejected at start-up when the catalogue lacks it. */
    public DrugProfile require(String code, Rule rule) {
        DrugProfile p = byCode.get(code);
        if (p == null) {
            throw new RuleSetException(rule.origin() + ": rule " + rule.id() + " names drug " + code
                    + ", which the drug catalogue lacks");
        }
        return p;
    }

    /** Drug classes a rule names must be classes some catalogue drug has (a typo would silently match nothing). */
    public void requireClasses(Set<String> classes, Rule rule) {
        for (String c : classes) {
            if (order.stream().noneMatch(d -> d.drugClass().equals(c))) {
                throw new RuleSetException(rule.origin() + ": rule " + rule.id() + " names drug class " + c
                        + ", which no catalogue drug has");
            }
        }
    }

    public List<DrugProfile> inCatalogueOrder() {
        return order;
    }

    public Rule pulseRule() {
        return pulseRule;
    }

    /** Tier a drug sets when active; glucocorticoids are capped. Null for drugs without a tier. */
    public Integer tierOf(DrugProfile p) {
        if (p == null || p.tier() == null) {
            return null;
        }
        return p.glucocorticoid() ? Math.min(p.tier(), tierCap.glucocorticoidMaxTier()) : p.tier();
    }

    /** Pulses are events, never part of the daily curve: per-dose units, or IV per kg/m² or at a pulse dose. */
    public boolean isPulse(History.Episode e) {
        DoseMath.Period period = DoseMath.period(e.dose().unit());
        if (period == DoseMath.Period.DOSE) {
            // A fixed dose on a weekly frequency (10 mg three times a week) is a rate, not a pulse.
            History.Schedule s = e.schedule();
            return e.route() == Route.IV || s == null || (s.timesPerWeek() == null && s.intervalDays() == null);
        }
        return e.route() == Route.IV && (DoseMath.basis(e.dose().unit()) != DoseMath.Basis.ABSOLUTE
                || (e.dose().unit() == DoseUnit.MG_PER_DAY && e.dose().value() >= pulses.ivMinMgPerDay()));
    }

    public boolean stoppedForFailure(History.Episode e) {
        return e.stopReason() != null && failureStop.stopReasons().contains(e.stopReason());
    }

    /** Last day the episode covers the patient (null = ongoing); unknown drugs cover until their end. */
    public LocalDate coverageEnd(History.Episode e) {
        DrugProfile p = byCode.get(e.drug());
        return p == null ? e.end() : p.coverageEnd(e.end(), stoppedForFailure(e));
    }

    public boolean activeOn(History.Episode e, LocalDate date) {
        LocalDate coverage = coverageEnd(e);
        return !e.start().isAfter(date) && (coverage == null || !coverage.isBefore(date));
    }

    /** A systemic episode of the myositis track: not topical, not a calcinosis agent, tier above 0. */
    public boolean systemic(History.Episode e) {
        DrugProfile p = byCode.get(e.drug());
        return p != null && !p.calcinosisTrack() && e.route() != Route.TOPICAL && (p.tier() == null || p.tier() > 0);
    }

    /** Eras of every non-glucocorticoid systemic drug of the myositis track (hydroxychloroquine included). */
    public List<Era> diseaseModifyingEras(List<History.Episode> episodes) {
        return eras(episodes.stream().filter(e -> {
            DrugProfile p = byCode.get(e.drug());
            return p != null && !p.glucocorticoid() && systemic(e) && p.tier() != null;
        }).toList());
    }

    /**
     * Eras of the given episodes of known drugs, per drug in order of first use: an episode joins the
     * previous era of its drug when it starts within that era's coverage plus the drug's persistence.
     */
    public List<Era> eras(List<History.Episode> episodes) {
        Map<String, List<History.Episode>> byDrug = new LinkedHashMap<>();
        episodes.stream().sorted(Comparator.comparing(History.Episode::start))
                .filter(e -> byCode.containsKey(e.drug()))
                .forEach(e -> byDrug.computeIfAbsent(e.drug(), k -> new ArrayList<>()).add(e));
        List<Era> eras = new ArrayList<>();
        for (Map.Entry<String, List<History.Episode>> entry : byDrug.entrySet()) {
            DrugProfile p = byCode.get(entry.getKey());
            List<History.Episode> current = new ArrayList<>();
            LocalDate coverage = null;
            for (History.Episode e : entry.getValue()) {
                if (!current.isEmpty() && !p.continuesEra(coverage, e.start())) {
                    eras.add(era(p, current));
                    current = new ArrayList<>();
                }
                LocalDate end = coverageEnd(e);
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
}
