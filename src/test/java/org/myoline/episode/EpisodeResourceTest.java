package org.myoline.episode;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.myoline.contract.ApiTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;

@QuarkusTest
class EpisodeResourceTest implements ApiTest {

    private static final String TAPER = """
            {"drug":"prednisolone","route":"ORAL","dose":{"value":60,"unit":"mg/d"},"startDate":"2021-01-04",
             "endDate":"2021-09-30","doseChanges":[{"date":"2021-03-01","dose":{"value":40,"unit":"mg/d"}},
             {"date":"2021-04-01","dose":{"value":10.5,"unit":"mg/d"}}],"response":"PARTIAL","stopReason":"INEFFICACY",
             "courses":1,"notes":"taper"}""";

    @Test
    void createAndReadBackEveryField() {
        String patient = TestData.createPatient();
        String id = given().contentType(ContentType.JSON).body(TAPER)
                .when().post("/api/v1/patients/{p}/episodes", patient)
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/patients/" + patient + "/episodes/"))
                .header("ETag", equalTo("\"0\""))
                .extract().path("id");

        given().when().get("/api/v1/patients/{p}/episodes/{e}", patient, id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("patientId", equalTo(patient))
                .body("drug", equalTo("prednisolone"))
                .body("route", equalTo("ORAL"))
                .body("dose.value", equalTo(60))
                .body("dose.unit", equalTo("mg/d"))
                .body("startDate", equalTo("2021-01-04"))
                .body("endDate", equalTo("2021-09-30"))
                .body("doseChanges.date", contains("2021-03-01", "2021-04-01"))
                .body("doseChanges[1].dose.value", equalTo(10.5f))
                .body("response", equalTo("PARTIAL"))
                .body("stopReason", equalTo("INEFFICACY"))
                .body("courses", equalTo(1))
                .body("notes", equalTo("taper"));
    }

    @Test
    void responseDefaultsToNotAssessedAndOngoingHasNoEnd() {
        String patient = TestData.createPatient();
        given().contentType(ContentType.JSON).body(TestData.episodeJson("methotrexate", "2021-02-01", null))
                .when().post("/api/v1/patients/{p}/episodes", patient)
                .then().statusCode(201)
                .body("response", equalTo("NOT_ASSESSED"))
                .body("endDate", nullValue())
                .body("doseChanges", hasSize(0));
    }

    @Test
    void listIsOrderedByStartDateThenCreation() {
        String patient = TestData.createPatient();
        String late = TestData.createEpisode(patient, TestData.episodeJson("azathioprine", "2022-01-01", null));
        String sameDayFirst = TestData.createEpisode(patient, TestData.episodeJson("methotrexate", "2021-01-01", null));
        String sameDaySecond = TestData.createEpisode(patient, TestData.episodeJson("mycophenolate", "2021-01-01", null));
        given().when().get("/api/v1/patients/{p}/episodes", patient)
                .then().statusCode(200)
                .body("id", contains(sameDayFirst, sameDaySecond, late));
    }

    @Test
    void replaceUpdatesAndDeleteRemoves() {
        String patient = TestData.createPatient();
        String id = TestData.createEpisode(patient, TestData.episodeJson("methotrexate", "2021-01-01", null));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(TAPER)
                .when().put("/api/v1/patients/{p}/episodes/{e}", patient, id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("drug", equalTo("prednisolone"))
                .body("doseChanges", hasSize(2));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(TAPER)
                .when().put("/api/v1/patients/{p}/episodes/{e}", patient, id)
                .then().statusCode(412);
        given().header("If-Match", "\"1\"").when().delete("/api/v1/patients/{p}/episodes/{e}", patient, id)
                .then().statusCode(204);
        given().when().get("/api/v1/patients/{p}/episodes", patient).then().body("size()", equalTo(0));
    }

    @Test
    void withdrawnDrugIsStorableAsHistory() {
        String patient = TestData.createPatient();
        given().contentType(ContentType.JSON)
                .body("""
                        {"drug":"efalizumab","route":"SC","dose":{"value":1,"unit":"mg/kg/wk"},"startDate":"2008-03-01",
                         "endDate":"2009-03-01","stopReason":"OTHER","notes":"withdrawn from the market"}""")
                .when().post("/api/v1/patients/{p}/episodes", patient)
                .then().statusCode(201)
                .body("drug", equalTo("efalizumab"));
    }
}
