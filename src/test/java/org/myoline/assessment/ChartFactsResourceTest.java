package org.myoline.assessment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;

/** The chart as clinicians keep it, through the API: dated assessments, dated features and conversions, real doses. */
@QuarkusTest
class ChartFactsResourceTest implements ApiTest {

    private static final String GC_RESISTANT = """
            {"drug":"prednisone","route":"ORAL","dose":{"value":60,"unit":"mg/d"},"startDate":"2023-01-02",
             "endDate":"2023-03-02","response":"NONE"}""";
    private static final String MTX = """
            {"drug":"methotrexate","route":"SC","dose":{"value":20,"unit":"mg/wk"},"startDate":"2023-01-10"}""";

    private static String assessments(String patient, String episode) {
        return "/api/v1/patients/" + patient + "/episodes/" + episode + "/assessments";
    }

    @Test
    void anAssessmentIsRecordedReadAndDeletedLikeEveryOtherRecord() {
        String patient = TestData.createPatient();
        String episode = TestData.createEpisode(patient, MTX);
        String key = UUID.randomUUID().toString();
        String body = "{\"date\":\"2023-05-02\",\"category\":\"NONE\",\"instrument\":\"INVESTIGATOR\",\"note\":\"weak\"}";
        String id = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post(assessments(patient, episode)).then().statusCode(201)
                .header("Location", containsString(assessments(patient, episode) + "/")).header("ETag", equalTo("\"0\""))
                .body("episodeId", equalTo(episode)).body("category", equalTo("NONE")).extract().path("id");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post(assessments(patient, episode)).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(id));
        given().when().get(assessments(patient, episode)).then().statusCode(200).body("id", contains(id));
        given().when().get(assessments(patient, episode) + "/" + id).then().statusCode(200).body("note", equalTo("weak"));
        given().when().delete(assessments(patient, episode) + "/" + id).then().statusCode(428);
        given().header("If-Match", "\"7\"").when().delete(assessments(patient, episode) + "/" + id).then().statusCode(412);
        given().header("If-Match", "\"0\"").when().delete(assessments(patient, episode) + "/" + id).then().statusCode(204);
        given().when().get("/api/v1/patients/" + patient + "/history").then().statusCode(200)
                .body("items.resourceType", hasItem("Assessment"));
    }

    @Test
    void badAssessmentsAreProblemsNamingTheField() {
        String patient = TestData.createPatient();
        String episode = TestData.createEpisode(patient, MTX);
        given().contentType(ContentType.JSON).body("{\"date\":\"2022-12-01\",\"category\":\"NONE\",\"instrument\":\"TIS\",\"score\":140}")
                .when().post(assessments(patient, episode)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("date")).body("errors.field", hasItem("score"));
        given().contentType(ContentType.JSON).body("{\"date\":\"2023-05-02\",\"category\":\"SO_SO\",\"instrument\":\"TIS\"}")
                .when().post(assessments(patient, episode)).then().statusCode(400).body("errors.field", hasItem("category"));
        String other = TestData.createPatient();
        given().contentType(ContentType.JSON).body("{\"date\":\"2023-05-02\",\"category\":\"NONE\",\"instrument\":\"TIS\"}")
                .when().post(assessments(other, episode)).then().statusCode(404);
    }

    @Test
    void anOngoingTrialAssessedNoneIsRefractoryFromThatVisit() {
        String patient = TestData.createPatient();
        TestData.createEpisode(patient, GC_RESISTANT);
        String mtx = TestData.createEpisode(patient, MTX);
        given().contentType(ContentType.JSON).body("{\"date\":\"2023-05-02\",\"category\":\"NONE\",\"instrument\":\"INVESTIGATOR\"}")
                .when().post(assessments(patient, mtx)).then().statusCode(201);
        given().queryParam("asOf", "2023-05-01").when().get("/api/v1/patients/{p}/assessment", patient).then()
                .statusCode(200).body("status", equalTo("GLUCOCORTICOID_RESISTANT"));
        given().queryParam("asOf", "2023-05-02").when().get("/api/v1/patients/{p}/assessment", patient).then()
                .statusCode(200).body("status", equalTo("REFRACTORY")).body("failedDrugs[0].drug", equalTo("methotrexate"))
                .body("responses[0].recorded.category", equalTo("NONE"));
    }

    @Test
    void datedFeaturesCountFromTheirOnsetAndShowInTheFeatureList() {
        String patient = TestData.createPatient();
        TestData.createEpisode(patient, GC_RESISTANT);
        String feature = given().contentType(ContentType.JSON).body("{\"feature\":\"DYSPHAGIA\",\"onset\":\"2023-06-01\"}")
                .when().post("/api/v1/patients/{p}/features", patient).then().statusCode(201).extract().path("id");
        given().queryParam("asOf", "2023-05-31").when().get("/api/v1/patients/{p}/assessment", patient).then()
                .statusCode(200).body("nextSteps[0].drug", not(equalTo("ivig")));
        given().queryParam("asOf", "2023-06-01").when().get("/api/v1/patients/{p}/assessment", patient).then()
                .statusCode(200).body("nextSteps[0].drug", equalTo("ivig"));
        String features = given().when().get("/api/v1/patients/{p}", patient).then().statusCode(200)
                .body("features", hasItem("DYSPHAGIA")).extract().asString();
        // Sending back what a GET returned keeps the feature dated: once its record is gone, so is the feature.
        String mrn = io.restassured.path.json.JsonPath.from(features).getString("mrn");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body("""
                {"mrn":"%s","birthDate":"1960-05-01","sex":"female","subtype":"CLASSIC","diagnosisDate":"2020-01-10",
                 "features":["SKIN","MUSCLE","DYSPHAGIA"]}""".formatted(mrn))
                .when().put("/api/v1/patients/{p}", patient).then().statusCode(200);
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{\"feature\":\"DYSPHAGIA\",\"onset\":\"2023-06-01\",\"resolved\":\"2023-09-01\"}")
                .when().put("/api/v1/patients/{p}/features/{f}", patient, feature).then().statusCode(200)
                .header("ETag", equalTo("\"1\""));
        given().when().get("/api/v1/patients/{p}", patient).then().statusCode(200)
                .body("features", not(hasItem("DYSPHAGIA")));
        given().contentType(ContentType.JSON).body("{\"feature\":\"ILD\",\"onset\":\"2023-06-01\",\"resolved\":\"2023-05-01\"}")
                .when().post("/api/v1/patients/{p}/features", patient).then().statusCode(400)
                .body("errors.field", hasItem("resolved"));
    }

    @Test
    void aSubtypeConversionCarriesItsDate() {
        String mrn = TestData.uniqueMrn();
        String patient = TestData.createPatient("""
                {"mrn":"%s","birthDate":"1970-05-01","sex":"female","subtype":"AMYOPATHIC","diagnosisDate":"2020-01-10"}"""
                .formatted(mrn));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body("""
                {"mrn":"%s","birthDate":"1970-05-01","sex":"female","subtype":"CLASSIC","diagnosisDate":"2020-01-10",
                 "subtypeSince":"2022-03-01"}""".formatted(mrn))
                .when().put("/api/v1/patients/{p}", patient).then().statusCode(200)
                .body("subtype", equalTo("CLASSIC")).body("subtypeSince", equalTo("2022-03-01"))
                .body("subtypeHistory", hasSize(1)).body("subtypeHistory[0].from", equalTo("AMYOPATHIC"));
        given().contentType(ContentType.JSON).body("""
                {"mrn":"%s","birthDate":"1970-05-01","sex":"female","subtype":"CLASSIC","subtypeSince":"2022-03-01"}"""
                .formatted(TestData.uniqueMrn()))
                .when().post("/api/v1/patients").then().statusCode(400).body("errors.field", hasItem("subtypeSince"));
    }

    @Test
    void enzymesCarryTheirUpperLimit() {
        String patient = TestData.createPatient();
        given().contentType(ContentType.JSON).body("{\"date\":\"2023-02-01\",\"type\":\"CK_U_PER_L\",\"value\":1500,\"upperLimit\":190}")
                .when().post("/api/v1/patients/{p}/observations", patient).then().statusCode(201)
                .body("upperLimit", equalTo(190));
        given().contentType(ContentType.JSON).body("{\"date\":\"2023-02-01\",\"type\":\"WEIGHT_KG\",\"value\":60,\"upperLimit\":90}")
                .when().post("/api/v1/patients/{p}/observations", patient).then().statusCode(400)
                .body("errors.field", hasItem("upperLimit"));
        given().contentType(ContentType.JSON).body("{\"date\":\"2023-02-01\",\"type\":\"CMAS\",\"value\":60}")
                .when().post("/api/v1/patients/{p}/observations", patient).then().statusCode(400)
                .body("errors.field", hasItem("value"));
    }

    @Test
    void realDrugsUnitsAndSchedulesAreAccepted() {
        String patient = TestData.createPatient();
        String[] accepted = {
            "{\"drug\":\"ivig\",\"route\":\"IV\",\"dose\":{\"value\":0.4,\"unit\":\"g/kg/d\"},\"startDate\":\"2023-02-01\","
                    + "\"schedule\":{\"interval\":{\"value\":4,\"unit\":\"wk\"},\"daysPerCourse\":5}}",
            "{\"drug\":\"cyclophosphamide\",\"route\":\"IV\",\"dose\":{\"value\":0.5,\"unit\":\"g/m2\"},\"startDate\":\"2023-02-01\","
                    + "\"schedule\":{\"interval\":{\"value\":1,\"unit\":\"mo\"},\"count\":6}}",
            "{\"drug\":\"rituximab\",\"route\":\"IV\",\"dose\":{\"value\":375,\"unit\":\"mg/m2\"},\"startDate\":\"2023-02-01\","
                    + "\"schedule\":{\"interval\":{\"value\":1,\"unit\":\"wk\"},\"count\":4}}",
            "{\"drug\":\"plasma-exchange\",\"route\":\"IV\",\"dose\":{\"value\":1,\"unit\":\"{session}\"},\"startDate\":\"2023-02-01\","
                    + "\"courses\":5}",
            "{\"drug\":\"leflunomide\",\"route\":\"ORAL\",\"dose\":{\"value\":20,\"unit\":\"mg/d\"},\"startDate\":\"2023-02-01\"}",
            "{\"drug\":\"apremilast\",\"route\":\"ORAL\",\"dose\":{\"value\":60,\"unit\":\"mg/d\"},\"startDate\":\"2023-02-01\"}",
            "{\"drug\":\"anifrolumab\",\"route\":\"IV\",\"dose\":{\"value\":300,\"unit\":\"mg\"},\"startDate\":\"2023-02-01\","
                    + "\"schedule\":{\"interval\":{\"value\":4,\"unit\":\"wk\"}}}",
            "{\"drug\":\"methotrexate\",\"route\":\"ORAL\",\"dose\":{\"value\":7.5,\"unit\":\"mg\"},\"startDate\":\"2023-02-01\","
                    + "\"schedule\":{\"timesPerWeek\":2}}",
            "{\"drug\":\"cyclophosphamide\",\"route\":\"IV\",\"dose\":{\"value\":15,\"unit\":\"mg/kg\"},\"startDate\":\"2023-02-01\"}",
            "{\"drug\":\"methotrexate\",\"route\":\"SC\",\"dose\":{\"value\":15,\"unit\":\"mg/m2/d\"},\"startDate\":\"2023-02-01\"}"};
        for (String episode : accepted) {
            given().contentType(ContentType.JSON).body(episode).when().post("/api/v1/patients/{p}/episodes", patient)
                    .then().statusCode(201).body("dose.unit", not(nullValue()));
        }
        given().when().get("/api/v1/patients/{p}/episodes", patient).then().statusCode(200)
                .body("find { it.drug == 'ivig' }.schedule.daysPerCourse", equalTo(5));
        given().contentType(ContentType.JSON).body("{\"drug\":\"methotrexate\",\"route\":\"ORAL\",\"dose\":{\"value\":1,"
                + "\"unit\":\"{session}\"},\"startDate\":\"2023-02-01\"}")
                .when().post("/api/v1/patients/{p}/episodes", patient).then().statusCode(400)
                .body("errors.field", hasItem("dose.unit"));
        given().contentType(ContentType.JSON).body("{\"drug\":\"methotrexate\",\"route\":\"ORAL\",\"dose\":{\"value\":15,"
                + "\"unit\":\"mg/wk\"},\"startDate\":\"2023-02-01\",\"schedule\":{\"daysPerCourse\":5}}")
                .when().post("/api/v1/patients/{p}/episodes", patient).then().statusCode(400)
                .body("errors.field", hasItem("schedule.daysPerCourse"));
    }
}
