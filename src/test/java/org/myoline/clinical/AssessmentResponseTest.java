package org.myoline.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.Assessment.RefractoryStatus;

/** Built-in definitions keep the contract's enum; a deployment's own definitions travel apart. */
class AssessmentResponseTest {

    private static Assessment with(List<Assessment.Variant> variants) {
        return new Assessment(LocalDate.of(2024, 1, 1), false, RefractoryStatus.REFRACTORY, variants, List.of(), List.of(),
                List.of(), List.of(), 2, List.of(), List.of(), "2026.12.1/abc");
    }

    @Test
    void localDefinitionsAreListedApart() {
        AssessmentResponse r = AssessmentResponse.of(with(List.of(
                new Assessment.Variant("RIM", RefractoryStatus.REFRACTORY, "REFRACTORY-RIM", "s"),
                new Assessment.Variant("CARRA", RefractoryStatus.NOT_REFRACTORY, "REFRACTORY-CARRA", "t"))));
        assertEquals(List.of(AssessmentResponse.BuiltInDefinition.RIM), r.variants().stream().map(v -> v.definition()).toList());
        assertEquals("CARRA", r.localVariants().get(0).definition());
        assertEquals(RefractoryStatus.NOT_REFRACTORY, r.localVariants().get(0).status());
    }

    @Test
    void withoutLocalDefinitionsTheFieldIsAbsent() {
        assertNull(AssessmentResponse.of(with(List.of(
                new Assessment.Variant("SKIN", RefractoryStatus.REFRACTORY, "REFRACTORY-SKIN", "s")))).localVariants());
    }
}
