package org.myoline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoline.engine.EngineTestSupport.at;
import static org.myoline.engine.HistoryBuilder.adult;
import static org.myoline.engine.HistoryBuilder.day;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.Timeline.LineReason;
import org.myoline.engine.model.Timeline;

/** Line-of-therapy rules (docs/clinical-evidence.md §5): regimen window, gaps, switches, background and calcinosis agents. */
class LineRulesTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("MTX on day 28 joins the glucocorticoid's line", adult().give("prednisone", 40, "mg/d", 0).done().give("methotrexate", 15, "mg/wk", 28).done(),
                        List.of(LineReason.FIRST)),
                Arguments.of("MTX on day 29 is added as a new line", adult().give("prednisone", 40, "mg/d", 0).done().give("methotrexate", 15, "mg/wk", 29).done(),
                        List.of(LineReason.FIRST, LineReason.DRUG_ADDED)),
                Arguments.of("AZA after MTX stopped is a switch", adult().give("methotrexate", 15, "mg/wk", 0).until(99).done().give("azathioprine", 100, "mg/d", 100).done(),
                        List.of(LineReason.FIRST, LineReason.SWITCH)),
                Arguments.of("AZA while MTX continues is an addition", adult().give("methotrexate", 15, "mg/wk", 0).done().give("azathioprine", 100, "mg/d", 100).done(),
                        List.of(LineReason.FIRST, LineReason.DRUG_ADDED)),
                Arguments.of("180 days off then a new drug: still a switch", adult().give("methotrexate", 15, "mg/wk", 0).until(99).done().give("azathioprine", 100, "mg/d", 279).done(),
                        List.of(LineReason.FIRST, LineReason.SWITCH)),
                Arguments.of("181 days off: restart after gap", adult().give("methotrexate", 15, "mg/wk", 0).until(99).done().give("azathioprine", 100, "mg/d", 280).done(),
                        List.of(LineReason.FIRST, LineReason.RESTART_AFTER_GAP)),
                Arguments.of("the same drug after 181 days: restart after gap", adult().give("methotrexate", 15, "mg/wk", 0).until(99).done().give("methotrexate", 15, "mg/wk", 280).done(),
                        List.of(LineReason.FIRST, LineReason.RESTART_AFTER_GAP)),
                Arguments.of("route switch PO to SC keeps the line", adult().give("methotrexate", 15, "mg/wk", 0).until(99).done().give("methotrexate", 20, "mg/wk", 100).route(Route.SC).done(),
                        List.of(LineReason.FIRST)),
                Arguments.of("dropping one drug of a combination keeps the line", adult().give("methotrexate", 15, "mg/wk", 0).done().give("azathioprine", 100, "mg/d", 0).until(100).done(),
                        List.of(LineReason.FIRST)),
                Arguments.of("IVIg re-treatment within the gap keeps the line", adult().give("ivig", 2, "g/kg", 0).until(60).courses(3).route(Route.IV).done().give("ivig", 2, "g/kg", 200).until(260).courses(3).route(Route.IV).done(),
                        List.of(LineReason.FIRST)),
                Arguments.of("IVIg re-treatment beyond the gap (coverage + 181 d) restarts", adult().give("ivig", 2, "g/kg", 0).until(60).courses(3).route(Route.IV).done().give("ivig", 2, "g/kg", 60 + 42 + 181).until(300).route(Route.IV).done(),
                        List.of(LineReason.FIRST, LineReason.RESTART_AFTER_GAP)),
                Arguments.of("rituximab cover (270 d) makes a later drug an addition", adult().give("rituximab", 1000, "mg", 0).until(14).route(Route.IV).done().give("mycophenolate", 2000, "mg/d", 200).done(),
                        List.of(LineReason.FIRST, LineReason.DRUG_ADDED)),
                Arguments.of("hydroxychloroquine alone starts no line", adult().give("hydroxychloroquine", 400, "mg/d", 0).done(),
                        List.of()),
                Arguments.of("topical and calcinosis agents start no line", adult().give("topical-corticosteroid", 1, "mg", 0).route(Route.TOPICAL).done().give("sodium-thiosulfate", 25, "g", 10).route(Route.IV).done(),
                        List.of()),
                Arguments.of("a glucocorticoid after the first line never starts one", adult().give("methotrexate", 15, "mg/wk", 0).done().give("prednisone", 40, "mg/d", 100).done(),
                        List.of(LineReason.FIRST)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void lineReasons(String name, HistoryBuilder history, List<LineReason> expected) {
        Timeline t = at(history.build(), 400).timeline();
        assertEquals(expected, t.lines().stream().map(Timeline.Line::reason).toList(), t.lines().toString());
        for (int i = 0; i < t.lines().size(); i++) {
            assertEquals(i + 1, t.lines().get(i).number());
        }
    }

    @Test
    void lineEndsTheDayBeforeTheNextAndTierIsTheRegimensHighest() {
        Timeline t = at(adult().give("prednisone", 40, "mg/d", 0).done()
                .give("methotrexate", 15, "mg/wk", 60).done()
                .give("ivig", 2, "g/kg", 120).until(180).courses(3).route(Route.IV).done().weight(60).build(), 400).timeline();
        assertEquals(3, t.lines().size());
        assertEquals(day(59), t.lines().get(0).endDate());
        assertEquals(1, t.lines().get(0).tier());
        assertEquals(day(119), t.lines().get(1).endDate());
        assertEquals(List.of("methotrexate", "ivig"), t.lines().get(2).drugs());
        assertEquals(4, t.lines().get(2).tier());
        assertEquals(null, t.lines().get(2).endDate(), "methotrexate is still given");
        assertTrue(t.lines().get(2).backgroundDrugs().contains("prednisone"));
    }

    @Test
    void calcinosisAgentsFormTheirOwnTrack() {
        Timeline t = at(adult().give("methotrexate", 15, "mg/wk", 0).done()
                .give("diltiazem", 180, "mg/d", 10).until(100).done()
                .give("diltiazem", 180, "mg/d", 110).until(200).done().build(), 400).timeline();
        assertEquals(1, t.lines().size());
        assertEquals(1, t.calcinosisTrack().size(), "a 10-day pause is inside diltiazem's persistence");
        assertEquals(day(200), t.calcinosisTrack().get(0).endDate());
    }
}
