package org.myoline.catalogue;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Drug", requiredProperties = {"code", "name", "drugClass", "role", "track", "atc", "persistenceDays", "withdrawn"}, description = "An agent of the drug catalogue",
        example = """
                {"code":"methotrexate","name":"Methotrexate","drugClass":"CSDMARD","tier":2,"role":"DISEASE_MODIFYING",\
                "track":"MYOSITIS","atc":[{"code":"L04AX03","evidence":"V"},{"code":"L01BA01","evidence":"V"}],\
                "rxnormIngredient":{"code":"6851","evidence":"V"},"persistenceDays":30,"withdrawn":false,\
                "adequateTrial":{"minDose":15,"unit":"mg/wk","juvenileMinDose":15,"juvenileUnit":"mg/m2/wk","minDays":84,\
                "source":"Oldroyd 2022, Rheumatology, PMID 35355064","evidence":"U"}}""")
public record DrugResponse(
        @Schema(description = "Catalogue code used in episodes", example = "methotrexate", maxLength = 64) String code,
        @Schema(description = "Display name", example = "Methotrexate", maxLength = 200) String name,
        @Schema(description = "Pharmacological class", example = "CSDMARD") Drug.DrugClass drugClass,
        @Schema(description = "Escalation tier 0–6 (docs/clinical-evidence.md §6.1); absent for the calcinosis track", example = "2",
                minimum = "0", maximum = "6") Integer tier,
        @Schema(description = "BACKGROUND agents never start a line of therapy on their own", example = "DISEASE_MODIFYING")
        Drug.Role role,
        @Schema(description = "Treatment track", example = "MYOSITIS") Drug.Track track,
        @Schema(description = "ATC codes, with the evidence tag of each (V verified, S secondary, U unverified)",
                maxItems = 10) List<CodingResponse> atc,
        @Schema(description = "RxNorm ingredient (IN) RxCUI, where known") CodingResponse rxnormIngredient,
        @Schema(description = "Days an era of this drug persists after its last dose (docs/clinical-evidence.md §5)", example = "30",
                minimum = "0") int persistenceDays,
        @Schema(description = "Withdrawn from the market: kept for history, never suggested", example = "false")
        boolean withdrawn,
        @Schema(description = "Prednisone-equivalent factor for glucocorticoids", example = "1.0")
        Double prednisoneEquivalence,
        @Schema(description = "Remarks", maxLength = 500) String note,
        @Schema(description = "What an adequate trial of the drug is before its failure counts; absent where only the "
                + "default duration applies") AdequateTrialResponse adequateTrial,
        @Schema(description = "False for agents the tier ladder never lists on its own: only a rule for a particular "
                + "situation proposes them (plasma exchange for anti-MDA5 lung disease, say)", example = "true")
        boolean onLadder) {

    @Schema(name = "AdequateTrial", requiredProperties = {"minDays", "source", "evidence"},
            description = "Minimum dose (adult, juvenile), duration and courses of an adequate trial, with its source")
    public record AdequateTrialResponse(
            @Schema(description = "Adult minimum dose", example = "15") Double minDose,
            @Schema(description = "Unit of the adult minimum dose", example = "mg/wk", maxLength = 20) String unit,
            @Schema(description = "Juvenile minimum dose; where absent, adult doses are never applied to a child",
                    example = "15") Double juvenileMinDose,
            @Schema(description = "Unit of the juvenile minimum dose", example = "mg/m2/wk", maxLength = 20) String juvenileUnit,
            @Schema(description = "Minimum days on the drug", example = "84", minimum = "0") int minDays,
            @Schema(description = "Minimum courses, for course-based drugs", example = "3") Integer minCourses,
            @Schema(description = "Literature and docs/clinical-evidence.md section", maxLength = 500) String source,
            @Schema(description = "Evidence tag: V verified, S secondary source, U unverified", enumeration = {"V", "S", "U"},
                    example = "U") String evidence,
            @Schema(description = "A child's adequate dose by body weight band, where known", maxItems = 10)
            List<WeightBandResponse> juvenileBands) {
    }

    @Schema(name = "WeightBand", requiredProperties = {"minKg", "minDose", "unit"},
            description = "A child's adequate dose from minKg (inclusive) to maxKg (exclusive)")
    public record WeightBandResponse(
            @Schema(description = "From this weight", example = "40") double minKg,
            @Schema(description = "Up to this weight; absent = no limit", example = "60") Double maxKg,
            @Schema(description = "Minimum dose", example = "10") double minDose,
            @Schema(description = "Its unit", example = "mg/d", maxLength = 20) String unit) {
    }

    @Schema(name = "DrugCoding", requiredProperties = {"code", "evidence"}, description = "A code with its evidence tag")
    public record CodingResponse(
            @Schema(description = "The code: an ATC code (L04AX03) or an RxNorm RxCUI (6851), as the field says",
                    maxLength = 32) String code,
            @Schema(description = "Evidence tag (docs/clinical-evidence.md): V verified, S secondary source, U unverified",
                    enumeration = {"V", "S", "U"}, example = "V") String evidence,
            @Schema(description = "Remark", maxLength = 200) String note) {
    }

    public static DrugResponse of(Drug d) {
        return new DrugResponse(d.code(), d.name(), d.drugClass(), d.tier(), d.role(), d.track(),
                d.atc().stream().map(DrugResponse::coding).toList(),
                d.rxnormIngredient() == null ? null : coding(d.rxnormIngredient()),
                d.persistenceDays(), d.withdrawn(), d.prednisoneEquivalence(), d.note(), trial(d.adequateTrial()), d.onLadder());
    }

    private static AdequateTrialResponse trial(Drug.Trial t) {
        return t == null ? null : new AdequateTrialResponse(t.minDose(), t.unit(), t.juvenileMinDose(), t.juvenileUnit(),
                t.minDays(), t.minCourses(), t.source(), t.evidence(), t.juvenileBands().isEmpty() ? null
                        : t.juvenileBands().stream().map(b -> new WeightBandResponse(b.minKg(), b.maxKg(), b.minDose(), b.unit()))
                                .toList());
    }

    private static CodingResponse coding(Drug.Coding c) {
        return new CodingResponse(c.code(), c.evidence(), c.note());
    }
}
