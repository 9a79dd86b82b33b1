package org.myoline.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;

/**
 * The validator must actually check bodies: a real response passes the committed contract and fails a
 * tampered copy of it. Without this, a validator that silently skipped bodies (as some do on OpenAPI 3.1)
 * would make every contract test pass.
 */
@QuarkusTest
class ValidatorCatchesViolationsTest implements ApiTest {

    @Test
    void realResponsePassesTheContractAndFailsATamperedOne() throws Exception {
        String id = TestData.createPatient();
        Response real = given().when().get("/api/v1/patients/{id}", id).then().statusCode(200).extract().response();
        SimpleResponse response = SimpleResponse.Builder.status(200).withContentType("application/json")
                .withBody(real.asString()).build();
        String path = "/api/v1/patients/" + id;

        ValidationReport ok = OpenApiValidationFilter.validator().validateResponse(path, Request.Method.GET, response);
        assertFalse(ok.hasErrors(), ok.toString());

        String contract = Files.readString(OpenApiValidationFilter.CONTRACT);
        String tampered = contract.replaceFirst(
                "(?s)(    Patient:\\n      description: A patient with dermatomyositis\\n      required:\\n)",
                "$1      - consentStatus\n");
        assertTrue(!tampered.equals(contract), "the tampering did not apply: has the Patient schema moved?");
        ValidationReport bad = OpenApiValidationFilter.validatorFor(tampered)
                .validateResponse(path, Request.Method.GET, response);
        assertTrue(bad.hasErrors(), "a response missing a required field must fail validation");
        assertTrue(bad.toString().contains("consentStatus"), bad.toString());
    }
}
