package org.myoline.engine;

import java.time.LocalDate;
import org.myoline.clinical.EngineFactory;
import org.myoline.engine.model.History;

/** One engine for all pure tests (it is immutable), and evaluation "as of day n" with that day as today. */
final class EngineTestSupport {
    static final ClinicalEngine ENGINE = EngineFactory.createDefault();

    private EngineTestSupport() {
    }

    static ClinicalEngine.Evaluation at(History history, int day) {
        LocalDate asOf = HistoryBuilder.day(day);
        return ENGINE.evaluate(history, asOf, asOf);
    }

    static Assessment.Criterion criterion(Assessment a, String rule) {
        return a.criteria().stream().filter(c -> c.rule().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("criterion " + rule + " not evaluated"));
    }
}
