package org.myoline.cdshooks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The CDS Hooks 2.0 shapes Myoline speaks (discovery, request, cards), as plain records. */
public final class CdsHooksDtos {
    private CdsHooksDtos() {
    }

    /** CDS Hooks names each call by a UUID (hookInstance). */
    static final String UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    @Schema(name = "CdsServices", requiredProperties = {"services"}, description = "CDS Hooks discovery response")
    public record Services(@Schema(description = "Services offered", maxItems = 10) List<Service> services) {
    }

    @Schema(name = "CdsService", requiredProperties = {"hook", "description", "id"}, description = "One CDS service")
    public record Service(
            @Schema(description = "Hook it answers", example = "patient-view", maxLength = 64) String hook,
            @Schema(description = "Title", example = "Myoline refractoriness", maxLength = 200) String title,
            @Schema(description = "What it does", maxLength = 1000) String description,
            @Schema(description = "Service id (path segment)", example = "myoline-refractoriness", maxLength = 64) String id,
            @Schema(description = "Prefetch templates", type = SchemaType.OBJECT,
                    additionalProperties = org.myoline.api.SchemaTypes.Text.class)
            Map<String, String> prefetch) {
    }

    /** A hook call. Unknown members are ignored, as CDS Hooks asks of services. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "CdsRequest", requiredProperties = {"hook", "hookInstance", "context"}, description = "A CDS Hooks call")
    public record Request(
            @NotNull @Size(max = 64) @Schema(description = "The hook", example = "patient-view", maxLength = 64) String hook,
            @NotNull @Pattern(regexp = UUID_PATTERN, message = "must be a UUID")
            @Schema(description = "Unique id of this call", format = "uuid", example = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea")
            String hookInstance,
            @Schema(description = "The client's FHIR server", maxLength = 2000, example = "https://ehr.example/fhir") String fhirServer,
            @NotNull @Schema(description = "Hook context: userId, patientId, encounterId", type = SchemaType.OBJECT,
                    additionalProperties = Schema.True.class) Map<String, Object> context,
            @Schema(description = "Prefetched FHIR resources by template key; \"patient\" is the Patient resource",
                    type = SchemaType.OBJECT, additionalProperties = Schema.True.class) Map<String, Map<String, Object>> prefetch) {
    }

    @Schema(name = "CdsResponse", requiredProperties = {"cards"}, description = "Cards for the clinician")
    public record Cards(@Schema(description = "Cards; empty when there is nothing to say", maxItems = 10) List<Card> cards) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CdsCard", requiredProperties = {"summary", "indicator", "source"}, description = "One card")
    public record Card(
            @Schema(description = "Card id", format = "uuid", example = "6b9f6b2e-2c59-4c7f-9f43-7b4a2c1d0e11") String uuid,
            @Schema(description = "One line, under 140 characters", maxLength = 140,
                    example = "Multi-refractory (RIM-like). Current tier 5. Next: tofacitinib") String summary,
            @Schema(description = "GitHub-flavoured markdown with the lines of therapy, criteria and next steps",
                    maxLength = 20000) String detail,
            @Schema(description = "info, warning or critical", enumeration = {"info", "warning", "critical"},
                    example = "warning") String indicator,
            @Schema(description = "Where the advice comes from") Source source,
            @Schema(description = "Links", maxItems = 5) List<Link> links) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CdsSource", requiredProperties = {"label"}, description = "Source of a card")
    public record Source(
            @Schema(description = "Label", example = "Myoline rules 2026.11.1 (RIM-like definition)", maxLength = 200) String label,
            @Schema(description = "Topic", maxLength = 200) String topic) {
    }

    @Schema(name = "CdsLink", requiredProperties = {"label", "url", "type"}, description = "A link on a card")
    public record Link(
            @Schema(description = "Label", example = "Lines of therapy (JSON)", maxLength = 200) String label,
            @Schema(description = "URL", format = "uri", maxLength = 2000) String url,
            @Schema(description = "absolute or smart", enumeration = {"absolute", "smart"}, example = "absolute") String type) {
    }
}
