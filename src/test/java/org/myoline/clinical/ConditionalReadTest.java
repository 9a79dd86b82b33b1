package org.myoline.clinical;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.swagger.v3.parser.OpenAPIV3Parser;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;
import org.myoline.contract.OpenApiValidationFilter;

/**
 * The timeline and the assessment are tagged with the patient's history version: a client holding the current
 * tag gets 304 without the history being read or the engine run, and every write to anything the views derive
 * from moves the tag.
 */
@QuarkusTest
class ConditionalReadTest implements ApiTest {

    @Inject
    MeterRegistry metrics;

    @Test
    void aCurrentTagIsAnswered304WithoutRunningTheEngine() {
        String patient = TestData.createPatient();
        TestData.createEpisode(patient, TestData.episodeJson("methotrexate", "2024-01-15", null));
        for (String view : new String[] {"timeline", "assessment"}) {
            Response first = given().when().get("/api/v1/patients/{id}/" + view, patient);
            first.then().statusCode(200);
            String tag = first.header("ETag");
            assertTrue(tag != null && tag.startsWith("W/\""), view + " is tagged: " + tag);
            double evaluations = engineRuns();
            given().header("If-None-Match", tag).when().get("/api/v1/patients/{id}/" + view, patient).then()
                    .statusCode(304).header("ETag", tag);
            given().header("If-None-Match", tag.substring(2)).when().get("/api/v1/patients/{id}/" + view, patient)
                    .then().statusCode(304); // weak comparison: the opaque tag alone matches too
            given().header("If-None-Match", "\"other\", " + tag).when().get("/api/v1/patients/{id}/" + view, patient)
                    .then().statusCode(304);
            given().header("If-None-Match", "*").when().get("/api/v1/patients/{id}/" + view, patient).then().statusCode(304);
            assertEquals(evaluations, engineRuns(), "a 304 does not run the engine");
            given().header("If-None-Match", "\"other\"").when().get("/api/v1/patients/{id}/" + view, patient).then()
                    .statusCode(200).header("ETag", tag);
            String earlier = given().queryParam("asOf", "2024-02-01").when().get("/api/v1/patients/{id}/" + view, patient)
                    .then().statusCode(200).extract().header("ETag");
            assertNotEquals(tag, earlier, "another as-of date is another representation");
            given().header("If-None-Match", tag).queryParam("asOf", "2024-02-01").when()
                    .get("/api/v1/patients/{id}/" + view, patient).then().statusCode(200);
        }
        String timeline = tag(patient, "timeline");
        assertNotEquals(timeline, tag(patient, "assessment"), "the two views are told apart");
        given().header("If-None-Match", "*").when().get("/api/v1/patients/{id}/timeline", java.util.UUID.randomUUID())
                .then().statusCode(404);
    }

    /**
     * Every write the contract offers on a patient's record moves the tag, and nothing else does: the list of
     * writes exercised here must cover every write operation under /api/v1/patients in the contract, so a new
     * one added without its bump fails this test.
     */
    @Test
    void everyWriteToThePatientsRecordMovesTheTag() throws Exception {
        String patient = TestData.createPatient();
        Set<String> exercised = new LinkedHashSet<>();
        String base = "/api/v1/patients/" + patient;
        String tag = tag(patient, "assessment");

        tag = moved(patient, tag, exercised, "replacePatient", given().contentType(ContentType.JSON)
                .header("If-Match", etag(base)).body(TestData.patientJson(TestData.uniqueMrn())).when().put(base));
        tag = moved(patient, tag, exercised, "patchPatient", given().contentType("application/merge-patch+json")
                .header("If-Match", etag(base)).body("{\"weightKg\":61}").when().patch(base));

        Response episode = given().contentType(ContentType.JSON).body(TestData.episodeJson("methotrexate", "2024-01-15", null))
                .when().post(base + "/episodes");
        tag = moved(patient, tag, exercised, "createEpisode", episode);
        String ep = base + "/episodes/" + episode.path("id");
        tag = moved(patient, tag, exercised, "replaceEpisode", given().contentType(ContentType.JSON).header("If-Match", etag(ep))
                .body(TestData.episodeJson("methotrexate", "2024-01-16", null)).when().put(ep));
        tag = moved(patient, tag, exercised, "patchEpisode", given().contentType("application/merge-patch+json")
                .header("If-Match", etag(ep)).body("{\"notes\":\"weekly\"}").when().patch(ep));

        Response assessment = given().contentType(ContentType.JSON)
                .body("{\"date\":\"2024-06-01\",\"category\":\"NONE\",\"instrument\":\"INVESTIGATOR\"}").when().post(ep + "/assessments");
        tag = moved(patient, tag, exercised, "createEpisodeAssessment", assessment);
        String as = ep + "/assessments/" + assessment.path("id");
        tag = moved(patient, tag, exercised, "deleteEpisodeAssessment", given().header("If-Match", etag(as)).when().delete(as));

        tag = createReplaceDelete(patient, tag, exercised, base + "/events", "Event",
                "{\"date\":\"2024-06-10\",\"type\":\"RELAPSE\",\"domain\":\"SKIN\"}", null);
        tag = createReplaceDelete(patient, tag, exercised, base + "/observations", "Observation",
                "{\"date\":\"2024-03-01\",\"type\":\"WEIGHT_KG\",\"value\":64.5}", null);
        tag = createReplaceDelete(patient, tag, exercised, base + "/features", "Feature",
                "{\"feature\":\"DYSPHAGIA\",\"onset\":\"2024-03-04\"}",
                "{\"feature\":\"DYSPHAGIA\",\"onset\":\"2024-03-04\",\"resolved\":\"2024-09-01\"}");
        tag = createReplaceDelete(patient, tag, exercised, base + "/contraindications", "Contraindication",
                "{\"kind\":\"AVOID_GLUCOCORTICOIDS\",\"since\":\"2024-01-15\"}",
                "{\"kind\":\"AVOID_GLUCOCORTICOIDS\",\"since\":\"2024-01-15\",\"until\":\"2025-06-01\"}");

        tag = moved(patient, tag, exercised, "deleteEpisode", given().header("If-Match", etag(ep)).when().delete(ep));

        // A read, and a re-import of the patient's own export (which changes nothing), leave the tag alone.
        given().when().get(base + "/history").then().statusCode(200);
        String export = given().when().get(base + "/fhir").then().statusCode(200).extract().asString();
        given().contentType("application/fhir+json").body(export.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/fhir").then().statusCode(200);
        assertEquals(tag, tag(patient, "assessment"), "reads and an unchanged re-import keep the tag");
        exercised.add("deletePatient"); // the patient and its views are gone: 404, checked in the other test

        Set<String> writes = new TreeSet<>();
        var api = new OpenAPIV3Parser().readContents(Files.readString(OpenApiValidationFilter.CONTRACT), null, null).getOpenAPI();
        api.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/v1/patients/")) {
                item.readOperationsMap().forEach((method, op) -> {
                    if (method != io.swagger.v3.oas.models.PathItem.HttpMethod.GET) {
                        writes.add(op.getOperationId());
                    }
                });
            }
        });
        assertEquals(writes, new TreeSet<>(exercised), "every write operation on a patient's record is checked here");
    }

    private String createReplaceDelete(String patient, String tag, Set<String> exercised, String collection, String name,
            String body, String replacement) {
        Response created = given().contentType(ContentType.JSON).body(body).when().post(collection);
        tag = moved(patient, tag, exercised, "create" + name, created);
        String item = collection + "/" + created.path("id");
        if (replacement != null) {
            tag = moved(patient, tag, exercised, "replace" + name, given().contentType(ContentType.JSON)
                    .header("If-Match", etag(item)).body(replacement).when().put(item));
        }
        return moved(patient, tag, exercised, "delete" + name, given().header("If-Match", etag(item)).when().delete(item));
    }

    private String moved(String patient, String before, Set<String> exercised, String operation, Response write) {
        assertTrue(write.statusCode() / 100 == 2, operation + " succeeded: " + write.statusCode() + " " + write.asString());
        exercised.add(operation);
        String after = tag(patient, "assessment");
        assertNotEquals(before, after, operation + " moves the tag");
        return after;
    }

    private static String tag(String patient, String view) {
        return given().when().get("/api/v1/patients/{id}/" + view, patient).then().statusCode(200).extract().header("ETag");
    }

    private static String etag(String path) {
        return given().when().get(path).then().statusCode(200).extract().header("ETag");
    }

    private double engineRuns() {
        return metrics.find("myoline.engine.evaluation").timers().stream().mapToDouble(t -> t.count()).sum();
    }
}
