package org.myoline.clinical;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.myoline.contract.ApiTest;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;

@QuarkusTest
class ClinicalResourceTest implements ApiTest {

    @Test
    void untreatedPatientHasNoLinesAndIsNoTreatment() {
        String patient = TestData.createPatient();
        given().when().get("/api/v1/patients/{p}/timeline", patient)
                .then().statusCode(200)
                .body("lines", hasSize(0))
                .body("asOf", equalTo(LocalDate.now().toString()))
                .body("rulesVersion", notNullValue());
        given().when().get("/api/v1/patients/{p}/assessment", patient)
                .then().statusCode(200)
                .body("status", equalTo("NO_TREATMENT"))
                .body("nextSteps.drug", hasItem("prednisone"))
                .body("nextSteps.drug", not(hasItem("efalizumab")))
                .body("criteria.source", everyItem(notNullValue()));
    }

    @Test
    void asOfMustBeAPastDate() {
        String patient = TestData.createPatient();
        for (String path : new String[] {"timeline", "assessment"}) {
            given().queryParam("asOf", "2021-13-40").when().get("/api/v1/patients/{p}/" + path, patient)
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("asOf"));
            given().queryParam("asOf", LocalDate.now().plusDays(1).toString()).when().get("/api/v1/patients/{p}/" + path, patient)
                    .then().statusCode(400).body("errors.field", hasItem("asOf"));
        }
    }

    @Test
    void unknownPatientIs404() {
        given().when().get("/api/v1/patients/{p}/assessment", "6d1c3a9e-0000-4000-8000-000000000011")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/v1/patients/{p}/timeline", "6d1c3a9e-0000-4000-8000-000000000011")
                .then().statusCode(404);
    }
}
