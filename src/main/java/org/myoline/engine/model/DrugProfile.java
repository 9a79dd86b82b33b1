package org.myoline.engine.model;

/**
 * What the engine needs to know of a drug: its place on the ladder and how it behaves on a timeline.
 * Built from the drug catalogue; {@code tier} is null for the calcinosis track.
 */
public record DrugProfile(String code, String drugClass, Integer tier, boolean background, boolean calcinosisTrack,
        boolean withdrawn, Double prednisoneEquivalence, int persistenceDays, boolean courseBased) {

    /** Last day a drug still counts as given after an episode ends: infusions persist between courses. */
    public java.time.LocalDate coverageEnd(java.time.LocalDate end) {
        return end == null ? null : courseBased ? end.plusDays(persistenceDays) : end;
    }

    /**
     * Whether an episode starting on {@code start} continues the era whose coverage ended on
     * {@code lastCoverage} (null = still ongoing): same-drug gaps up to the persistence days merge.
     */
    public boolean continuesEra(java.time.LocalDate lastCoverage, java.time.LocalDate start) {
        if (lastCoverage == null) {
            return true;
        }
        java.time.LocalDate eraEnd = courseBased ? lastCoverage : lastCoverage.plusDays(persistenceDays);
        return !start.isAfter(eraEnd);
    }

    public boolean glucocorticoid() {
        return prednisoneEquivalence != null;
    }
}
