package org.myoline.clinical;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.myoline.api.SchemaTypes;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.myoline.engine.model.DiseaseDomain;
import org.myoline.engine.model.EventType;
import org.myoline.engine.model.Timeline;
import org.myoline.engine.model.ResponseCategory;

@Schema(name = "Timeline", requiredProperties = {"asOf", "rulesVersion", "lines", "calcinosisTrack", "glucocorticoid", "backgroundEpisodeIds", "warnings", "events"}, description = "Lines of therapy, calcinosis track, glucocorticoid exposure and the dated events around them, as known on asOf")
public record TimelineResponse(
        @Schema(description = "The date the history is read as of", example = "2009-04-30") LocalDate asOf,
        @Schema(description = "Version of the rules and catalogue applied: the rules file version, any local overlay names, and a hash of their content", example = "2026.12.1/3f9a2c1d0b7e", maxLength = 40) String rulesVersion,
        @Schema(description = "Lines of therapy in order", maxItems = 5000) List<LineResponse> lines,
        @Schema(description = "Calcinosis agents, a parallel track that does not change the myositis tier", maxItems = 5000)
        List<TrackEraResponse> calcinosisTrack,
        @Schema(description = "Daily prednisone-equivalent exposure") GlucocorticoidResponse glucocorticoid,
        @Schema(description = "Background episodes (glucocorticoids, pulses, hydroxychloroquine, topicals) outside any line's regimen",
                maxItems = 5000) List<UUID> backgroundEpisodeIds,
        @Schema(description = "Things a clinician should know about this history", maxItems = 100) List<WarningResponse> warnings,
        @Schema(description = "Flares, relapses and remissions, and cancer-directed treatment (surgery, chemotherapy, "
                + "radiotherapy) as context: dated, never lines", maxItems = 5000) List<EventResponse> events) {

    @Schema(name = "TimelineEvent", requiredProperties = {"date", "type", "domain"}, description = "A dated event on the timeline")
    public record EventResponse(
            @Schema(description = "Date", example = "2024-06-10") LocalDate date,
            @Schema(description = "Kind of event", example = "CANCER_SURGERY") EventType type,
            @Schema(description = "Organ domain (GLOBAL for cancer-directed treatment)", example = "GLOBAL") DiseaseDomain domain,
            @Schema(description = "The episode it relates to, if any", format = "uuid") UUID episodeId) {
    }

    @Schema(name = "Line", requiredProperties = {"number", "startDate", "drugs", "backgroundDrugs", "reason", "reasonDetail", "episodeIds", "response"}, description = "One line of therapy")
    public record LineResponse(
            @Schema(description = "1-based position", example = "2", minimum = "1") int number,
            @Schema(description = "First day", example = "2008-02-18") LocalDate startDate,
            @Schema(description = "Last day; absent while the line is current", example = "2008-04-13")
            LocalDate endDate,
            @Schema(description = "Regimen: the disease-modifying drugs of the line (a glucocorticoid-founded first line lists the glucocorticoid)",
                    type = SchemaType.ARRAY, implementation = SchemaTypes.DrugCode.class, maxItems = 50) List<String> drugs,
            @Schema(description = "Background agents given during the line", type = SchemaType.ARRAY,
                    implementation = SchemaTypes.DrugCode.class, maxItems = 50) List<String> backgroundDrugs,
            @Schema(description = "Highest escalation tier of the regimen (0–6)", example = "2") Integer tier,
            @Schema(description = "Why the line started", example = "DRUG_ADDED") Timeline.LineReason reason,
            @Schema(description = "The reason in words", example = "methotrexate added to prednisolone", maxLength = 500)
            String reasonDetail,
            @Schema(description = "Episodes that make up the regimen of this line", maxItems = 5000) List<UUID> episodeIds,
            @Schema(description = "Best recorded response among the line's episodes", example = "NONE") ResponseCategory response) {
    }

    @Schema(name = "TrackEra", requiredProperties = {"drug", "startDate", "episodeIds"}, description = "A continuous era of one calcinosis agent")
    public record TrackEraResponse(
            @Schema(description = "Drug code", example = "sodium-thiosulfate", maxLength = 64) String drug,
            @Schema(description = "First day", example = "2000-03-01") LocalDate startDate,
            @Schema(description = "Last day; absent while ongoing", example = "2002-12-31") LocalDate endDate,
            @Schema(description = "Episodes of the era", maxItems = 5000) List<UUID> episodeIds) {
    }

    @Schema(name = "GlucocorticoidExposure", requiredProperties = {"steps", "cumulativeMg", "pulseCumulativeMg", "pulses", "currentMgPerDay"}, description = "Prednisone-equivalent exposure; IV pulses listed apart")
    public record GlucocorticoidResponse(
            @Schema(description = "Daily prednisone-equivalent dose as dated steps (days off are absent)", maxItems = 100000)
            List<DoseStepResponse> steps,
            @Schema(description = "Cumulative prednisone-equivalent mg to asOf, pulses excluded", example = "7600")
            double cumulativeMg,
            @Schema(description = "Cumulative prednisone-equivalent mg of pulses", example = "3750") double pulseCumulativeMg,
            @Schema(description = "Glucocorticoid pulses: acute events, never part of the daily curve", maxItems = 5000)
            List<PulseResponse> pulses,
            @Schema(description = "Prednisone-equivalent mg/d on asOf", example = "10") double currentMgPerDay) {
    }

    @Schema(name = "DoseStep", requiredProperties = {"from", "to", "prednisoneEquivalentMgPerDay"}, description = "Constant daily prednisone-equivalent dose over a period")
    public record DoseStepResponse(
            @Schema(description = "First day", example = "2008-01-07") LocalDate from,
            @Schema(description = "Last day", example = "2008-04-13") LocalDate to,
            @Schema(description = "mg/d prednisone-equivalent", example = "60") double prednisoneEquivalentMgPerDay) {
    }

    @Schema(name = "Pulse", requiredProperties = {"episodeId", "drug", "startDate", "endDate", "dose"}, description = "A glucocorticoid pulse")
    public record PulseResponse(
            @Schema(description = "The episode") UUID episodeId,
            @Schema(description = "Drug code", example = "methylprednisolone", maxLength = 64) String drug,
            @Schema(description = "First day", example = "1999-12-10") LocalDate startDate,
            @Schema(description = "Last day", example = "1999-12-12") LocalDate endDate,
            @Schema(description = "Dose as recorded", example = "30 mg/kg", maxLength = 40) String dose,
            @Schema(description = "Total prednisone-equivalent mg; absent when it needs an unknown weight",
                    example = "2137.5") Double prednisoneEquivalentMg) {
    }

    @Schema(name = "Warning", requiredProperties = {"code", "message", "episodeIds", "source"}, description = "Something a clinician should know")
    public record WarningResponse(
            @Schema(description = "Stable code", example = "WITHDRAWN_DRUG_IN_HISTORY", maxLength = 64) String code,
            @Schema(description = "Explanation", maxLength = 1000) String message,
            @Schema(description = "Episodes concerned", maxItems = 5000) List<UUID> episodeIds,
            @Schema(description = "Rule source", maxLength = 500) String source) {
    }

    static TimelineResponse of(Timeline t, String rulesVersion) {
        Timeline.GlucocorticoidExposure gc = t.glucocorticoid();
        return new TimelineResponse(t.asOf(), rulesVersion,
                t.lines().stream().map(l -> new LineResponse(l.number(), l.startDate(), l.endDate(), l.drugs(),
                        l.backgroundDrugs(), l.tier(), l.reason(), l.reasonDetail(), uuids(l.episodeIds()), l.response())).toList(),
                t.calcinosisTrack().stream().map(e -> new TrackEraResponse(e.drug(), e.startDate(), e.endDate(),
                        uuids(e.episodeIds()))).toList(),
                new GlucocorticoidResponse(
                        gc.steps().stream().map(s -> new DoseStepResponse(s.from(), s.to(), s.prednisoneEquivalentMgPerDay()))
                                .toList(),
                        gc.cumulativeMg(), gc.pulseCumulativeMg(),
                        gc.pulses().stream().map(p -> new PulseResponse(UUID.fromString(p.episodeId()), p.drug(), p.startDate(), p.endDate(),
                                p.dose(), p.prednisoneEquivalentMg())).toList(),
                        gc.currentMgPerDay()),
                uuids(t.backgroundEpisodeIds()), warnings(t.warnings()),
                t.events().stream().map(e -> new EventResponse(e.date(), e.type(), e.domain(),
                        e.episodeId() == null ? null : UUID.fromString(e.episodeId()))).toList());
    }

    /** Engine ids are the stored episodes' UUIDs in text form. */
    static List<UUID> uuids(List<String> ids) {
        return ids.stream().map(UUID::fromString).toList();
    }

    static List<WarningResponse> warnings(List<Timeline.Warning> warnings) {
        return warnings.stream().map(w -> new WarningResponse(w.code(), w.message(), uuids(w.episodeIds()), w.source())).toList();
    }
}
