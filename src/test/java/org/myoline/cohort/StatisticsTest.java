package org.myoline.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void wilsonIntervalMatchesPublishedValues() {
        // 19/27: Wilson 95% interval 0.515–0.841 (computed independently with the score formula)
        Statistics.Proportion p = Statistics.wilson(19, 27);
        assertEquals(0.7037, p.value(), 1e-4);
        assertEquals(0.5152, p.ci95Low(), 1e-3);
        assertEquals(0.8414, p.ci95High(), 1e-3);
        Statistics.Proportion none = Statistics.wilson(0, 10);
        assertEquals(0.0, none.ci95Low(), 1e-12);
        assertEquals(0.2775, none.ci95High(), 1e-3);
        assertNull(Statistics.wilson(0, 0).value());
    }

    @Test
    void medianAndMean() {
        assertEquals(2.5, Statistics.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertEquals(3.0, Statistics.median(List.of(5.0, 1.0, 3.0)));
        assertEquals(2.5, Statistics.mean(List.of(1.0, 2.0, 3.0, 4.0)));
        assertNull(Statistics.median(List.of()));
    }

    @Test
    void kaplanMeierByHand() {
        // times: 1 event, 2 censored, 3 event, 3 censored, 5 event, 6 censored
        var km = Statistics.kaplanMeier(List.of(new Statistics.Observation(1, true), new Statistics.Observation(2, false),
                new Statistics.Observation(3, true), new Statistics.Observation(3, false),
                new Statistics.Observation(5, true), new Statistics.Observation(6, false)));
        assertEquals(3, km.steps().size());
        assertEquals(5.0 / 6, km.steps().get(0).survival(), 1e-12);
        assertEquals(5.0 / 6 * 3 / 4, km.steps().get(1).survival(), 1e-12);
        assertEquals(4, km.steps().get(1).atRisk());
        assertEquals(5.0 / 6 * 3 / 4 * 1 / 2, km.steps().get(2).survival(), 1e-12);
        assertEquals(5.0, km.medianTime());
    }

    @Test
    void noEventsNoMedian() {
        var km = Statistics.kaplanMeier(List.of(new Statistics.Observation(4, false)));
        assertEquals(0, km.steps().size());
        assertNull(km.medianTime());
    }
}
