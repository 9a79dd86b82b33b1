package org.myoline.patient;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;
import org.myoline.contraindication.ContraindicationService;

/** A patient holds at most a bounded number of each kind of record (PatientRecordService): 409 past it. */
@QuarkusTest
class RecordCapTest implements ApiTest {

    private static final String BODY = "{\"kind\":\"AVOID_GLUCOCORTICOIDS\",\"since\":\"%s\"}";

    @Test
    void aPatientHoldsAtMostTheCapOfARecordKind() {
        String patient = TestData.createPatient();
        String path = "/api/v1/patients/" + patient + "/contraindications";
        int cap = ContraindicationService.MAX_PER_PATIENT;
        for (int i = 0; i < cap; i++) {
            given().contentType("application/json").body(BODY.formatted(LocalDate.of(2000, 1, 1).plusDays(i)))
                    .when().post(path).then().statusCode(201);
        }
        given().contentType("application/json").body(BODY.formatted("2024-01-15"))
                .when().post(path).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("maximum of " + cap));
        given().when().get(path).then().statusCode(200).body("size()", equalTo(cap));
        given().contentType("application/json").body(BODY.formatted("2024-01-15"))
                .when().post("/api/v1/patients/" + UUID.randomUUID() + "/contraindications").then().statusCode(404);
    }
}
