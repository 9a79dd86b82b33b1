package org.myoline.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.myoline.fixtures.ExpectationChecker;
import org.myoline.fixtures.SeedFixture;
import org.myoline.rules.EngineFactory;

/** The seed histories straight through the pure engine: each expectation at each date. */
class SeedFixtureEngineTest {
    static final ClinicalEngine ENGINE = EngineFactory.createDefault();
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static Stream<Arguments> expectations() {
        List<Arguments> cases = new ArrayList<>();
        for (SeedFixture fixture : SeedFixture.all()) {
            for (JsonNode expectation : fixture.expectations()) {
                cases.add(Arguments.of(fixture, expectation.path("asOf").asText(), expectation));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as of {1}")
    @MethodSource("expectations")
    void engineAnswersWhatTheFixtureExpects(SeedFixture fixture, String asOfText, JsonNode expectation) {
        LocalDate asOf = SeedFixture.asOf(expectation);
        ClinicalEngine.Evaluation result = ENGINE.evaluate(fixture.history(), asOf, LocalDate.now());
        JsonNode timeline = JSON.valueToTree(result.timeline());
        JsonNode assessment = JSON.valueToTree(result.assessment());
        List<String> problems = ExpectationChecker.check(expectation, timeline, assessment, ExpectationChecker.identity());
        assertTrue(problems.isEmpty(), fixture + " as of " + asOfText + " (" + expectation.path("why").asText() + "):\n  "
                + String.join("\n  ", problems) + "\nassessment: " + assessment.toPrettyString().substring(0,
                        Math.min(4000, assessment.toPrettyString().length())));
    }
}
