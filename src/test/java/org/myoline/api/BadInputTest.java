package org.myoline.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import org.myoline.contract.ApiTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.myoline.TestData;

/**
 * Every class of bad input answers a problem+json 400 naming the offending field, never a 500, and
 * leaves nothing behind.
 */
@QuarkusTest
class BadInputTest implements ApiTest {

    private static final String PATIENT = """
            {"mrn":"MRN","birthDate":"1960-05-01","sex":"female","subtype":"CLASSIC","diagnosisDate":"2020-01-10"}""";

    static Stream<Arguments> badPatients() {
        return Stream.of(
                Arguments.of("wrong type", PATIENT.replace("}", ",\"weightKg\":\"heavy\"}"), "weightKg"),
                Arguments.of("unknown enum value", PATIENT.replace("female", "F"), "sex"),
                Arguments.of("unknown subtype", PATIENT.replace("CLASSIC", "POLY"), "subtype"),
                Arguments.of("unknown feature", PATIENT.replace("}", ",\"features\":[\"SKIN\",\"LIVER\"]}"), "features[1]"),
                Arguments.of("missing required field", PATIENT.replace("\"sex\":\"female\",", ""), "sex"),
                Arguments.of("mrn with bad characters", PATIENT.replace("\"MRN\"", "\"MRN 1/2\""), "mrn"),
                Arguments.of("mrn too long", PATIENT.replace("\"MRN\"", "\"" + "M".repeat(65) + "\""), "mrn"),
                Arguments.of("empty mrn", PATIENT.replace("\"MRN\"", "\"\""), "mrn"),
                Arguments.of("birth date in the future", PATIENT.replace("1960-05-01", "2999-01-01").replace("2020-01-10", "2999-02-01"), "birthDate"),
                Arguments.of("birth after diagnosis", PATIENT.replace("1960-05-01", "2021-01-01"), "diagnosisDate"),
                Arguments.of("impossible date", PATIENT.replace("1960-05-01", "1960-13-01"), "birthDate"),
                Arguments.of("unknown field", PATIENT.replace("}", ",\"nmae\":\"x\"}"), "nmae"),
                Arguments.of("negative weight", PATIENT.replace("}", ",\"weightKg\":-3}"), "weightKg"),
                Arguments.of("absurd height", PATIENT.replace("}", ",\"heightCm\":900}"), "heightCm"));
    }

    @ParameterizedTest(name = "patient: {0}")
    @MethodSource("badPatients")
    void badPatientIs400NamingTheField(String name, String body, String field) {
        String mrn = TestData.uniqueMrn();
        post("/api/v1/patients", body.replace("\"MRN\"", "\"" + mrn + "\""))
                .body("errors.field", hasItem(field));
        given().queryParam("mrn", mrn).when().get("/api/v1/patients").then().body("totalItems", equalTo(0));
    }

    static Stream<Arguments> badEpisodes() {
        String ok = """
                {"drug":"methotrexate","route":"SC","dose":{"value":15,"unit":"mg/wk"},"startDate":"2021-01-01",\
                "endDate":"2021-06-30","doseChanges":[{"date":"2021-03-01","dose":{"value":20,"unit":"mg/wk"}}]}""";
        return Stream.of(
                Arguments.of("unknown drug", ok.replace("methotrexate", "aspirinx"), "drug"),
                Arguments.of("unsupported unit", ok.replace("\"unit\":\"mg/wk\"},\"startDate", "\"unit\":\"mg/day\"},\"startDate"), "dose.unit"),
                Arguments.of("negative dose", ok.replace("\"value\":15", "\"value\":-15"), "dose.value"),
                Arguments.of("zero dose", ok.replace("\"value\":15", "\"value\":0"), "dose.value"),
                Arguments.of("absurd dose", ok.replace("\"value\":15", "\"value\":1000000"), "dose.value"),
                Arguments.of("dose as text", ok.replace("{\"value\":15,\"unit\":\"mg/wk\"}", "\"15 mg\""), "dose"),
                Arguments.of("end before start", ok.replace("2021-06-30", "2020-12-31").replace("2021-03-01", "2021-01-02"), "endDate"),
                Arguments.of("dose change after the end", ok.replace("2021-03-01", "2021-07-15"), "doseChanges[0].date"),
                Arguments.of("dose change before the start", ok.replace("2021-03-01", "2020-07-15"), "doseChanges[0].date"),
                Arguments.of("dose changes out of order", ok.replace("}]}", "},{\"date\":\"2021-02-01\",\"dose\":{\"value\":10,\"unit\":\"mg/wk\"}}]}"), "doseChanges[1].date"),
                Arguments.of("absurd dose change", ok.replace("\"value\":20", "\"value\":99999"), "doseChanges[0].dose.value"),
                Arguments.of("stop reason while ongoing", ok.replace(",\"endDate\":\"2021-06-30\"", "").replace("}]}", "}],\"stopReason\":\"INEFFICACY\"}"), "stopReason"),
                Arguments.of("unknown response", ok.replace("}]}", "}],\"response\":\"GOOD\"}"), "response"),
                Arguments.of("unknown route", ok.replace("\"SC\"", "\"NASAL\""), "route"),
                Arguments.of("zero courses", ok.replace("}]}", "}],\"courses\":0}"), "courses"),
                Arguments.of("missing start", ok.replace("\"startDate\":\"2021-01-01\",", ""), "startDate"),
                Arguments.of("before birth", ok.replace("2021-01-01", "1950-01-01").replace("2021-03-01", "1950-03-01"), "startDate"),
                Arguments.of("notes too long", ok.replace("}]}", "}],\"notes\":\"" + "x".repeat(4001) + "\"}"), "notes"));
    }

    @ParameterizedTest(name = "episode: {0}")
    @MethodSource("badEpisodes")
    void badEpisodeIs400NamingTheFieldAndWritesNothing(String name, String body, String field) {
        String patient = TestData.createPatient();
        post("/api/v1/patients/" + patient + "/episodes", body).body("errors.field", hasItem(field));
        given().when().get("/api/v1/patients/{id}/episodes", patient).then().statusCode(200).body("size()", equalTo(0));
    }

    @ParameterizedTest(name = "episode replace: {0}")
    @MethodSource("badEpisodes")
    void badReplaceLeavesTheEpisodeUnchanged(String name, String body, String field) {
        String patient = TestData.createPatient();
        String episode = TestData.createEpisode(patient, TestData.episodeJson("azathioprine", "2021-01-01", null));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(body)
                .when().put("/api/v1/patients/{p}/episodes/{e}", patient, episode)
                .then().statusCode(400).body("errors.field", hasItem(field));
        given().when().get("/api/v1/patients/{p}/episodes/{e}", patient, episode)
                .then().body("drug", equalTo("azathioprine")).body("version", equalTo(0));
    }

    @Test
    void malformedJsonIs400MalformedBody() {
        given().contentType(ContentType.JSON).body("{\"mrn\": ")
                .when().post("/api/v1/patients")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:myoline:problem:malformed-body"))
                .body("detail", notNullValue());
    }

    @Test
    void emptyBodyIs400() {
        given().contentType(ContentType.JSON).body("")
                .when().post("/api/v1/patients")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void arrayInsteadOfObjectIs400() {
        given().contentType(ContentType.JSON).body("[1,2]")
                .when().post("/api/v1/patients")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void wrongMediaTypeIs415() {
        given().contentType(ContentType.TEXT).body("hello")
                .when().post("/api/v1/patients")
                .then().statusCode(415).contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    @Test
    void everyWriteEndpointRejectsNonJsonWith415() {
        String patient = TestData.createPatient();
        String episode = TestData.createEpisode(patient, TestData.episodeJson("methotrexate", "2021-01-01", null));
        String[][] writes = {
                {"POST", "/api/v1/patients"}, {"PUT", "/api/v1/patients/" + patient},
                {"POST", "/api/v1/patients/" + patient + "/episodes"},
                {"PUT", "/api/v1/patients/" + patient + "/episodes/" + episode},
                {"POST", "/api/v1/patients/" + patient + "/observations"},
                {"POST", "/api/v1/patients/" + patient + "/events"}};
        for (String[] write : writes) {
            given().contentType(ContentType.TEXT).body("hello").when().request(write[0], write[1])
                    .then().statusCode(415).contentType("application/problem+json");
        }
    }

    @Test
    void replacingAPatientValidatesLikeCreatingOne() {
        String patient = TestData.createPatient();
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(PATIENT.replace("female", "F").replace("\"MRN\"", "\"" + TestData.uniqueMrn() + "\""))
                .when().put("/api/v1/patients/{id}", patient)
                .then().statusCode(400).body("errors.field", hasItem("sex"));
        given().contentType(ContentType.JSON).body(TestData.patientJson(TestData.uniqueMrn()))
                .when().put("/api/v1/patients/{id}", "6d1c3a9e-0000-4000-8000-000000000020")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void subCollectionsOfAnUnknownPatientAre404() {
        String missing = "6d1c3a9e-0000-4000-8000-000000000021";
        for (String collection : new String[] {"episodes", "observations", "events"}) {
            given().when().get("/api/v1/patients/{id}/" + collection, missing).then().statusCode(404);
        }
        given().contentType(ContentType.JSON).body("{\"date\":\"2021-05-01\",\"type\":\"FLARE\",\"domain\":\"SKIN\"}")
                .when().post("/api/v1/patients/{id}/events", missing).then().statusCode(404);
        String patient = TestData.createPatient();
        given().when().get("/api/v1/patients/{p}/observations/{o}", patient, missing).then().statusCode(404);
        given().when().delete("/api/v1/patients/{p}/observations/{o}", patient, missing).then().statusCode(404);
        given().when().get("/api/v1/patients/{p}/events/{e}", patient, missing).then().statusCode(404);
    }

    @Test
    void staleDeletesAre412() {
        String patient = TestData.createPatient();
        String episode = TestData.createEpisode(patient, TestData.episodeJson("methotrexate", "2021-01-01", null));
        given().header("If-Match", "\"4\"").when().delete("/api/v1/patients/{p}/episodes/{e}", patient, episode)
                .then().statusCode(412).contentType("application/problem+json");
        String event = given().contentType(ContentType.JSON).body("{\"date\":\"2021-05-01\",\"type\":\"FLARE\",\"domain\":\"SKIN\"}")
                .when().post("/api/v1/patients/{id}/events", patient).then().statusCode(201).extract().path("id");
        given().header("If-Match", "\"4\"").when().delete("/api/v1/patients/{p}/events/{e}", patient, event).then().statusCode(412);
        given().header("If-Match", "\"0\"").when().delete("/api/v1/patients/{p}/events/{e}", patient, event).then().statusCode(204);
    }

    @Test
    void unknownPathAndMethodAreProblems() {
        given().when().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().when().patch("/api/v1/patients").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void unknownPatientOrEpisodeIs404() {
        String missing = "6d1c3a9e-0000-4000-8000-000000000001";
        given().contentType(ContentType.JSON).body(TestData.episodeJson("methotrexate", "2021-01-01", null))
                .when().post("/api/v1/patients/{id}/episodes", missing)
                .then().statusCode(404).body("type", equalTo("urn:myoline:problem:not-found"));
        given().when().get("/api/v1/patients/{id}/episodes", missing).then().statusCode(404);
        String patient = TestData.createPatient();
        given().when().get("/api/v1/patients/{id}/episodes/{e}", patient, missing).then().statusCode(404);
        given().contentType(ContentType.JSON).body(TestData.episodeJson("methotrexate", "2021-01-01", null))
                .when().put("/api/v1/patients/{id}/episodes/{e}", patient, missing).then().statusCode(404);
        given().when().delete("/api/v1/patients/{id}/episodes/{e}", patient, missing).then().statusCode(404);
    }

    @Test
    void episodeOfAnotherPatientIsNotVisibleThroughThisOne() {
        String owner = TestData.createPatient();
        String other = TestData.createPatient();
        String episode = TestData.createEpisode(owner, TestData.episodeJson("methotrexate", "2021-01-01", null));
        given().when().get("/api/v1/patients/{id}/episodes/{e}", other, episode).then().statusCode(404);
        given().when().delete("/api/v1/patients/{id}/episodes/{e}", other, episode).then().statusCode(404);
        given().when().get("/api/v1/patients/{id}/episodes/{e}", owner, episode).then().statusCode(200);
    }

    @Test
    void allViolationsAreReportedAtOnce() {
        String patient = TestData.createPatient();
        String body = """
                {"drug":"aspirinx","route":"ORAL","dose":{"value":-1,"unit":"mg/day"},"startDate":"2021-01-01"}""";
        var fields = post("/api/v1/patients/" + patient + "/episodes", body)
                .extract().jsonPath().getList("errors.field", String.class);
        assertEquals(java.util.List.of("dose.unit", "dose.value"), fields.stream().sorted().toList(),
                "bean-validation errors come together; catalogue checks follow once the shape is valid");
    }

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post(path)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:myoline:problem:validation"))
                .body("status", equalTo(400))
                .body("title", notNullValue())
                .body("detail", not(equalTo("")));
    }
}
