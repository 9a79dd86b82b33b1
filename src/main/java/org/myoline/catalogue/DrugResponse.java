package org.myoline.catalogue;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Drug", requiredProperties = {"code", "name", "drugClass", "role", "track", "atc", "persistenceDays", "withdrawn"}, description = "An agent of the drug catalogue")
public record DrugResponse(
        @Schema(description = "Catalogue code used in episodes", example = "methotrexate", maxLength = 64) String code,
        @Schema(description = "Display name", example = "Methotrexate", maxLength = 200) String name,
        @Schema(description = "Pharmacological class", example = "CSDMARD") Drug.DrugClass drugClass,
        @Schema(description = "Escalation tier 0–6 (domain.md §2.5); absent for the calcinosis track", example = "2",
                minimum = "0", maximum = "6") Integer tier,
        @Schema(description = "BACKGROUND agents never start a line of therapy on their own", example = "DISEASE_MODIFYING")
        Drug.Role role,
        @Schema(description = "Treatment track", example = "MYOSITIS") Drug.Track track,
        @Schema(description = "ATC codes, with the evidence tag of each (V verified, S secondary, U unverified)",
                maxItems = 10) List<CodingResponse> atc,
        @Schema(description = "RxNorm ingredient (IN) RxCUI, where known") CodingResponse rxnormIngredient,
        @Schema(description = "Days an era of this drug persists after its last dose (domain.md §5.4)", example = "30",
                minimum = "0") int persistenceDays,
        @Schema(description = "Withdrawn from the market: kept for history, never suggested", example = "false")
        boolean withdrawn,
        @Schema(description = "Prednisone-equivalent factor for glucocorticoids", example = "1.0")
        Double prednisoneEquivalence,
        @Schema(description = "Remarks", maxLength = 500) String note) {

    @Schema(name = "DrugCoding", requiredProperties = {"code", "evidence"}, description = "A code with its evidence tag")
    public record CodingResponse(
            @Schema(description = "The code", example = "L04AX03", maxLength = 32) String code,
            @Schema(description = "Evidence tag from domain.md: V verified, S secondary source, U unverified",
                    enumeration = {"V", "S", "U"}, example = "V") String evidence,
            @Schema(description = "Remark", maxLength = 200) String note) {
    }

    static DrugResponse of(Drug d) {
        return new DrugResponse(d.code(), d.name(), d.drugClass(), d.tier(), d.role(), d.track(),
                d.atc().stream().map(DrugResponse::coding).toList(),
                d.rxnormIngredient() == null ? null : coding(d.rxnormIngredient()),
                d.persistenceDays(), d.withdrawn(), d.prednisoneEquivalence(), d.note());
    }

    private static CodingResponse coding(Drug.Coding c) {
        return new CodingResponse(c.code(), c.evidence(), c.note());
    }
}
