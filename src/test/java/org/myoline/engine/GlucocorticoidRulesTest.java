package org.myoline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoline.engine.EngineTestSupport.at;
import static org.myoline.engine.EngineTestSupport.criterion;
import static org.myoline.engine.HistoryBuilder.adult;
import static org.myoline.engine.HistoryBuilder.juvenile;
import static org.myoline.engine.model.ResponseCategory.NONE;
import static org.myoline.engine.model.ResponseCategory.PARTIAL;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.EventType;
import org.myoline.engine.model.History;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.model.Timeline;

/** GC-RESISTANT, GC-DEPENDENT and GC-INTOLERANT at, below and above their thresholds. */
class GlucocorticoidRulesTest {

    static Stream<Arguments> resistance() {
        return Stream.of(
                Arguments.of("adult 40 mg/d for 28 d, no response", adult().give("prednisone", 40, "mg/d", 0).until(27).response(NONE).done(), true),
                Arguments.of("adult 40 mg/d for 27 d", adult().give("prednisone", 40, "mg/d", 0).until(26).response(NONE).done(), false),
                Arguments.of("adult 39.5 mg/d for 60 d", adult().give("prednisone", 39.5, "mg/d", 0).until(59).response(NONE).done(), false),
                Arguments.of("adult 0.75 mg/kg/d (37.5 mg/d at 50 kg) for 28 d", adult().weight(50).give("prednisone", 37.5, "mg/d", 0).until(27).response(NONE).done(), true),
                Arguments.of("adult 0.74 mg/kg/d at 50 kg", adult().weight(50).give("prednisone", 37, "mg/d", 0).until(59).response(NONE).done(), false),
                Arguments.of("adult 60 mg/d for 60 d with a partial response", adult().give("prednisone", 60, "mg/d", 0).until(59).response(PARTIAL).done(), false),
                Arguments.of("adult 60 mg/d stopped for inefficacy", adult().give("prednisone", 60, "mg/d", 0).until(59).stop(StopReason.INEFFICACY).done(), true),
                Arguments.of("oral methylprednisolone 32 mg/d = 40 mg/d prednisone-equivalent", adult().give("methylprednisolone", 32, "mg/d", 0).until(27).response(NONE).done(), true),
                Arguments.of("oral methylprednisolone 31 mg/d = 38.75 equivalent", adult().give("methylprednisolone", 31, "mg/d", 0).until(27).response(NONE).done(), false),
                Arguments.of("IV pulses never count", adult().give("methylprednisolone", 1000, "mg/d", 0).until(2).route(Route.IV).response(NONE).done(), false),
                Arguments.of("juvenile 1 mg/kg/d at 20 kg for 28 d", juvenile().weight(20).give("prednisolone", 1, "mg/kg/d", 0).until(27).response(NONE).done(), true),
                Arguments.of("juvenile 0.9 mg/kg/d at 20 kg", juvenile().weight(20).give("prednisolone", 0.9, "mg/kg/d", 0).until(59).response(NONE).done(), false),
                Arguments.of("juvenile 40 mg/d, weight unknown: only the 60 mg/d cap is known", juvenile().give("prednisolone", 40, "mg/d", 0).until(59).response(NONE).done(), false),
                Arguments.of("juvenile 60 mg/d, weight unknown", juvenile().give("prednisolone", 60, "mg/d", 0).until(59).response(NONE).done(), true),
                Arguments.of("adult threshold never applies to a child: 40 mg/d at 60 kg is 0.67 mg/kg/d", juvenile().weight(60).give("prednisolone", 40, "mg/d", 0).until(59).response(NONE).done(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resistance")
    void resistanceThresholds(String name, HistoryBuilder history, boolean met) {
        Assessment a = at(history.build(), 200).assessment();
        assertEquals(met, criterion(a, "GC-RESISTANT").met(), criterion(a, "GC-RESISTANT").detail());
        if (met) {
            assertEquals(Assessment.RefractoryStatus.GLUCOCORTICOID_RESISTANT, a.status());
        }
    }

    static Stream<Arguments> dependence() {
        return Stream.of(
                Arguments.of("flare at 10 mg/d during a taper from 40", adult().give("prednisone", 40, "mg/d", 0).change(60, 10, "mg/d").response(PARTIAL).done().event(EventType.FLARE, 70), 80, true),
                Arguments.of("flare at 12.5 mg/d during a taper", adult().give("prednisone", 40, "mg/d", 0).change(60, 12.5, "mg/d").response(PARTIAL).done().event(EventType.FLARE, 70), 80, false),
                Arguments.of("flare at 10 mg/d without any taper", adult().give("prednisone", 10, "mg/d", 0).response(PARTIAL).done().event(EventType.FLARE, 70), 80, false),
                Arguments.of("relapse at 5 mg/d during a taper", adult().give("prednisone", 30, "mg/d", 0).change(60, 5, "mg/d").response(PARTIAL).done().event(EventType.RELAPSE, 90), 100, true),
                Arguments.of("still 12.5 mg/d six months after starting", adult().give("prednisone", 40, "mg/d", 0).change(60, 12.5, "mg/d").response(PARTIAL).done(), 250, true),
                Arguments.of("10 mg/d reached by month 6", adult().give("prednisone", 40, "mg/d", 0).change(150, 10, "mg/d").response(PARTIAL).done(), 250, false),
                Arguments.of("not yet six months", adult().give("prednisone", 40, "mg/d", 0).change(60, 12.5, "mg/d").response(PARTIAL).done(), 170, false),
                Arguments.of("no response is resistance, not dependence", adult().give("prednisone", 20, "mg/d", 0).response(NONE).done(), 250, false),
                Arguments.of("juvenile flare at 0.2 mg/kg/d (4 mg/d at 20 kg)", juvenile().weight(20).give("prednisolone", 1, "mg/kg/d", 0).change(60, 0.2, "mg/kg/d").response(PARTIAL).done().event(EventType.FLARE, 70), 80, true),
                Arguments.of("juvenile flare at 0.25 mg/kg/d", juvenile().weight(20).give("prednisolone", 1, "mg/kg/d", 0).change(60, 0.25, "mg/kg/d").response(PARTIAL).done().event(EventType.FLARE, 70), 80, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dependence")
    void dependenceThresholds(String name, HistoryBuilder history, int asOfDay, boolean met) {
        Assessment a = at(history.build(), asOfDay).assessment();
        assertEquals(met, criterion(a, "GC-DEPENDENT").met(), criterion(a, "GC-DEPENDENT").detail());
    }

    @Test
    void intoleranceCountsAsGlucocorticoidFailure() {
        History h = adult().give("prednisone", 20, "mg/d", 0).until(30).stop(StopReason.ADVERSE_EVENT).done()
                .give("methotrexate", 20, "mg/wk", 10).until(120).response(NONE).done().build();
        Assessment a = at(h, 200).assessment();
        assertTrue(criterion(a, "GC-INTOLERANT").met());
        assertEquals(Assessment.RefractoryStatus.REFRACTORY, a.status());
    }

    @Test
    void overlappingTapersAddUpDayByDay() {
        History h = adult().give("prednisolone", 20, "mg/d", 0).until(9).done()
                .give("prednisolone", 10, "mg/d", 5).until(14).done().build();
        Timeline.GlucocorticoidExposure gc = at(h, 30).timeline().glucocorticoid();
        assertEquals(List.of(new Timeline.DoseStep(HistoryBuilder.day(0), HistoryBuilder.day(4), 20),
                new Timeline.DoseStep(HistoryBuilder.day(5), HistoryBuilder.day(9), 30),
                new Timeline.DoseStep(HistoryBuilder.day(10), HistoryBuilder.day(14), 10)), gc.steps());
        assertEquals(5 * 20 + 5 * 30 + 5 * 10, gc.cumulativeMg(), 1e-9);
        assertEquals(0, gc.currentMgPerDay(), 1e-9);
    }

    @Test
    void equivalenceFactorsAndTaperSteps() {
        History h = adult().give("dexamethasone", 6, "mg/d", 0).until(9).done()
                .give("methylprednisolone", 16, "mg/d", 20).change(25, 8, "mg/d").until(29).done().build();
        List<Timeline.DoseStep> steps = at(h, 40).timeline().glucocorticoid().steps();
        assertEquals(40.02, steps.get(0).prednisoneEquivalentMgPerDay(), 1e-9);
        assertEquals(20, steps.get(1).prednisoneEquivalentMgPerDay(), 1e-9);
        assertEquals(10, steps.get(2).prednisoneEquivalentMgPerDay(), 1e-9);
    }

    @Test
    void pulsesAreEventsNotDailyDose() {
        History h = adult().weight(60).give("methylprednisolone", 1000, "mg/d", 0).until(2).route(Route.IV).done()
                .give("methylprednisolone", 100, "mg/d", 10).until(11).route(Route.IV).done()
                .give("methylprednisolone", 30, "mg/kg", 20).until(22).route(Route.IV).done().build();
        Timeline.GlucocorticoidExposure gc = at(h, 40).timeline().glucocorticoid();
        assertEquals(2, gc.pulses().size(), "1000 mg/d and 30 mg/kg are pulses; 100 mg/d IV is daily dose");
        assertEquals(3 * 1000 * 1.25 + 3 * 30 * 60 * 1.25, gc.pulseCumulativeMg(), 1e-6);
        assertEquals(2 * 100 * 1.25, gc.cumulativeMg(), 1e-6);
        assertEquals(HistoryBuilder.day(10), at(h, 40).timeline().lines().get(0).startDate(),
                "pulses never start a line: the daily 100 mg/d course does");
    }

    @Test
    void weightBasedDoseWithoutWeightIsNotEvaluableNotGuessed() {
        History h = adult().give("prednisolone", 1, "mg/kg/d", 0).until(40).response(NONE).done().build();
        ClinicalEngine.Evaluation e = at(h, 60);
        assertTrue(e.timeline().glucocorticoid().steps().isEmpty());
        assertTrue(e.timeline().warnings().stream().anyMatch(w -> w.code().equals("DOSE_NOT_EVALUABLE")));
        assertEquals(Assessment.RefractoryStatus.NOT_REFRACTORY, e.assessment().status());
    }

    @Test
    void datedWeightIsUsedOnTheDoseDate() {
        History h = adult().weight(80).observe(org.myoline.engine.model.ObservationType.WEIGHT_KG, -30, 50)
                .give("prednisolone", 1, "mg/kg/d", 0).until(9).done().build();
        assertEquals(50, at(h, 5).timeline().glucocorticoid().currentMgPerDay(), 1e-9,
                "the observation dated before the dose wins over the patient's current weight");
    }
}
