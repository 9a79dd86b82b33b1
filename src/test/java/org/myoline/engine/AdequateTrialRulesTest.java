package org.myoline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoline.engine.EngineTestSupport.at;
import static org.myoline.engine.HistoryBuilder.adult;
import static org.myoline.engine.HistoryBuilder.juvenile;
import static org.myoline.engine.model.ResponseCategory.MAJOR;
import static org.myoline.engine.model.ResponseCategory.NONE;
import static org.myoline.engine.model.ResponseCategory.PARTIAL;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.EventType;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.StopReason;

/**
 * IS-FAILURE and IS-ADEQUATE-TRIAL: what makes a drug failed, intolerant, inadequately tried, or none of
 * these — at, just below and just above each drug's thresholds.
 */
class AdequateTrialRulesTest {

    enum Verdict { FAILED, INTOLERANT, INADEQUATE, NOTHING }

    static Stream<Arguments> trials() {
        return Stream.of(
                Arguments.of("MTX 15 mg/wk for 84 d, response NONE", adult().give("methotrexate", 15, "mg/wk", 0).until(83).response(NONE).done(), Verdict.FAILED, "duration"),
                Arguments.of("MTX 15 mg/wk for 83 d", adult().give("methotrexate", 15, "mg/wk", 0).until(82).response(NONE).done(), Verdict.INADEQUATE, "duration 83 d < 84 d"),
                Arguments.of("MTX 12.5 mg/wk for 120 d", adult().give("methotrexate", 12.5, "mg/wk", 0).until(119).response(NONE).done(), Verdict.INADEQUATE, "dose 12.5 mg/wk < 15 mg/wk"),
                Arguments.of("MTX raised to 15 mg/wk counts the highest dose", adult().give("methotrexate", 10, "mg/wk", 0).change(30, 15, "mg/wk").until(119).stop(StopReason.INEFFICACY).done(), Verdict.FAILED, ""),
                Arguments.of("MTX stopped at day 10 for an adverse event", adult().give("methotrexate", 7.5, "mg/wk", 0).until(9).stop(StopReason.ADVERSE_EVENT).done(), Verdict.INTOLERANT, ""),
                Arguments.of("MTX stopped for remission", adult().give("methotrexate", 15, "mg/wk", 0).until(200).stop(StopReason.REMISSION).response(MAJOR).done(), Verdict.NOTHING, ""),
                Arguments.of("MTX stopped by patient choice", adult().give("methotrexate", 15, "mg/wk", 0).until(20).stop(StopReason.PATIENT_CHOICE).done(), Verdict.NOTHING, ""),
                Arguments.of("juvenile MTX 15 mg/m²/wk rounded to 15.6 mg/wk at 1.04 m²", juvenile().weight(30).height(130).give("methotrexate", 15.6, "mg/wk", 0).until(99).response(NONE).done(), Verdict.FAILED, ""),
                Arguments.of("juvenile MTX 14 mg/wk at 1.04 m² (13.5 mg/m²/wk, beyond the 5% rounding tolerance)", juvenile().weight(30).height(130).give("methotrexate", 14, "mg/wk", 0).until(99).response(NONE).done(), Verdict.INADEQUATE, "dose"),
                Arguments.of("MTX 14.3 mg/wk is within the 5% rounding tolerance of 15", adult().give("methotrexate", 14.3, "mg/wk", 0).until(99).response(NONE).done(), Verdict.FAILED, ""),
                Arguments.of("MTX 14.2 mg/wk is beyond it", adult().give("methotrexate", 14.2, "mg/wk", 0).until(99).response(NONE).done(), Verdict.INADEQUATE, "dose"),
                Arguments.of("juvenile MTX 10 mg/wk at 1.04 m²", juvenile().weight(30).height(130).give("methotrexate", 10, "mg/wk", 0).until(99).response(NONE).done(), Verdict.INADEQUATE, "dose"),
                Arguments.of("juvenile MTX without height: not evaluable", juvenile().weight(30).give("methotrexate", 15, "mg/wk", 0).until(99).response(NONE).done(), Verdict.INADEQUATE, "could not be evaluated"),
                Arguments.of("AZA 140 mg/d at 70 kg (2 mg/kg/d)", adult().weight(70).give("azathioprine", 140, "mg/d", 0).until(99).response(NONE).done(), Verdict.FAILED, ""),
                Arguments.of("AZA 130 mg/d at 70 kg", adult().weight(70).give("azathioprine", 130, "mg/d", 0).until(99).response(NONE).done(), Verdict.INADEQUATE, "dose"),
                Arguments.of("AZA without weight", adult().give("azathioprine", 150, "mg/d", 0).until(99).response(NONE).done(), Verdict.INADEQUATE, "could not be evaluated"),
                Arguments.of("MMF 2 g/d for 84 d", adult().give("mycophenolate", 2000, "mg/d", 0).until(83).response(NONE).done(), Verdict.FAILED, ""),
                Arguments.of("MMF 1.5 g/d", adult().give("mycophenolate", 1500, "mg/d", 0).until(99).response(NONE).done(), Verdict.INADEQUATE, "dose"),
                Arguments.of("IVIg 2 g/kg × 3 courses", adult().weight(60).give("ivig", 2, "g/kg", 0).until(60).courses(3).route(Route.IV).response(NONE).done(), Verdict.FAILED, ""),
                Arguments.of("IVIg 2 g/kg × 2 courses", adult().weight(60).give("ivig", 2, "g/kg", 0).until(30).courses(2).route(Route.IV).response(NONE).done(), Verdict.INADEQUATE, "2 courses < 3"),
                Arguments.of("IVIg 120 g per course at 60 kg (2 g/kg)", adult().weight(60).give("ivig", 120, "g", 0).until(60).courses(3).route(Route.IV).response(NONE).done(), Verdict.FAILED, ""),
                Arguments.of("IVIg 0.4 g/kg/d over 5 days, 3 courses", adult().weight(60).give("ivig", 0.4, "g/kg/d", 0).until(70).courses(3).schedule(28, null, 5, null).route(Route.IV).response(NONE).done(), Verdict.FAILED, ""),
                Arguments.of("IVIg 0.3 g/kg/d over 5 days (1.5 g/kg a course)", adult().weight(60).give("ivig", 0.3, "g/kg/d", 0).until(70).courses(3).schedule(28, null, 5, null).route(Route.IV).response(NONE).done(), Verdict.INADEQUATE, "dose 1.5 g/kg < 2 g/kg"),
                Arguments.of("cyclophosphamide 0.5 g/m² × 3 pulses", adult().give("cyclophosphamide", 0.5, "g/m2", 0).until(60).courses(3).route(Route.IV).response(NONE).done(), Verdict.FAILED, ""),
                Arguments.of("plasma exchange, 5 sessions", adult().give("plasma-exchange", 1, "{session}", 0).until(10).courses(5).route(Route.IV).response(NONE).done(), Verdict.FAILED, ""),
                Arguments.of("plasma exchange, 3 sessions", adult().give("plasma-exchange", 1, "{session}", 0).until(6).courses(3).route(Route.IV).response(NONE).done(), Verdict.INADEQUATE, "3 courses < 5"),
                Arguments.of("cyclophosphamide × 3 pulses", adult().give("cyclophosphamide", 750, "mg/m2", 0).until(60).courses(3).route(Route.IV).response(NONE).done(), Verdict.FAILED, ""),
                Arguments.of("rituximab judged at 16 weeks", adult().give("rituximab", 1000, "mg", 0).until(111).route(Route.IV).response(NONE).done(), Verdict.FAILED, ""),
                Arguments.of("rituximab judged at 15 weeks", adult().give("rituximab", 1000, "mg", 0).until(104).route(Route.IV).response(NONE).done(), Verdict.INADEQUATE, "duration"),
                Arguments.of("partial response then a drug added: inadequate response", adult().give("methotrexate", 20, "mg/wk", 0).response(PARTIAL).done().give("azathioprine", 150, "mg/d", 100).done().weight(70), Verdict.FAILED, ""),
                Arguments.of("partial response, nothing added", adult().give("methotrexate", 20, "mg/wk", 0).until(150).response(PARTIAL).done(), Verdict.NOTHING, ""),
                Arguments.of("flare on therapy after an adequate duration", adult().give("methotrexate", 20, "mg/wk", 0).done().event(EventType.FLARE, 100), Verdict.FAILED, ""),
                Arguments.of("flare before an adequate duration", adult().give("methotrexate", 20, "mg/wk", 0).done().event(EventType.FLARE, 30), Verdict.NOTHING, ""),
                Arguments.of("relapse after a major response is not failure", adult().give("methotrexate", 20, "mg/wk", 0).response(MAJOR).done().event(EventType.RELAPSE, 150), Verdict.NOTHING, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trials")
    void trialVerdict(String name, HistoryBuilder history, Verdict expected, String detail) {
        Assessment a = at(history.build(), 200).assessment();
        Verdict actual = !a.failedDrugs().isEmpty() ? Verdict.FAILED : !a.intolerances().isEmpty() ? Verdict.INTOLERANT
                : !a.inadequateTrials().isEmpty() ? Verdict.INADEQUATE : Verdict.NOTHING;
        assertEquals(expected, actual, a.failedDrugs() + " / " + a.intolerances() + " / " + a.inadequateTrials());
        if (expected == Verdict.INADEQUATE) {
            String missing = String.join("; ", a.inadequateTrials().get(0).missing());
            assertTrue(missing.contains(detail), "missing should say '" + detail + "': " + missing);
        }
    }
}
