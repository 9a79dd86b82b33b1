package org.myoline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoline.engine.EngineTestSupport.at;
import static org.myoline.engine.HistoryBuilder.adult;
import static org.myoline.engine.HistoryBuilder.juvenile;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.myoline.engine.model.AssessedResponse;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.ObservationType;

/**
 * The Total Improvement Score computed from two core sets, against worked examples checked by hand with the
 * published weights (Rider 2017, Table 3; docs/clinical-evidence.md §8.1) and the documented default formula:
 * improvement as a percentage of each measure's range, enzymes of their upper limit of normal.
 */
class CoreSetScoringTest {

    /**
     * Adult, MAJOR. Baseline → follow-up: physician global 6 → 3 (30% of 10 cm: >25–40%, 17.5 points); patient
     * global 7 → 5 (20%: >15–25%, 5); MMT-8 120 → 135 of 150 (10%: >2–10%, 10); HAQ 1.5 → 1.2 (10% of 3: >5–15%, 5);
     * CK 1500 → 400 with ULN 200 (550%: >40%, 7.5); extramuscular 5 → 2 (30%: >25–40%, 15). TIS 60: major (≥ 60).
     *
     * Adult, MINIMAL. Physician global 5 → 4 (10%: 7.5); patient global 5 → 5 (0%: 0); MMT-8 130 → 134 (2.7%:
     * >2–10%, 10); HAQ 1 → 1 (0); CK 300 → 280, ULN 200 (10%: 2.5); extramuscular 3 → 3 (0). TIS 20: minimal.
     *
     * Juvenile, MODERATE. CMAS 30 → 40 of 52 (19.2%: >10–20%, 20); physician global 6 → 4 (20%: 15); parent global
     * 6 → 5 (10%: 2.5); CHAQ 1.5 → 1.2 (10%: 5); CK 800 → 600, ULN 200 (100%: 7.5); extramuscular 4 → 3 (10%: 7.5).
     * TIS 57.5: juvenile moderate (≥ 45, < 70).
     */
    static Stream<Arguments> workedExamples() {
        return Stream.of(
                Arguments.of("adult, major", adultSets(new double[] {6, 7, 120, 1.5, 1500, 5}, new double[] {3, 5, 135, 1.2, 400, 2}),
                        60.0, "MAJOR", Map.of("physicianGlobal", 17.5, "patientGlobal", 5.0, "muscleStrength", 10.0,
                                "physicalFunction", 5.0, "muscleEnzymes", 7.5, "extramuscular", 15.0), AssessedResponse.MAJOR),
                Arguments.of("adult, minimal", adultSets(new double[] {5, 5, 130, 1, 300, 3}, new double[] {4, 5, 134, 1, 280, 3}),
                        20.0, "MINIMAL", Map.of("physicianGlobal", 7.5, "patientGlobal", 0.0, "muscleStrength", 10.0,
                                "physicalFunction", 0.0, "muscleEnzymes", 2.5, "extramuscular", 0.0), AssessedResponse.PARTIAL),
                Arguments.of("juvenile, moderate", juvenileSets(), 57.5, "MODERATE", Map.of("physicianGlobal", 15.0,
                        "patientGlobal", 2.5, "muscleStrength", 20.0, "physicalFunction", 5.0, "muscleEnzymes", 7.5,
                        "extramuscular", 7.5), AssessedResponse.PARTIAL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workedExamples")
    void theScoreEqualsTheWorkedExample(String name, HistoryBuilder history, double tis, String category,
            Map<String, Double> points, AssessedResponse response) {
        Assessment a = at(history.build(), 100).assessment();
        Assessment.Response r = a.responses().stream().filter(x -> x.computed() != null).findFirst().orElseThrow();
        assertEquals(tis, r.computed().totalImprovementScore(), 1e-9);
        assertEquals(category, r.computed().tisCategory());
        assertEquals(points, r.computed().measures().stream()
                .collect(Collectors.toMap(Assessment.MeasureScore::measure, Assessment.MeasureScore::points)));
        assertEquals(response, r.category());
        assertEquals(HistoryBuilder.day(0), r.computed().baselineDate());
        assertTrue(r.computed().formula().contains("unverified default, configurable"), "every score says the formula is U");
    }

    @Test
    void theAdultMajorExampleMeetsTheImacsDefinitionOfImprovement() {
        Assessment.CoreSetScore s = score(adultSets(new double[] {6, 7, 120, 1.5, 1500, 5}, new double[] {3, 5, 135, 1.2, 400, 2}));
        assertTrue(s.imacsImprovement());
        assertFalse(s.deterioration());
    }

    @Test
    void strengthWorseningRulesOutImprovementAndCanMakeDeterioration() {
        // Everything else improves by more than 20%, but MMT-8 falls 120 → 90 (25% worse) and the physician
        // global rises 2 cm: IMACS improvement fails on strength, ProDERM deterioration holds at this visit.
        Assessment.CoreSetScore s = score(adultSets(new double[] {3, 7, 120, 1.5, 1500, 5}, new double[] {5, 4, 90, 1.0, 400, 2}));
        assertFalse(s.imacsImprovement());
        assertTrue(s.deterioration());
        assertFalse(s.confirmedDeterioration(), "one visit is not confirmed");
    }

    @Test
    void withoutAFullCoreSetNothingIsComputed() {
        HistoryBuilder h = adult().give("methotrexate", 20, "mg/wk", 10).done();
        ChartFactsTest.coreSet(h, 0, 6, 7, 120, 1.5, 1500, 5);
        h.observe(ObservationType.PHYSICIAN_GLOBAL, 90, 3).observe(ObservationType.MMT8, 90, 135);
        assertTrue(at(h.build(), 100).assessment().responses().isEmpty());
    }

    private static Assessment.CoreSetScore score(HistoryBuilder h) {
        return at(h.build(), 100).assessment().responses().stream().filter(x -> x.computed() != null).findFirst()
                .orElseThrow().computed();
    }

    /** Methotrexate from day 10, a baseline core set on day 0 and a follow-up on day 90: PGA, PtGA, MMT-8, HAQ, CK, extramuscular. */
    private static HistoryBuilder adultSets(double[] baseline, double[] followUp) {
        HistoryBuilder h = adult().give("methotrexate", 20, "mg/wk", 10).done();
        ChartFactsTest.coreSet(h, 0, baseline[0], baseline[1], baseline[2], baseline[3], baseline[4], baseline[5]);
        ChartFactsTest.coreSet(h, 90, followUp[0], followUp[1], followUp[2], followUp[3], followUp[4], followUp[5]);
        return h;
    }

    private static HistoryBuilder juvenileSets() {
        HistoryBuilder h = juvenile().weight(30).height(130).give("methotrexate", 15, "mg/m2/wk", 10).done();
        int[] days = {0, 90};
        double[][] values = {{6, 6, 30, 1.5, 800, 4}, {4, 5, 40, 1.2, 600, 3}};
        for (int i = 0; i < 2; i++) {
            h.observe(ObservationType.PHYSICIAN_GLOBAL, days[i], values[i][0])
                    .observe(ObservationType.PATIENT_GLOBAL, days[i], values[i][1])
                    .observe(ObservationType.CMAS, days[i], values[i][2]).observe(ObservationType.CHAQ, days[i], values[i][3])
                    .lab(ObservationType.CK_U_PER_L, days[i], values[i][4], 200)
                    .observe(ObservationType.EXTRAMUSCULAR_GLOBAL, days[i], values[i][5]);
        }
        return h;
    }
}
