package org.myoline.clinical;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.myoline.contract.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.myoline.TestData;
import org.myoline.fixtures.ExpectationChecker;
import org.myoline.fixtures.SeedFixture;

/**
 * Each seed history entered through the HTTP API the way a hospital system would, then the timeline
 * and assessment read back at each of the fixture's dates.
 */
@QuarkusTest
class SeedFixtureHttpTest implements ApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<SeedFixture> fixtures() {
        return SeedFixture.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void seedHistoryThroughTheApi(SeedFixture fixture) throws Exception {
        TestData.EnteredSeed seed = TestData.enter(fixture,
                fixture.patient().path("mrn").asText() + "-" + UUID.randomUUID().toString().substring(0, 8));
        String patientId = seed.patientId();
        Map<String, String> ids = seed.episodeIds();

        List<String> problems = new ArrayList<>();
        for (JsonNode expectation : fixture.expectations()) {
            String asOf = SeedFixture.asOf(expectation).toString();
            JsonNode timeline = get("/api/v1/patients/" + patientId + "/timeline", asOf);
            JsonNode assessment = get("/api/v1/patients/" + patientId + "/assessment", asOf);
            for (String problem : ExpectationChecker.check(expectation, timeline, assessment, ids::get)) {
                problems.add("as of " + asOf + ": " + problem);
            }
        }
        assertTrue(problems.isEmpty(), fixture + ":\n  " + String.join("\n  ", problems));
    }

    private static JsonNode get(String path, String asOf) throws Exception {
        String body = given().queryParam("asOf", asOf).when().get(path).then().statusCode(200).extract().asString();
        return JSON.readTree(body);
    }
}
