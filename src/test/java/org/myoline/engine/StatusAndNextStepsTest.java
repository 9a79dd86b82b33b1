package org.myoline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoline.engine.EngineTestSupport.at;
import static org.myoline.engine.HistoryBuilder.adult;
import static org.myoline.engine.model.ResponseCategory.NONE;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.myoline.engine.model.Assessment.RefractoryStatus;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.StopReason;

/** REFRACTORY-RIM, MULTI-REFRACTORY, the strict and skin variants, and the next-step modifiers. */
class StatusAndNextStepsTest {

    private static HistoryBuilder gcResistant() {
        return adult().weight(70).give("prednisone", 60, "mg/d", 0).until(59).response(NONE).done()
                .give("prednisone", 20, "mg/d", 60).done();
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of("nothing given", adult(), RefractoryStatus.NO_TREATMENT, RefractoryStatus.NO_TREATMENT),
                Arguments.of("topical only", adult().give("topical-tacrolimus", 1, "mg", 0).route(Route.TOPICAL).done(),
                        RefractoryStatus.NO_TREATMENT, RefractoryStatus.NO_TREATMENT),
                Arguments.of("glucocorticoid resistance alone", gcResistant(), RefractoryStatus.GLUCOCORTICOID_RESISTANT,
                        RefractoryStatus.GLUCOCORTICOID_RESISTANT),
                Arguments.of("plus one failed immunosuppressant", gcResistant().give("methotrexate", 20, "mg/wk", 10).until(120).response(NONE).done(),
                        RefractoryStatus.REFRACTORY, RefractoryStatus.GLUCOCORTICOID_RESISTANT),
                Arguments.of("plus one not tolerated", gcResistant().give("methotrexate", 20, "mg/wk", 10).until(20).stop(StopReason.ADVERSE_EVENT).done(),
                        RefractoryStatus.REFRACTORY, RefractoryStatus.GLUCOCORTICOID_RESISTANT),
                Arguments.of("plus two failed immunosuppressants", gcResistant().give("methotrexate", 20, "mg/wk", 10).until(120).response(NONE).done()
                        .give("azathioprine", 150, "mg/d", 121).until(250).response(NONE).done(),
                        RefractoryStatus.MULTI_REFRACTORY, RefractoryStatus.REFRACTORY),
                Arguments.of("plus one immunosuppressant and IVIg failed", gcResistant().give("methotrexate", 20, "mg/wk", 10).until(120).response(NONE).done()
                        .give("ivig", 2, "g/kg", 121).until(200).courses(3).route(Route.IV).response(NONE).done(),
                        RefractoryStatus.MULTI_REFRACTORY, RefractoryStatus.GLUCOCORTICOID_RESISTANT),
                Arguments.of("two immunosuppressants failed but glucocorticoids worked", adult().weight(70).give("prednisone", 20, "mg/d", 0).until(30).done()
                        .give("methotrexate", 20, "mg/wk", 10).until(120).response(NONE).done()
                        .give("azathioprine", 150, "mg/d", 121).until(250).response(NONE).done(),
                        RefractoryStatus.NOT_REFRACTORY, RefractoryStatus.NOT_REFRACTORY),
                Arguments.of("an inadequate trial does not make refractory", gcResistant().give("methotrexate", 20, "mg/wk", 10).until(60).response(NONE).done(),
                        RefractoryStatus.GLUCOCORTICOID_RESISTANT, RefractoryStatus.GLUCOCORTICOID_RESISTANT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void statusByDefinition(String name, HistoryBuilder history, RefractoryStatus rim, RefractoryStatus strict) {
        Assessment a = at(history.build(), 300).assessment();
        assertEquals(rim, a.status(), a.criteria().toString());
        assertEquals(rim, variant(a, "RIM"));
        assertEquals(strict, variant(a, "STRICT"));
    }

    @Test
    void skinRefractoryCountsHydroxychloroquineAndNeedsSkinDisease() {
        HistoryBuilder h = adult().weight(60).give("hydroxychloroquine", 400, "mg/d", 0).until(120).response(NONE).done()
                .give("methotrexate", 20, "mg/wk", 121).until(250).response(NONE).done();
        assertEquals(RefractoryStatus.NOT_REFRACTORY, variant(at(h.build(), 300).assessment(), "SKIN"),
                "no skin involvement recorded");
        h.feature(Feature.SKIN);
        assertEquals(RefractoryStatus.REFRACTORY, variant(at(h.build(), 300).assessment(), "SKIN"));
    }

    @Test
    void withdrawnAndFailedDrugsAreNeverSuggested() {
        Assessment a = at(gcResistant().give("methotrexate", 20, "mg/wk", 10).until(120).response(NONE).done()
                .give("azathioprine", 150, "mg/d", 121).until(130).stop(StopReason.ADVERSE_EVENT).done()
                .give("ivig", 2, "g/kg", 131).until(200).courses(3).route(Route.IV).response(NONE).done()
                .give("rituximab", 1000, "mg", 201).until(320).route(Route.IV).response(NONE).done().build(), 400).assessment();
        assertEquals(RefractoryStatus.MULTI_REFRACTORY, a.status());
        List<String> next = a.nextSteps().stream().map(Assessment.NextStep::drug).toList();
        assertFalse(next.isEmpty());
        for (String never : List.of("efalizumab", "methotrexate", "azathioprine", "ivig", "rituximab")) {
            assertFalse(next.contains(never), never + " in " + next);
        }
        a.nextSteps().stream().filter(s -> s.drug().equals("infliximab")).findFirst()
                .ifPresent(s -> assertTrue(s.cautions().stream().anyMatch(c -> c.contains("rash")), "TNF caution"));
    }

    @Test
    void antiMda5PutsUpFrontCombinationFirstAndWarns() {
        Assessment a = at(adult().feature(Feature.ANTI_MDA5).give("prednisone", 60, "mg/d", 0).done().build(), 10).assessment();
        assertEquals(List.of("tacrolimus", "cyclophosphamide"), a.nextSteps().stream().limit(2).map(Assessment.NextStep::drug).toList());
        assertTrue(a.warnings().stream().anyMatch(w -> w.code().equals("STEP_UP_LADDER_UNSAFE")));
    }

    @Test
    void dysphagiaPutsIvigFirstAndMalignancyFlagsCytotoxics() {
        Assessment a = at(gcResistant().feature(Feature.DYSPHAGIA).feature(Feature.MALIGNANCY)
                .give("methotrexate", 20, "mg/wk", 10).until(120).response(NONE).done().build(), 300).assessment();
        assertEquals("ivig", a.nextSteps().get(0).drug());
        assertTrue(a.warnings().stream().anyMatch(w -> w.code().equals("ONCOLOGY_REVIEW")));
        a.nextSteps().stream().filter(s -> s.drug().equals("cyclophosphamide")).findFirst()
                .ifPresent(s -> assertTrue(s.cautions().stream().anyMatch(c -> c.contains("non-cytotoxic"))));
    }

    @Test
    void everyCriterionNamesItsSourceAndUnverifiedDefaultsSaySo() {
        Assessment a = at(gcResistant().build(), 300).assessment();
        for (Assessment.Criterion c : a.criteria()) {
            assertFalse(c.source().isBlank(), c.rule());
            if (c.source().contains("[U")) {
                assertTrue(c.source().contains("unverified default, configurable"), c.rule());
            }
        }
    }

    private static RefractoryStatus variant(Assessment a, String d) {
        return a.variants().stream().filter(v -> v.definition().equals(d)).findFirst().orElseThrow().status();
    }
}
