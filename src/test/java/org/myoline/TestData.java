package org.myoline;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.myoline.fixtures.SeedFixture;

/** Builders for request bodies and a few API calls the HTTP tests share. */
public final class TestData {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private TestData() {
    }

    /** An MRN no other test uses, so tests share one database without interfering. */
    public static String uniqueMrn() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8) + "-" + SEQ.incrementAndGet();
    }

    public static String patientJson(String mrn) {
        return """
                {"mrn":"%s","birthDate":"1960-05-01","sex":"female","subtype":"CLASSIC",
                 "diagnosisDate":"2020-01-10","features":["SKIN","MUSCLE"],"weightKg":62.5,"heightCm":160}
                """.formatted(mrn);
    }

    public static String createPatient() {
        return createPatient(patientJson(uniqueMrn()));
    }

    public static String createPatient(String json) {
        return given().contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/patients")
                .then().statusCode(201)
                .extract().path("id");
    }

    public static String episodeJson(String drug, String start, String end) {
        return """
                {"drug":"%s","route":"ORAL","dose":{"value":15,"unit":"mg/wk"},"startDate":"%s"%s}
                """.formatted(drug, start, end == null ? "" : ",\"endDate\":\"" + end + "\"");
    }

    public static String createEpisode(String patientId, String json) {
        return given().contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/patients/{id}/episodes", patientId)
                .then().statusCode(201)
                .extract().path("id");
    }

    /** A seed patient entered through the API, with the ids its episodes got, by fixture key. */
    public record EnteredSeed(String patientId, Map<String, String> episodeIds) {
    }

    /** Enters a seed history the way a hospital system would: patient, episodes, observations, events. */
    public static EnteredSeed enter(SeedFixture fixture, String mrn) {
        ObjectNode patient = fixture.patient().deepCopy();
        patient.put("mrn", mrn);
        String patientId = createPatient(patient.toString());
        Map<String, String> ids = new HashMap<>();
        for (JsonNode episode : fixture.episodes()) {
            ObjectNode body = episode.deepCopy();
            String key = body.remove("key").asText();
            ids.put(key, createEpisode(patientId, body.toString()));
        }
        for (JsonNode observation : fixture.observations()) {
            post("/api/v1/patients/" + patientId + "/observations", observation.toString());
        }
        for (JsonNode event : fixture.events()) {
            ObjectNode body = event.deepCopy();
            JsonNode key = body.remove("episode");
            if (key != null) {
                body.put("episodeId", ids.get(key.asText()));
            }
            post("/api/v1/patients/" + patientId + "/events", body.toString());
        }
        return new EnteredSeed(patientId, ids);
    }

    private static void post(String path, String json) {
        given().contentType(ContentType.JSON).body(json).when().post(path).then().statusCode(201);
    }
}
