package org.myoline.engine.model;

import java.time.LocalDate;
import java.util.List;

/**
 * Lines of therapy, the calcinosis track, the glucocorticoid exposure and the dated events around them (flares,
 * relapses, remissions, cancer-directed treatment: context, never lines), as known on {@code asOf}.
 */
public record Timeline(LocalDate asOf, List<Line> lines, List<TrackEra> calcinosisTrack,
        GlucocorticoidExposure glucocorticoid, List<String> backgroundEpisodeIds, List<Warning> warnings,
        List<History.Event> events) {

    public enum LineReason { FIRST, DRUG_ADDED, SWITCH, RESTART_AFTER_GAP }

    /**
     * One line of therapy. {@code drugs} is the regimen (for a first line started by a glucocorticoid,
     * the glucocorticoid too); {@code backgroundDrugs} are background agents given during the line.
     */
    public record Line(int number, LocalDate startDate, LocalDate endDate, List<String> drugs,
            List<String> backgroundDrugs, Integer tier, LineReason reason, String reasonDetail,
            List<String> episodeIds, ResponseCategory response) {
    }

    public record TrackEra(String drug, LocalDate startDate, LocalDate endDate, List<String> episodeIds) {
    }

    /** Daily prednisone-equivalent as dated steps; pulses apart, never in the daily curve. */
    public record GlucocorticoidExposure(List<DoseStep> steps, double cumulativeMg, double pulseCumulativeMg,
            List<Pulse> pulses, double currentMgPerDay) {
    }

    public record DoseStep(LocalDate from, LocalDate to, double prednisoneEquivalentMgPerDay) {
    }

    /** {@code prednisoneEquivalentMg} is null when the pulse dose needs a weight that is not known. */
    public record Pulse(String episodeId, String drug, LocalDate startDate, LocalDate endDate, String dose,
            Double prednisoneEquivalentMg) {
    }

    public record Warning(String code, String message, List<String> episodeIds, String source) {
    }
}
