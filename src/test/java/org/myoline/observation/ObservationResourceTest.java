package org.myoline.observation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.myoline.contract.ApiTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.myoline.TestData;

@QuarkusTest
class ObservationResourceTest implements ApiTest {

    @Test
    void recordListGetAndDelete() {
        String patient = TestData.createPatient();
        String late = create(patient, "{\"date\":\"2021-06-01\",\"type\":\"WEIGHT_KG\",\"value\":61.5}");
        String early = create(patient, "{\"date\":\"2021-01-01\",\"type\":\"CK_U_PER_L\",\"value\":4200}");
        given().when().get("/api/v1/patients/{p}/observations", patient)
                .then().statusCode(200).body("id", contains(early, late)).body("[1].value", equalTo(61.5f));
        given().when().get("/api/v1/patients/{p}/observations/{o}", patient, late)
                .then().statusCode(200).header("ETag", equalTo("\"0\"")).body("type", equalTo("WEIGHT_KG"));
        given().header("If-Match", "\"5\"").when().delete("/api/v1/patients/{p}/observations/{o}", patient, late)
                .then().statusCode(412);
        given().when().delete("/api/v1/patients/{p}/observations/{o}", patient, late).then().statusCode(428);
        given().header("If-Match", "\"0\"").when().delete("/api/v1/patients/{p}/observations/{o}", patient, late)
                .then().statusCode(204);
        given().when().get("/api/v1/patients/{p}/observations/{o}", patient, late).then().statusCode(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "weight in grams | {\"date\":\"2021-01-01\",\"type\":\"WEIGHT_KG\",\"value\":61500} | value",
            "height in metres | {\"date\":\"2021-01-01\",\"type\":\"HEIGHT_CM\",\"value\":1.7} | value",
            "TIS above 100 | {\"date\":\"2021-01-01\",\"type\":\"TIS\",\"value\":140} | value",
            "negative CK | {\"date\":\"2021-01-01\",\"type\":\"CK_U_PER_L\",\"value\":-1} | value",
            "unknown type | {\"date\":\"2021-01-01\",\"type\":\"ALDOLASE\",\"value\":5} | type",
            "future date | {\"date\":\"2999-01-01\",\"type\":\"TIS\",\"value\":40} | date",
            "before birth | {\"date\":\"1950-01-01\",\"type\":\"TIS\",\"value\":40} | date",
            "missing value | {\"date\":\"2021-01-01\",\"type\":\"TIS\"} | value"})
    void implausibleObservationIs400AndNotStored(String name, String body, String field) {
        String patient = TestData.createPatient();
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients/{p}/observations", patient)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
        given().when().get("/api/v1/patients/{p}/observations", patient).then().body("size()", equalTo(0));
    }

    @Test
    void unknownPatientIs404() {
        given().contentType(ContentType.JSON).body("{\"date\":\"2021-01-01\",\"type\":\"TIS\",\"value\":40}")
                .when().post("/api/v1/patients/{p}/observations", "6d1c3a9e-0000-4000-8000-000000000009")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static String create(String patient, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients/{p}/observations", patient)
                .then().statusCode(201).extract().path("id");
    }
}
