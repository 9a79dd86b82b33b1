package org.myoline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoline.engine.EngineTestSupport.at;
import static org.myoline.engine.EngineTestSupport.criterion;
import static org.myoline.engine.HistoryBuilder.adult;
import static org.myoline.engine.model.ResponseCategory.MAJOR;
import static org.myoline.engine.model.ResponseCategory.NONE;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.Assessment.RefractoryStatus;
import org.myoline.engine.model.Assessment.StepAction;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.model.Timeline;

/**
 * The four rule defects a literature panel found, one table each: one drug counted twice towards
 * multi-refractoriness, switches labelled as add-ons, a ladder that drops the glucocorticoid-sparing agent,
 * and sub-therapeutic trials that passed silently.
 */
class RuleDefectsTest {

    private static HistoryBuilder gcResistant() {
        return adult().weight(70).height(170).give("prednisone", 60, "mg/d", 0).until(59).response(NONE).done()
                .give("prednisone", 20, "mg/d", 60).done();
    }

    // ------------------------------------------------------------ 1. MULTI-REFRACTORY needs two distinct drugs

    static Stream<Arguments> multi() {
        return Stream.of(
                Arguments.of("IV cyclophosphamide alone: an immunosuppressant and tier 5, but one drug",
                        gcResistant().give("cyclophosphamide", 750, "mg/m2", 10).until(100).courses(3).route(Route.IV)
                                .response(NONE).done(), RefractoryStatus.REFRACTORY),
                Arguments.of("cyclophosphamide and methotrexate: two drugs",
                        gcResistant().give("methotrexate", 20, "mg/wk", 10).until(120).response(NONE).done()
                                .give("cyclophosphamide", 750, "mg/m2", 121).until(200).courses(3).route(Route.IV)
                                .response(NONE).done(), RefractoryStatus.MULTI_REFRACTORY),
                Arguments.of("methotrexate and IVIg: an immunosuppressant and an advanced drug",
                        gcResistant().give("methotrexate", 20, "mg/wk", 10).until(120).response(NONE).done()
                                .give("ivig", 2, "g/kg", 121).until(200).courses(3).route(Route.IV).response(NONE).done(),
                        RefractoryStatus.MULTI_REFRACTORY),
                Arguments.of("IVIg alone is not even refractory (no immunosuppressant)",
                        gcResistant().give("ivig", 2, "g/kg", 10).until(100).courses(3).route(Route.IV).response(NONE).done(),
                        RefractoryStatus.GLUCOCORTICOID_RESISTANT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multi")
    void multiRefractoryCountsDistinctDrugs(String name, HistoryBuilder history, RefractoryStatus expected) {
        Assessment a = at(history.build(), 300).assessment();
        assertEquals(expected, a.status(), criterion(a, "MULTI-REFRACTORY").detail());
    }

    // ------------------------------------------------------------ 2. a stop for failure ends cover: a switch

    static Stream<Arguments> switches() {
        return Stream.of(
                Arguments.of("rituximab stopped for inefficacy, abatacept 30 days later", StopReason.INEFFICACY,
                        Timeline.LineReason.SWITCH),
                Arguments.of("rituximab stopped for an adverse event, abatacept 30 days later", StopReason.ADVERSE_EVENT,
                        Timeline.LineReason.SWITCH),
                Arguments.of("rituximab course completed, abatacept 30 days later: rituximab still covers",
                        StopReason.COURSE_COMPLETED, Timeline.LineReason.DRUG_ADDED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("switches")
    void aDrugStoppedForFailureIsSwitchedFrom(String name, StopReason stop, Timeline.LineReason expected) {
        Timeline t = at(adult().give("rituximab", 1000, "mg", 0).until(14).courses(1).route(Route.IV).stop(stop)
                .response(stop == StopReason.COURSE_COMPLETED ? null : NONE).done()
                .give("abatacept", 125, "mg/wk", 44).done().build(), 100).timeline();
        Timeline.Line last = t.lines().get(t.lines().size() - 1);
        assertEquals(List.of("abatacept"), last.drugs().stream().filter(d -> d.equals("abatacept")).toList());
        assertEquals(expected, last.reason(), last.reasonDetail());
    }

    // ------------------------------------------------------------ 3. a glucocorticoid-sparing foundation

    static Stream<Arguments> sparing() {
        return Stream.of(
                Arguments.of("resistant, on IVIg, never a csDMARD: methotrexate offered alongside",
                        gcResistant().give("ivig", 2, "g/kg", 30).courses(2).route(Route.IV).done(), "methotrexate"),
                Arguments.of("resistant, rituximab failed, never a csDMARD: methotrexate offered",
                        gcResistant().give("rituximab", 1000, "mg", 10).until(200).route(Route.IV).response(NONE).done(),
                        "methotrexate"),
                Arguments.of("methotrexate not tolerated: the next csDMARD is offered",
                        gcResistant().give("methotrexate", 15, "mg/wk", 5).until(20).stop(StopReason.ADVERSE_EVENT).done()
                                .give("ivig", 2, "g/kg", 30).courses(2).route(Route.IV).done(), "azathioprine"),
                Arguments.of("an adequate methotrexate trial failed: nothing added by this rule",
                        gcResistant().give("methotrexate", 20, "mg/wk", 5).until(120).response(NONE).done()
                                .give("ivig", 2, "g/kg", 130).courses(2).route(Route.IV).done(), null),
                Arguments.of("methotrexate being given: nothing added",
                        gcResistant().give("methotrexate", 20, "mg/wk", 5).done()
                                .give("ivig", 2, "g/kg", 30).courses(2).route(Route.IV).done(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sparing")
    void aPatientWithoutAnAdequateSparingTrialIsOfferedOne(String name, HistoryBuilder history, String offered) {
        Assessment a = at(history.build(), 250).assessment();
        Assessment.Criterion c = criterion(a, "MOD-STEROID-SPARING");
        List<Assessment.NextStep> byRule = a.nextSteps().stream()
                .filter(s -> s.rationale().startsWith("No adequate glucocorticoid-sparing trial")).toList();
        if (offered == null) {
            assertFalse(c.met(), c.detail());
            assertTrue(byRule.isEmpty(), byRule.toString());
        } else {
            assertTrue(c.met(), c.detail());
            assertEquals(List.of(offered), byRule.stream().map(Assessment.NextStep::drug).toList(), a.nextSteps().toString());
        }
    }

    // ------------------------------------------------------------ 4. sub-therapeutic ongoing trials

    static Stream<Arguments> doses() {
        return Stream.of(
                Arguments.of("methotrexate 10 mg/wk ongoing", adult().give("methotrexate", 10, "mg/wk", 0).done(), "15 mg/wk"),
                Arguments.of("methotrexate lowered from 20 to 10 mg/wk", adult().give("methotrexate", 20, "mg/wk", 0)
                        .change(60, 10, "mg/wk").done(), "15 mg/wk"),
                Arguments.of("azathioprine 100 mg/d at 70 kg (1.4 mg/kg/d)", adult().weight(70)
                        .give("azathioprine", 100, "mg/d", 0).done(), "2 mg/kg/d"),
                Arguments.of("methotrexate 15 mg/wk ongoing", adult().give("methotrexate", 15, "mg/wk", 0).done(), null),
                Arguments.of("methotrexate 10 mg/wk after a major response (maintenance)",
                        adult().give("methotrexate", 10, "mg/wk", 0).response(MAJOR).done(), null),
                Arguments.of("methotrexate 10 mg/wk stopped: not ongoing",
                        adult().give("methotrexate", 10, "mg/wk", 0).until(50).stop(StopReason.PATIENT_CHOICE).done(), null),
                Arguments.of("azathioprine without a weight: not evaluable, no step",
                        adult().give("azathioprine", 100, "mg/d", 0).done(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("doses")
    void aSubtherapeuticOngoingTrialGetsAWarningAndADoseStep(String name, HistoryBuilder history, String target) {
        Assessment a = at(history.build(), 100).assessment();
        List<Assessment.NextStep> optimise = a.nextSteps().stream().filter(s -> s.action() == StepAction.OPTIMISE_DOSE)
                .toList();
        boolean warned = a.warnings().stream().anyMatch(w -> w.code().equals("SUBTHERAPEUTIC_DOSE"));
        if (target == null) {
            assertTrue(optimise.isEmpty(), optimise.toString());
            assertFalse(warned);
        } else {
            assertTrue(warned, a.warnings().toString());
            assertEquals(1, optimise.size(), a.nextSteps().toString());
            assertEquals(target, optimise.get(0).targetDose());
            assertEquals(optimise.get(0), a.nextSteps().get(0), "raising the dose comes before escalating");
            assertTrue(optimise.get(0).source().contains("IS-SUBTHERAPEUTIC") || optimise.get(0).source().contains("§4"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("doses")
    void stepsAlwaysCarryAnAction(String name, HistoryBuilder history, String target) {
        for (Assessment.NextStep s : at(history.build(), 100).assessment().nextSteps()) {
            assertTrue(s.action() != null, s.toString());
            if (s.action() != StepAction.OPTIMISE_DOSE && s.action() != StepAction.COMPLETE_TRIAL) {
                assertNull(s.targetDose(), s.toString());
            }
            assertTrue(s.ranking() != null && !s.ranking().isBlank(), "every step says why it stands where it does: " + s);
        }
    }
}
