package org.myoline.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;
import org.myoline.contract.DefaultTokenFilter;

/** Every successful create, update and delete leaves exactly one audit row; failed writes leave none. */
@QuarkusTest
class AuditTrailTest implements ApiTest {

    @Test
    void createUpdateDeleteAreRecordedWithWhoWhenWhatAndRequestId() {
        String mrn = TestData.uniqueMrn();
        String patient = given().header("X-Request-Id", "req-create-1").contentType(ContentType.JSON)
                .body(TestData.patientJson(mrn)).when().post("/api/v1/patients")
                .then().statusCode(201).header("X-Request-Id", "req-create-1").extract().path("id");
        String episode = TestData.createEpisode(patient, TestData.episodeJson("methotrexate", "2021-01-01", null));
        given().header(DefaultTokenFilter.AS, "integration").header("If-Match", "\"0\"").header("X-Request-Id", "req-upd-2")
                .contentType(ContentType.JSON).body(TestData.episodeJson("azathioprine", "2021-01-01", "2021-06-30"))
                .when().put("/api/v1/patients/{p}/episodes/{e}", patient, episode).then().statusCode(200);
        given().header("If-Match", "\"1\"").when().delete("/api/v1/patients/{p}/episodes/{e}", patient, episode)
                .then().statusCode(204);

        JsonPath history = given().when().get("/api/v1/patients/{p}/history", patient)
                .then().statusCode(200)
                .body("items.action", contains("CREATE", "CREATE", "UPDATE", "DELETE"))
                .body("items.resourceType", contains("Patient", "Episode", "Episode", "Episode"))
                .body("items.actor", contains("test-clinician", "test-clinician", "test-integration", "test-clinician"))
                .body("items[0].requestId", equalTo("req-create-1"))
                .body("items[0].before", nullValue())
                .body("items[0].after.mrn", equalTo(mrn))
                .body("items[2].requestId", equalTo("req-upd-2"))
                .body("items[2].before.drug", equalTo("methotrexate"))
                .body("items[2].after.drug", equalTo("azathioprine"))
                .body("items[2].after.endDate", equalTo("2021-06-30"))
                .body("items[3].before.drug", equalTo("azathioprine"))
                .body("items[3].after", nullValue())
                .body("totalItems", equalTo(4))
                .extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(episode, history.getString("items[1].resourceId"));
    }

    @Test
    void doseChangesAndFeaturesAreInTheBeforeAndAfterState() {
        String patient = TestData.createPatient();
        String episode = TestData.createEpisode(patient, """
                {"drug":"prednisolone","route":"ORAL","dose":{"value":60,"unit":"mg/d"},"startDate":"2021-01-01",
                 "doseChanges":[{"date":"2021-02-01","dose":{"value":40,"unit":"mg/d"}}]}""");
        given().header("If-Match", "\"0\"").contentType(ContentType.JSON).body("""
                {"drug":"prednisolone","route":"ORAL","dose":{"value":60,"unit":"mg/d"},"startDate":"2021-01-01",
                 "doseChanges":[{"date":"2021-02-01","dose":{"value":40,"unit":"mg/d"}},
                                {"date":"2021-03-01","dose":{"value":20,"unit":"mg/d"}}]}""")
                .when().put("/api/v1/patients/{p}/episodes/{e}", patient, episode).then().statusCode(200);
        given().when().get("/api/v1/patients/{p}/history", patient)
                .then().statusCode(200)
                .body("items[2].before.doseChanges", hasSize(1))
                .body("items[2].after.doseChanges", hasSize(2))
                .body("items[2].after.doseChanges[1].date", equalTo("2021-03-01"))
                .body("items[0].after.features", contains("SKIN", "MUSCLE"));
    }

    @Test
    void failedWritesLeaveNoAuditRow() {
        String mrn = TestData.uniqueMrn();
        String patient = TestData.createPatient(TestData.patientJson(mrn));
        String episode = TestData.createEpisode(patient, TestData.episodeJson("methotrexate", "2021-01-01", null));
        // stale version, missing precondition, invalid body, duplicate MRN, forbidden role
        given().header("If-Match", "\"9\"").contentType(ContentType.JSON).body(TestData.episodeJson("azathioprine", "2021-01-01", null))
                .when().put("/api/v1/patients/{p}/episodes/{e}", patient, episode).then().statusCode(412);
        given().contentType(ContentType.JSON).body(TestData.episodeJson("azathioprine", "2021-01-01", null))
                .when().put("/api/v1/patients/{p}/episodes/{e}", patient, episode).then().statusCode(428);
        given().header("If-Match", "\"0\"").contentType(ContentType.JSON).body(TestData.episodeJson("nonsense", "2021-01-01", null))
                .when().put("/api/v1/patients/{p}/episodes/{e}", patient, episode).then().statusCode(400);
        given().contentType(ContentType.JSON).body(TestData.patientJson(mrn)).when().post("/api/v1/patients").then().statusCode(409);
        given().header(DefaultTokenFilter.AS, "viewer").header("If-Match", "\"0\"")
                .when().delete("/api/v1/patients/{p}/episodes/{e}", patient, episode).then().statusCode(403);
        given().when().get("/api/v1/patients/{p}/history", patient)
                .then().statusCode(200).body("items.action", contains("CREATE", "CREATE")).body("totalItems", equalTo(2));
    }

    @Test
    void deletingAPatientRecordsEveryRemovalAndKeepsTheHistory() {
        String patient = TestData.createPatient();
        TestData.createEpisode(patient, TestData.episodeJson("methotrexate", "2021-01-01", null));
        given().contentType(ContentType.JSON).body("{\"date\":\"2021-02-01\",\"type\":\"WEIGHT_KG\",\"value\":60}")
                .when().post("/api/v1/patients/{p}/observations", patient).then().statusCode(201);
        given().header("If-Match", "\"0\"").when().delete("/api/v1/patients/{p}", patient).then().statusCode(204);
        given().when().get("/api/v1/patients/{p}", patient).then().statusCode(404);
        given().when().get("/api/v1/patients/{p}/history", patient)
                .then().statusCode(200)
                .body("items.action", contains("CREATE", "CREATE", "CREATE", "DELETE", "DELETE", "DELETE"))
                .body("items.resourceType", contains("Patient", "Episode", "Observation", "Observation", "Episode", "Patient"))
                .body("items.findAll { it.action == 'DELETE' }.after", everyItem(nullValue()));
    }

    @Test
    void unknownPatientHasNoHistory() {
        given().when().get("/api/v1/patients/{p}/history", "6d1c3a9e-0000-4000-8000-000000000041")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
