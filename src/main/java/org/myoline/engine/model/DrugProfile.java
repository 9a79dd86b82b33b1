package org.myoline.engine.model;

import java.time.LocalDate;

/**
 * What the engine needs to know of a drug: its place on the ladder, how it behaves on a timeline and what an
 * adequate trial of it is. Built from the drug catalogue; {@code tier} is null for the calcinosis track,
 * {@code trial} null where the rules' default trial applies, and {@code onLadder} false for agents only a rule for
 * a particular situation proposes (plasma exchange, say). {@code courseIntervalDays}: for a course-based drug, the
 * usual time between courses, at which an ongoing series accrues courses when no schedule says otherwise.
 */
public record DrugProfile(String code, String drugClass, Integer tier, boolean background, boolean calcinosisTrack,
        boolean withdrawn, Double prednisoneEquivalence, int persistenceDays, boolean courseBased, AdequateTrial trial,
        boolean onLadder, Integer courseIntervalDays) {

    /**
     * Last day a drug still counts as given after an episode that ended on {@code end}: infusions persist
     * between courses unless {@code stoppedForFailure}, which ends the drug's cover at the stop.
     */
    public LocalDate coverageEnd(LocalDate end, boolean stoppedForFailure) {
        return end == null ? null : courseBased && !stoppedForFailure ? end.plusDays(persistenceDays) : end;
    }

    /**
     * Whether an episode starting on {@code start} continues the era whose coverage ended on
     * {@code lastCoverage} (null = still ongoing): same-drug gaps up to the persistence days merge.
     */
    public boolean continuesEra(LocalDate lastCoverage, LocalDate start) {
        if (lastCoverage == null) {
            return true;
        }
        LocalDate eraEnd = courseBased ? lastCoverage : lastCoverage.plusDays(persistenceDays);
        return !start.isAfter(eraEnd);
    }

    public boolean glucocorticoid() {
        return prednisoneEquivalence != null;
    }
}
