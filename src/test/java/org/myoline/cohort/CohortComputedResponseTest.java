package org.myoline.cohort;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;

/** Where a patient has full core sets, the cohort counts the response the service computed from them. */
@QuarkusTest
class CohortComputedResponseTest implements ApiTest {

    @Test
    void aComputedTotalImprovementScoreWinsOverTheRecordedSummary() {
        String patient = TestData.createPatient();
        TestData.createEpisode(patient, """
                {"drug":"apremilast","route":"ORAL","dose":{"value":60,"unit":"mg/d"},"startDate":"2019-01-10",
                 "endDate":"2019-06-30","response":"NONE","stopReason":"REMISSION"}""");
        // Adult major response (TIS 60, the worked example of CoreSetScoringTest).
        coreSet(patient, "2019-01-05", 6, 7, 120, 1.5, 1500, 5);
        coreSet(patient, "2019-04-01", 3, 5, 135, 1.2, 400, 2);
        given().queryParam("drug", "apremilast").queryParam("from", "2019-01-01").queryParam("to", "2019-01-31")
                .when().get("/api/v1/cohorts/outcomes").then().statusCode(200)
                .body("patients", equalTo(1)).body("responses.MAJOR", equalTo(1)).body("responses.NONE", equalTo(0))
                .body("definitions.rule", hasItem(containsString("Total Improvement Score")));
    }

    private static void coreSet(String patient, String date, double pga, double ptga, double mmt8, double haq, double ck,
            double extramuscular) {
        String[][] values = {{"PHYSICIAN_GLOBAL", String.valueOf(pga)}, {"PATIENT_GLOBAL", String.valueOf(ptga)},
            {"MMT8", String.valueOf(mmt8)}, {"HAQ", String.valueOf(haq)}, {"EXTRAMUSCULAR_GLOBAL", String.valueOf(extramuscular)}};
        for (String[] v : values) {
            given().contentType(ContentType.JSON).body("{\"date\":\"" + date + "\",\"type\":\"" + v[0] + "\",\"value\":" + v[1] + "}")
                    .when().post("/api/v1/patients/{p}/observations", patient).then().statusCode(201);
        }
        given().contentType(ContentType.JSON).body("{\"date\":\"" + date + "\",\"type\":\"CK_U_PER_L\",\"value\":" + ck
                + ",\"upperLimit\":200}").when().post("/api/v1/patients/{p}/observations", patient).then().statusCode(201);
    }
}
