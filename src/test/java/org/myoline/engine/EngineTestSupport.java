package org.myoline.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.History;
import org.myoline.rules.EngineFactory;
import org.myoline.rules.RulesLoader;

/** One engine for all pure tests (it is immutable), and evaluation "as of day n" with that day as today. */
final class EngineTestSupport {
    static final ClinicalEngine ENGINE = EngineFactory.createDefault();

    private EngineTestSupport() {
    }

    static ClinicalEngine.Evaluation at(History history, int day) {
        return at(ENGINE, history, day);
    }

    /** As of day {@code day}, asked on day {@code today} (what was recorded by then as the chart stands today). */
    static ClinicalEngine.Evaluation at(History history, int day, int today) {
        return ENGINE.evaluate(history, HistoryBuilder.day(day), HistoryBuilder.day(today));
    }

    static ClinicalEngine.Evaluation at(ClinicalEngine engine, History history, int day) {
        LocalDate asOf = HistoryBuilder.day(day);
        return engine.evaluate(history, asOf, asOf);
    }

    /** The engine of the built-in rules changed by a rules overlay (and, if given, a catalogue overlay). */
    static ClinicalEngine withOverlay(String rulesOverlay, String catalogueOverlay) {
        try {
            Optional<Path> rules = rulesOverlay == null ? Optional.empty() : Optional.of(temp(rulesOverlay));
            Optional<Path> catalogue = catalogueOverlay == null ? Optional.empty() : Optional.of(temp(catalogueOverlay));
            return EngineFactory.create(RulesLoader.load(rules, DrugCatalogue.load(catalogue)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temp(String json) throws IOException {
        Path file = Files.createTempFile("myoline-overlay", ".json");
        file.toFile().deleteOnExit();
        return Files.writeString(file, json);
    }

    static Assessment.Criterion criterion(Assessment a, String rule) {
        return a.criteria().stream().filter(c -> c.rule().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("criterion " + rule + " not evaluated"));
    }
}
