package org.myoline.rules;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.myoline.catalogue.DrugResponse;
import org.myoline.engine.rules.Rule;

@Schema(name = "ClinicalRules", requiredProperties = {"version", "name", "contentHash", "defaultDefinition", "overlays",
        "rules", "catalogueVersion", "drugs"},
        description = "The clinical rules and drug catalogue this deployment applies, with their sources")
public record RulesResponse(
        @Schema(description = "The rulesVersion every answer carries", example = "2026.12.1/3f9a2c1d0b7e", maxLength = 40)
        String version,
        @Schema(description = "The rules file version and the names of any overlays", example = "2026.12.1", maxLength = 40)
        String name,
        @Schema(description = "SHA-256 of the effective rules and catalogue", example = "3f9a2c1d0b7e…", maxLength = 64)
        String contentHash,
        @Schema(description = "The refractoriness definition that gives an assessment's status", example = "RIM",
                maxLength = 40) String defaultDefinition,
        @Schema(description = "Local overlay files in force", maxItems = 2) List<OverlayResponse> overlays,
        @Schema(description = "Every rule, in the order the engine reports them", maxItems = 200) List<RuleResponse> rules,
        @Schema(description = "Version of the built-in drug catalogue", example = "2026.12.1", maxLength = 40)
        String catalogueVersion,
        @Schema(description = "The effective drug catalogue, adequate trials included", maxItems = 500)
        List<DrugResponse> drugs) {

    @Schema(name = "RulesOverlay", requiredProperties = {"kind", "name", "file"}, description = "An overlay file in force")
    public record OverlayResponse(
            @Schema(description = "What it changes", enumeration = {"RULES", "CATALOGUE"}, example = "RULES") String kind,
            @Schema(description = "Its name, part of the version", example = "st-olav", maxLength = 40) String name,
            @Schema(description = "Where it was read from", example = "/etc/myoline/rules-overlay.json", maxLength = 500)
            String file) {
    }

    @Schema(name = "ClinicalRule", requiredProperties = {"rule", "title", "description", "params", "source", "evidence"},
            description = "One clinical rule")
    public record RuleResponse(
            @Schema(description = "Rule id, as in criteria", example = "GC-RESISTANT", maxLength = 64) String rule,
            @Schema(description = "Short title", example = "Glucocorticoid resistance", maxLength = 200) String title,
            @Schema(description = "What it decides", maxLength = 2000) String description,
            @Schema(description = "Parameters: numbers, text, lists and maps, as in the rules file", type = SchemaType.OBJECT)
            Map<String, Object> params,
            @Schema(description = "Literature and docs/clinical-evidence.md section", maxLength = 500) String source,
            @Schema(description = "Evidence tag: V verified, S secondary source, U unverified design default",
                    enumeration = {"V", "S", "U"}, example = "U") String evidence,
            @Schema(description = "For rules that define refractoriness: the definition's name in variants",
                    example = "STRICT", maxLength = 40) String definition) {

        static RuleResponse of(Rule r) {
            return new RuleResponse(r.id(), r.title(), r.description(), r.params(), r.source(), r.evidence(),
                    r.refractoryDefinition() == null ? null : r.refractoryDefinition().name());
        }
    }

    static RulesResponse of(ClinicalKnowledge k) {
        return new RulesResponse(k.version(), k.name(), k.contentHash(), k.rules().defaultDefinition(),
                k.overlays().stream().map(o -> new OverlayResponse(o.kind(), o.name(), o.file())).toList(),
                k.rules().all().stream().map(RuleResponse::of).toList(), k.catalogue().version(),
                k.catalogue().all().stream().map(DrugResponse::of).toList());
    }
}
