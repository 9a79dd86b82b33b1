package org.myoline.clinical;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.myoline.contract.ApiTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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
        ObjectNode patient = fixture.patient().deepCopy();
        patient.put("mrn", patient.path("mrn").asText() + "-" + UUID.randomUUID().toString().substring(0, 8));
        String patientId = post("/api/v1/patients", patient);

        Map<String, String> ids = new HashMap<>();
        for (JsonNode episode : fixture.episodes()) {
            ObjectNode body = episode.deepCopy();
            String key = body.remove("key").asText();
            ids.put(key, post("/api/v1/patients/" + patientId + "/episodes", body));
        }
        for (JsonNode observation : fixture.observations()) {
            post("/api/v1/patients/" + patientId + "/observations", observation);
        }
        for (JsonNode event : fixture.events()) {
            ObjectNode body = event.deepCopy();
            JsonNode key = body.remove("episode");
            if (key != null) {
                body.put("episodeId", ids.get(key.asText()));
            }
            post("/api/v1/patients/" + patientId + "/events", body);
        }

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

    private static String post(String path, JsonNode body) throws Exception {
        return given().contentType(ContentType.JSON).body(JSON.writeValueAsString(body))
                .when().post(path)
                .then().statusCode(201)
                .extract().path("id");
    }

    private static JsonNode get(String path, String asOf) throws Exception {
        String body = given().queryParam("asOf", asOf).when().get(path).then().statusCode(200).extract().asString();
        return JSON.readTree(body);
    }
}
