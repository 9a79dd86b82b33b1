package org.myoline.clinical;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;

/**
 * Timelines and assessments are answered from a cache keyed by the patient's history version. After every kind
 * of write the API must answer exactly what a fresh evaluation of the stored history says, and an unchanged
 * history must actually be answered from the cache (or this test would prove nothing).
 */
@QuarkusTest
class ClinicalCacheTest implements ApiTest {

    @Inject
    ClinicalService clinical;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @Test
    void everyKindOfWriteIsSeenAtOnce() throws Exception {
        String mrn = TestData.uniqueMrn();
        String patient = TestData.createPatient(TestData.patientJson(mrn));
        String base = "/api/v1/patients/" + patient;
        assertFresh(patient);

        String episode = TestData.createEpisode(patient, TestData.episodeJson("methotrexate", "2024-01-01", null));
        assertFresh(patient);

        String etag = given().when().get(base + "/episodes/" + episode).then().statusCode(200).extract().header("ETag");
        given().contentType(ContentType.JSON).header("If-Match", etag).body("""
                {"drug":"methotrexate","route":"SC","dose":{"value":25,"unit":"mg/wk"},"startDate":"2024-01-01",
                 "endDate":"2024-07-01","response":"NONE","stopReason":"INEFFICACY"}""")
                .when().put(base + "/episodes/" + episode).then().statusCode(200);
        assertFresh(patient);

        String observation = created(base + "/observations", "{\"date\":\"2024-02-01\",\"type\":\"WEIGHT_KG\",\"value\":80}");
        assertFresh(patient);
        String event = created(base + "/events", "{\"date\":\"2024-03-01\",\"type\":\"FLARE\",\"domain\":\"SKIN\"}");
        assertFresh(patient);

        String patientTag = given().when().get(base).then().statusCode(200).extract().header("ETag");
        given().contentType(ContentType.JSON).header("If-Match", patientTag).body(TestData.patientJson(mrn)
                .replace("\"CLASSIC\"", "\"AMYOPATHIC\"")).when().put(base).then().statusCode(200);
        assertFresh(patient);

        remove(base + "/observations/" + observation);
        assertFresh(patient);
        remove(base + "/events/" + event);
        assertFresh(patient);

        String ndjsonStatement = ("{\"resourceType\":\"MedicationStatement\",\"identifier\":[{\"system\":\"urn:test\",\"value\":\"%s\"}],"
                + "\"status\":\"active\",\"subject\":{\"identifier\":{\"system\":\"urn:myoline:mrn\",\"value\":\"%s\"}},"
                + "\"medicationCodeableConcept\":{\"coding\":[{\"system\":\"urn:myoline:fhir:drug\",\"code\":\"azathioprine\"}]},"
                + "\"effectivePeriod\":{\"start\":\"2024-08-01\"},\"dosage\":[{\"route\":{\"text\":\"ORAL\"},\"doseAndRate\":"
                + "[{\"doseQuantity\":{\"value\":150,\"system\":\"http://unitsofmeasure.org\",\"code\":\"mg/d\"}}]}]}\n")
                .formatted(UUID.randomUUID(), mrn);
        given().urlEncodingEnabled(false).header("X-Test-As", "integration").contentType("application/fhir+ndjson")
                .body(ndjsonStatement.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/fhir/$import")
                .then().statusCode(200);
        assertFresh(patient);

        remove(base + "/episodes/" + episode);
        assertFresh(patient);
    }

    /** The API's timeline and assessment equal a fresh evaluation; asking again is answered from the cache. */
    private void assertFresh(String patient) throws Exception {
        UUID id = UUID.fromString(patient);
        ClinicalService.Snapshot fresh = clinical.snapshot(id);
        JsonNode timeline = json.valueToTree(TimelineResponse.of(fresh.evaluation().timeline(), fresh.rulesVersion()));
        JsonNode assessment = json.valueToTree(AssessmentResponse.of(fresh.evaluation().assessment()));
        assertEquals(timeline, read("/api/v1/patients/" + patient + "/timeline"), "timeline after the last write");
        assertEquals(assessment, read("/api/v1/patients/" + patient + "/assessment"), "assessment after the last write");

        double hits = hits();
        assertEquals(timeline, read("/api/v1/patients/" + patient + "/timeline"));
        assertEquals(assessment, read("/api/v1/patients/" + patient + "/assessment"));
        assertTrue(hits() >= hits + 2, "an unchanged history is answered from the cache");
    }

    private double hits() {
        return metrics.find("myoline.clinical.cache").tag("result", "hit").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private JsonNode read(String path) throws Exception {
        return json.readTree(given().when().get(path).then().statusCode(200).extract().asString());
    }

    private static String created(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then().statusCode(201)
                .extract().path("id");
    }

    private static void remove(String path) {
        String etag = given().when().get(path).then().statusCode(200).extract().header("ETag");
        given().header("If-Match", etag).when().delete(path).then().statusCode(204);
    }
}
