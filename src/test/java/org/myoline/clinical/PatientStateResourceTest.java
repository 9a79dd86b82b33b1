package org.myoline.clinical;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;

/**
 * Next steps that fit the patient's state, through the API: escalation indicated or not, cancer-directed treatment as
 * context, juvenile weight bands, course accrual, re-challenge, and patient-level contraindications with their FHIR
 * Flag.
 */
@QuarkusTest
class PatientStateResourceTest implements ApiTest {

    private static final String GC_RESISTANT = """
            {"drug":"prednisone","route":"ORAL","dose":{"value":60,"unit":"mg/d"},"startDate":"2023-01-02",
             "endDate":"2023-03-02","response":"NONE"}""";
    private static final String MTX_FAILED = """
            {"drug":"methotrexate","route":"SC","dose":{"value":20,"unit":"mg/wk"},"startDate":"2023-01-10",
             "endDate":"2023-05-10","response":"NONE","stopReason":"INEFFICACY"}""";

    private static JsonPath assessment(String patient, String asOf) {
        return given().queryParam("asOf", asOf).when().get("/api/v1/patients/{p}/assessment", patient).then()
                .statusCode(200).extract().jsonPath();
    }

    private static void event(String patient, String body, int status) {
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/patients/{p}/events", patient).then()
                .statusCode(status);
    }

    @Test
    void escalationIsNotIndicatedWhileATrialIsInsideItsWindowAndIsAfterAFlare() {
        String patient = TestData.createPatient();
        TestData.createEpisode(patient, GC_RESISTANT);
        TestData.createEpisode(patient, """
                {"drug":"methotrexate","route":"SC","dose":{"value":20,"unit":"mg/wk"},"startDate":"2023-03-01"}""");
        JsonPath early = assessment(patient, "2023-03-20");
        assertEquals("NOT_INDICATED", early.getString("escalation.decision"));
        assertTrue(early.getString("escalation.reasons[0]")
                .startsWith("trial still within its adequate window: methotrexate"));
        assertEquals("methotrexate", early.getString("nextSteps[0].drug"));
        assertEquals("COMPLETE_TRIAL", early.getString("nextSteps[0].action"));
        assertFalse(early.getBoolean("nextSteps[0].contingency"));
        List<Map<String, Object>> rest = early.getList("nextSteps.findAll { it.track == 'MYOSITIS' && it.drug != 'methotrexate' }");
        assertFalse(rest.isEmpty());
        rest.forEach(s -> assertEquals(true, s.get("contingency"), s.toString()));
        event(patient, "{\"date\":\"2023-03-25\",\"type\":\"FLARE\",\"domain\":\"MUSCLE\"}", 201);
        given().queryParam("asOf", "2023-03-26").when().get("/api/v1/patients/{p}/assessment", patient).then()
                .statusCode(200).body("escalation.decision", equalTo("INDICATED"))
                .body("escalation.reasons[0]", startsWith("flare on 2023-03-25"))
                .body("escalation.source", startsWith("ESCALATION: "))
                .body("nextSteps.contingency", everyItem(equalTo(false)));
    }

    @Test
    void cancerDirectedTreatmentIsContextOnTheTimelineAndEndsOncologyFirst() {
        String patient = TestData.createPatient();
        TestData.createEpisode(patient, GC_RESISTANT);
        TestData.createEpisode(patient, MTX_FAILED);
        given().contentType(ContentType.JSON).body("{\"feature\":\"MALIGNANCY\",\"onset\":\"2023-04-01\"}")
                .when().post("/api/v1/patients/{p}/features", patient).then().statusCode(201);
        given().queryParam("asOf", "2023-06-01").when().get("/api/v1/patients/{p}/assessment", patient).then()
                .statusCode(200).body("nextSteps[0].drug", equalTo("ivig"))
                .body("warnings.code", hasItem("ONCOLOGY_REVIEW_FIRST"))
                .body("nextSteps.find { it.drug == 'cyclophosphamide' }.ranking", containsString("moved last"));
        given().contentType(ContentType.JSON).body("{\"date\":\"2023-05-15\",\"type\":\"FLARE\"}")
                .when().post("/api/v1/patients/{p}/events", patient).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("domain"));
        int linesBefore = given().queryParam("asOf", "2023-06-01").when().get("/api/v1/patients/{p}/timeline", patient)
                .then().statusCode(200).extract().path("lines.size()");
        given().contentType(ContentType.JSON).body("{\"date\":\"2023-05-15\",\"type\":\"CANCER_SURGERY\"}")
                .when().post("/api/v1/patients/{p}/events", patient).then().statusCode(201)
                .body("domain", equalTo("GLOBAL"));
        int lines = given().queryParam("asOf", "2023-06-01").when().get("/api/v1/patients/{p}/timeline", patient).then()
                .statusCode(200).body("events.type", hasItem("CANCER_SURGERY")).extract().path("lines.size()");
        assertEquals(linesBefore, lines, "cancer surgery is not a line of therapy");
        given().queryParam("asOf", "2023-06-01").when().get("/api/v1/patients/{p}/assessment", patient).then()
                .statusCode(200).body("warnings.code", not(hasItem("ONCOLOGY_REVIEW_FIRST")))
                .body("warnings.code", hasItem("ONCOLOGY_REVIEW"));
    }

    @Test
    void aSubTherapeuticJuvenileTrialIsInadequateAndOfferedAgainAtTheTargetDose() {
        String patient = TestData.createPatient("""
                {"mrn":"%s","birthDate":"2010-03-01","sex":"male","subtype":"JUVENILE","diagnosisDate":"2021-01-10",
                 "features":["SKIN","MUSCLE"],"weightKg":50,"heightCm":160}""".formatted(TestData.uniqueMrn()));
        TestData.createEpisode(patient, """
                {"drug":"prednisolone","route":"ORAL","dose":{"value":1,"unit":"mg/kg/d"},"startDate":"2023-01-02",
                 "endDate":"2023-09-02"}""");
        TestData.createEpisode(patient, """
                {"drug":"tofacitinib","route":"ORAL","dose":{"value":5,"unit":"mg/d"},"startDate":"2023-03-01",
                 "endDate":"2023-07-01","response":"NONE","stopReason":"INEFFICACY"}""");
        given().queryParam("asOf", "2023-08-01").when().get("/api/v1/patients/{p}/assessment", patient).then()
                .statusCode(200).body("juvenile", equalTo(true))
                .body("inadequateTrials.find { it.drug == 'tofacitinib' }.targetDose", equalTo("10 mg/d"))
                .body("failedDrugs.drug", not(hasItem("tofacitinib")))
                .body("nextSteps.find { it.drug == 'tofacitinib' }.targetDose", equalTo("10 mg/d"));
    }

    @Test
    void coursesOfAMonthlyIvigSeriesAccrueSoAFlareAtMonthFourIsAFailure() {
        String patient = TestData.createPatient();
        TestData.createEpisode(patient, GC_RESISTANT);
        TestData.createEpisode(patient, """
                {"drug":"ivig","route":"IV","dose":{"value":1,"unit":"g/kg/d"},"startDate":"2023-03-01","courses":10,
                 "schedule":{"interval":{"value":4,"unit":"wk"},"daysPerCourse":2}}""");
        event(patient, "{\"date\":\"2023-07-01\",\"type\":\"FLARE\",\"domain\":\"MUSCLE\"}", 201);
        given().queryParam("asOf", "2023-07-05").when().get("/api/v1/patients/{p}/assessment", patient).then()
                .statusCode(200).body("inadequateTrials.drug", not(hasItem("ivig")))
                .body("failedDrugs.find { it.drug == 'ivig' }.detail", containsString("5 courses"))
                .body("escalation.decision", equalTo("INDICATED"));
    }

    @Test
    void aCalcinosisAgentStoppedForAnAdverseEventIsListedWithItsDateAndOfferedForReChallenge() {
        String patient = TestData.createPatient("""
                {"mrn":"%s","birthDate":"1960-05-01","sex":"female","subtype":"CLASSIC","diagnosisDate":"2020-01-10",
                 "features":["SKIN","MUSCLE","CALCINOSIS"],"weightKg":62.5,"heightCm":160}""".formatted(TestData.uniqueMrn()));
        TestData.createEpisode(patient, """
                {"drug":"methotrexate","route":"SC","dose":{"value":20,"unit":"mg/wk"},"startDate":"2023-01-10"}""");
        TestData.createEpisode(patient, """
                {"drug":"sodium-thiosulfate","route":"IV","dose":{"value":25,"unit":"g"},"startDate":"2023-04-01",
                 "endDate":"2023-05-20","stopReason":"ADVERSE_EVENT","schedule":{"timesPerWeek":3}}""");
        given().queryParam("asOf", "2023-07-01").when().get("/api/v1/patients/{p}/assessment", patient).then()
                .statusCode(200)
                .body("intolerances.find { it.drug == 'sodium-thiosulfate' }.since", equalTo("2023-05-20"))
                .body("nextSteps.find { it.drug == 'sodium-thiosulfate' }.action", equalTo("RECHALLENGE"))
                .body("nextSteps.find { it.drug == 'sodium-thiosulfate' }.cautions[0]",
                        containsString("adverse event on 2023-05-20"));
        TestData.createEpisode(patient, """
                {"drug":"sodium-thiosulfate","route":"IV","dose":{"value":25,"unit":"g"},"startDate":"2023-08-01",
                 "schedule":{"timesPerWeek":3}}""");
        given().queryParam("asOf", "2023-08-10").when().get("/api/v1/patients/{p}/assessment", patient).then()
                .statusCode(200).body("warnings.code", hasItem("RECHALLENGE"));
    }

    @Test
    void contraindicationsAreRecordedHonouredAuditedAndExportedAsFlags() {
        String patient = TestData.createPatient();
        TestData.createEpisode(patient, GC_RESISTANT);
        TestData.createEpisode(patient, MTX_FAILED);
        String path = "/api/v1/patients/" + patient + "/contraindications";
        given().queryParam("asOf", "2023-06-01").when().get("/api/v1/patients/{p}/assessment", patient).then()
                .statusCode(200).body("nextSteps.drug", hasItems("rituximab", "cyclophosphamide"));
        String id = given().contentType(ContentType.JSON)
                .body("{\"kind\":\"AVOID_DRUG\",\"drug\":\"rituximab\",\"since\":\"2023-01-01\",\"reason\":\"declines\"}")
                .when().post(path).then().statusCode(201).header("ETag", equalTo("\"0\""))
                .header("Location", containsString(path + "/")).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"kind\":\"AVOID_CYTOTOXICS\",\"since\":\"2023-02-01\"}")
                .when().post(path).then().statusCode(201);
        given().queryParam("asOf", "2023-06-01").when().get("/api/v1/patients/{p}/assessment", patient).then()
                .statusCode(200).body("nextSteps.drug", not(hasItem("rituximab")))
                .body("nextSteps.drug", not(hasItem("cyclophosphamide")))
                .body("warnings.find { it.code == 'STEPS_LEFT_OUT' }.message", containsString("AVOID_DRUG rituximab"))
                .body("criteria.find { it.rule == 'CONTRAINDICATIONS' }.met", equalTo(true));
        // Before it was in force, it does not apply.
        given().queryParam("asOf", "2023-01-20").when().get("/api/v1/patients/{p}/assessment", patient).then()
                .statusCode(200).body("warnings.find { it.code == 'STEPS_LEFT_OUT' }.message",
                        not(containsString("AVOID_CYTOTOXICS")));
        given().header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body("{\"kind\":\"AVOID_DRUG\",\"drug\":\"rituximab\",\"since\":\"2023-01-01\",\"until\":\"2023-05-01\"}")
                .when().put(path + "/" + id).then().statusCode(200).header("ETag", equalTo("\"1\""));
        given().queryParam("asOf", "2023-06-01").when().get("/api/v1/patients/{p}/assessment", patient).then()
                .statusCode(200).body("nextSteps.drug", hasItem("rituximab"));
        given().when().get(path).then().statusCode(200).body("kind", hasItems("AVOID_DRUG", "AVOID_CYTOTOXICS"));
        given().when().get("/api/v1/patients/{p}/history", patient).then().statusCode(200)
                .body("items.resourceType", hasItem("Contraindication"));
        given().accept("application/fhir+json").when().get("/api/v1/patients/{p}/fhir", patient).then().statusCode(200)
                .body("entry.resource.findAll { it.resourceType == 'Flag' }.collect { it.code.coding[0].code }",
                        hasItems("AVOID_DRUG", "AVOID_CYTOTOXICS"))
                .body("entry.resource.find { it.resourceType == 'Flag' && it.period.end == '2023-05-01' }.status",
                        equalTo("inactive"));
    }

    @Test
    void badContraindicationsAreProblemsNamingTheField() {
        String patient = TestData.createPatient();
        String path = "/api/v1/patients/" + patient + "/contraindications";
        given().contentType(ContentType.JSON).body("{\"kind\":\"AVOID_DRUG\",\"since\":\"2023-01-01\"}")
                .when().post(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("drug"));
        given().contentType(ContentType.JSON).body("{\"kind\":\"AVOID_CYTOTOXICS\",\"drug\":\"rituximab\",\"since\":\"2023-01-01\"}")
                .when().post(path).then().statusCode(400).body("errors.field", hasItem("drug"));
        given().contentType(ContentType.JSON).body("{\"kind\":\"AVOID_DRUG\",\"drug\":\"unobtainium\",\"since\":\"2023-01-01\"}")
                .when().post(path).then().statusCode(400).body("errors.field", hasItem("drug"));
        given().contentType(ContentType.JSON)
                .body("{\"kind\":\"PREGNANCY_PLANNING\",\"since\":\"2023-05-01\",\"until\":\"2023-04-01\"}")
                .when().post(path).then().statusCode(400).body("errors.field", hasItem("until"));
        given().contentType(ContentType.JSON).body("{\"kind\":\"AVOID_EVERYTHING\",\"since\":\"2023-05-01\"}")
                .when().post(path).then().statusCode(400).body("errors.field", hasItem("kind"));
        given().when().get(path).then().statusCode(200).body("size()", equalTo(0));
    }
}
