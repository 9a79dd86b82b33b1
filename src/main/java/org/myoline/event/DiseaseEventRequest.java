package org.myoline.event;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.myoline.engine.model.DiseaseDomain;
import org.myoline.engine.model.EventType;

@Schema(name = "EventInput", description = "A disease event as the client sends it")
public record DiseaseEventRequest(
        @NotNull @Schema(description = "Date of the event", example = "2024-06-10", required = true) LocalDate date,
        @NotNull @Schema(description = "Kind of event: a flare, relapse or remission, or cancer-directed treatment "
                + "(CANCER_SURGERY, CHEMOTHERAPY, RADIOTHERAPY) as context", example = "RELAPSE", required = true) EventType type,
        @Schema(description = "Organ domain; required for flares, relapses and remissions, GLOBAL when absent for "
                + "cancer-directed treatment", example = "SKIN", nullable = true) DiseaseDomain domain,
        @Schema(description = "The treatment episode the event relates to (one of this patient's)", format = "uuid",
                nullable = true, example = "5d7c1c8e-3c1f-4f8a-9a43-2b8f6c0d9e01") UUID episodeId) {
}
