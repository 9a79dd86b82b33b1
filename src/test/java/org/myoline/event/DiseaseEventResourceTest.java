package org.myoline.event;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.myoline.contract.ApiTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;

@QuarkusTest
class DiseaseEventResourceTest implements ApiTest {

    @Test
    void eventLinkedToAnEpisodeOutlivesTheEpisodeWithoutTheLink() {
        String patient = TestData.createPatient();
        String episode = TestData.createEpisode(patient, TestData.episodeJson("methotrexate", "2021-01-01", null));
        String event = given().contentType(ContentType.JSON)
                .body("{\"date\":\"2021-05-01\",\"type\":\"FLARE\",\"domain\":\"SKIN\",\"episodeId\":\"" + episode + "\"}")
                .when().post("/api/v1/patients/{p}/events", patient)
                .then().statusCode(201).body("episodeId", equalTo(episode)).extract().path("id");
        given().when().get("/api/v1/patients/{p}/events", patient).then().statusCode(200).body("size()", equalTo(1));
        given().header("If-Match", "\"0\"").when().delete("/api/v1/patients/{p}/episodes/{e}", patient, episode)
                .then().statusCode(204);
        given().when().get("/api/v1/patients/{p}/events/{v}", patient, event)
                .then().statusCode(200).body("episodeId", nullValue()).body("type", equalTo("FLARE"));
    }

    @Test
    void episodeOfAnotherPatientIsRejected() {
        String owner = TestData.createPatient();
        String other = TestData.createPatient();
        String episode = TestData.createEpisode(owner, TestData.episodeJson("methotrexate", "2021-01-01", null));
        given().contentType(ContentType.JSON)
                .body("{\"date\":\"2021-05-01\",\"type\":\"FLARE\",\"domain\":\"SKIN\",\"episodeId\":\"" + episode + "\"}")
                .when().post("/api/v1/patients/{p}/events", other)
                .then().statusCode(400).body("errors.field", hasItem("episodeId"));
        given().when().get("/api/v1/patients/{p}/events", other).then().body("size()", equalTo(0));
    }

    @Test
    void badEventsAre400() {
        String patient = TestData.createPatient();
        for (String[] bad : new String[][] {
                {"{\"date\":\"2021-05-01\",\"type\":\"WORSE\",\"domain\":\"SKIN\"}", "type"},
                {"{\"date\":\"2021-05-01\",\"type\":\"FLARE\",\"domain\":\"LIVER\"}", "domain"},
                {"{\"date\":\"2999-05-01\",\"type\":\"FLARE\",\"domain\":\"SKIN\"}", "date"},
                {"{\"type\":\"FLARE\",\"domain\":\"SKIN\"}", "date"},
                {"{\"date\":\"2021-05-01\",\"type\":\"FLARE\",\"domain\":\"SKIN\",\"episodeId\":\"nope\"}", "episodeId"}}) {
            given().contentType(ContentType.JSON).body(bad[0])
                    .when().post("/api/v1/patients/{p}/events", patient)
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(bad[1]));
        }
        given().when().delete("/api/v1/patients/{p}/events/{v}", patient, "6d1c3a9e-0000-4000-8000-000000000010")
                .then().statusCode(404);
    }
}
