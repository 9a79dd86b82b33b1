package org.myoline.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;
import org.myoline.contract.OpenApiValidationFilter;

/**
 * A token limited to one patient (SMART launch context) reaches that patient and no other, through every path:
 * each REST operation of the contract, the FHIR Bundle and NDJSON imports, the bulk export, the CDS Hooks service
 * and the audit events. And scopes never widen what roles allow.
 */
@QuarkusTest
class PatientScopeTest implements ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private String mine;
    private String mineMrn;
    private String other;
    private String otherMrn;

    static String token(String subject, List<String> groups, String scope, String patient) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("azp", "test-smart-app");
        if (!groups.isEmpty()) {
            claims.put("groups", groups);
        }
        if (scope != null) {
            claims.put("scope", scope);
        }
        if (patient != null) {
            claims.put("patient", patient);
        }
        return "Bearer " + TestTokens.withClaims(claims);
    }

    private String launched(String scope) {
        return token("smart-user", List.of(), scope, mine);
    }

    @BeforeEach
    void twoPatients() {
        mineMrn = TestData.uniqueMrn();
        otherMrn = TestData.uniqueMrn();
        mine = TestData.createPatient(TestData.patientJson(mineMrn));
        other = TestData.createPatient(TestData.patientJson(otherMrn));
        TestData.createEpisode(mine, TestData.episodeJson("methotrexate", "2021-01-01", null));
        TestData.createEpisode(other, TestData.episodeJson("methotrexate", "2021-01-01", null));
    }

    /** Every operation of the contract that names a patient, on every method, with the other patient's id: 403. */
    @Test
    void everyPatientPathRefusesAnotherPatient() throws Exception {
        JsonNode paths = new YAMLMapper().readTree(OpenApiValidationFilter.CONTRACT.toFile()).path("paths");
        String token = launched("patient/*.cruds");
        List<String> tried = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            String template = path.getKey();
            if (!template.contains("{patientId}") && !template.startsWith("/api/v1/patients/{id}")) {
                continue;
            }
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                String target = template.replace("{patientId}", other).replace("{id}", other)
                        .replaceAll("\\{[A-Za-z]+\\}", UUID.randomUUID().toString());
                var response = request(token, method).when().request(method, target);
                assertEquals(403, response.statusCode(), method + " " + template + ": " + response.asString());
                assertEquals("urn:myoline:problem:forbidden", response.jsonPath().getString("type"), method + " " + template);
                String mineTarget = template.replace("{patientId}", mine).replace("{id}", mine)
                        .replaceAll("\\{[A-Za-z]+\\}", UUID.randomUUID().toString());
                if (!template.endsWith("/access-log")) { // the auditor's, whatever the patient
                    int own = request(token, method).when().request(method, mineTarget).statusCode();
                    assertNotEquals(403, own, "its own patient: " + method + " " + template);
                }
                tried.add(method + " " + template);
            }
        }
        assertTrue(tried.size() >= 30, "walked " + tried);
        // nothing of the other patient changed
        given().when().get("/api/v1/patients/{id}/episodes", other).then().statusCode(200).body("items", hasSize(1));
    }

    private static io.restassured.specification.RequestSpecification request(String token, String method) {
        var spec = given().header("Authorization", token).header("If-Match", "\"999\"");
        return switch (method) {
            case "POST", "PUT" -> spec.contentType(ContentType.JSON).body("{}");
            case "PATCH" -> spec.contentType("application/merge-patch+json").body("{}");
            default -> spec;
        };
    }

    @Test
    void listingsShowOnlyThePatientAndCrossPatientOperationsAreRefused() {
        String token = launched("patient/*.cruds");
        given().header("Authorization", token).when().get("/api/v1/patients?size=200").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(mine)).body("totalItems", equalTo(1));
        given().header("Authorization", token).queryParam("mrn", otherMrn).when().get("/api/v1/patients").then()
                .statusCode(200).body("items", hasSize(0));
        given().header("Authorization", token).queryParam("drug", "methotrexate").when().get("/api/v1/cohorts/outcomes")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", token).contentType(ContentType.JSON).body(TestData.patientJson(TestData.uniqueMrn()))
                .when().post("/api/v1/patients").then().statusCode(403);
    }

    @Test
    void fhirBundlesNamingAnotherPatientAreRefusedAndWriteNothing() {
        String token = token("smart-user", List.of("clinician"), "user/*.cruds", mine);
        long before = given().when().get("/api/v1/patients/{id}/history", other).then().statusCode(200)
                .extract().jsonPath().getLong("totalItems");
        // by reference to the stored patient, with a record of the token's own patient first in the same batch
        String byReference = """
                {"resourceType":"Bundle","type":"batch","entry":[
                 {"request":{"method":"POST","url":"Observation"},"resource":{"resourceType":"Observation","status":"final",
                  "code":{"coding":[{"system":"http://loinc.org","code":"2157-6"}]},"subject":{"reference":"Patient/%s"},
                  "effectiveDateTime":"2022-01-01","valueQuantity":{"value":500,"unit":"U/L","system":"http://unitsofmeasure.org","code":"U/L"}}},
                 {"request":{"method":"POST","url":"Observation"},"resource":{"resourceType":"Observation","status":"final",
                  "code":{"coding":[{"system":"http://loinc.org","code":"2157-6"}]},"subject":{"reference":"Patient/%s"},
                  "effectiveDateTime":"2022-01-01","valueQuantity":{"value":900,"unit":"U/L","system":"http://unitsofmeasure.org","code":"U/L"}}}]}"""
                .formatted(mine, other);
        given().header("Authorization", token).contentType("application/fhir+json").body(byReference)
                .when().post("/api/v1/fhir").then().statusCode(403).contentType("application/problem+json");
        // by the other patient's MRN in a Patient resource
        String byMrn = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:0b6f4c1e-54a4-4a57-9d9a-8f0f1d7c2e11","request":{"method":"POST","url":"Patient"},
                  "resource":{"resourceType":"Patient","identifier":[{"type":{"coding":[{"system":
                  "http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"system":"urn:myoline:mrn","value":"%s"}],
                  "gender":"female","birthDate":"1960-05-01"}}]}""".formatted(otherMrn);
        given().header("Authorization", token).contentType("application/fhir+json").body(byMrn)
                .when().post("/api/v1/fhir").then().statusCode(403);
        long after = given().when().get("/api/v1/patients/{id}/history", other).then().statusCode(200)
                .extract().jsonPath().getLong("totalItems");
        assertEquals(before, after, "nothing was written for the other patient");
        given().when().get("/api/v1/patients/{id}/observations", mine).then().statusCode(200).body("items", hasSize(0));
        // NDJSON import with an integration token limited to the patient
        String integration = token("smart-system", List.of("integration"), null, mine);
        given().header("Authorization", integration).contentType("application/fhir+ndjson")
                .body(("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
                        + "\"code\":\"2157-6\"}]},\"subject\":{\"reference\":\"Patient/" + other + "\"},\"effectiveDateTime\":"
                        + "\"2022-01-01\",\"valueQuantity\":{\"value\":900,\"unit\":\"U/L\",\"system\":\"http://unitsofmeasure.org\","
                        + "\"code\":\"U/L\"}}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .urlEncodingEnabled(false).when().post("/api/v1/fhir/$import").then().statusCode(403);
        given().when().get("/api/v1/patients/{id}/observations", other).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void theBulkExportGivesOnlyThePatient() {
        String token = token("smart-system", List.of("integration"), null, mine);
        String all = given().urlEncodingEnabled(false).header("Authorization", token).when()
                .get("/api/v1/fhir/$export?_type=Patient").then().statusCode(200).extract().asString();
        List<String> lines = all.lines().toList();
        assertEquals(1, lines.size(), all);
        assertTrue(lines.get(0).contains(mine));
        given().urlEncodingEnabled(false).header("Authorization", token).when()
                .get("/api/v1/fhir/$export?_type=Patient&patient=Patient/" + other).then().statusCode(403);
        given().urlEncodingEnabled(false).header("Authorization", token).when()
                .get("/api/v1/fhir/$export?_type=Patient&patient=" + mine + "," + other).then().statusCode(403);
        given().urlEncodingEnabled(false).header("Authorization", token).when()
                .get("/api/v1/fhir/$export?_type=Patient&patient=Patient/" + mine).then().statusCode(200);
    }

    @Test
    void theCdsServiceAnswersOnlyForThePatient() {
        String token = launched("patient/*.rs");
        given().header("Authorization", token).contentType(ContentType.JSON).body(cds(mineMrn))
                .when().post("/cds-services/myoline-refractoriness").then().statusCode(200).body("cards", hasSize(1));
        given().header("Authorization", token).contentType(ContentType.JSON).body(cds(otherMrn))
                .when().post("/cds-services/myoline-refractoriness").then().statusCode(403);
        given().header("Authorization", token).contentType(ContentType.JSON).body(cds("NOBODY-" + UUID.randomUUID()))
                .when().post("/cds-services/myoline-refractoriness").then().statusCode(403);
    }

    @Test
    void auditEventsOfAnotherPatientAreRefused() {
        String token = token("smart-auditor", List.of("auditor"), null, mine);
        given().header("Authorization", token).queryParam("patient", "Patient/" + mine).when()
                .get("/api/v1/fhir/AuditEvent").then().statusCode(200);
        given().header("Authorization", token).queryParam("patient", "Patient/" + other).when()
                .get("/api/v1/fhir/AuditEvent").then().statusCode(403);
        given().header("Authorization", token).when().get("/api/v1/fhir/AuditEvent").then().statusCode(403);
    }

    @Test
    void scopesNeverWidenAndForgedOrOddClaimsGetNothing() throws Exception {
        // read-only scope on a clinician: reads, cannot write
        String readOnly = token("dr-read", List.of("clinician"), "user/*.rs", null);
        given().header("Authorization", readOnly).when().get("/api/v1/patients/{id}", other).then().statusCode(200);
        given().header("Authorization", readOnly).contentType(ContentType.JSON).body(TestData.episodeJson("azathioprine", "2022-01-01", null))
                .when().post("/api/v1/patients/{id}/episodes", other).then().statusCode(403);
        // a viewer asking for write scopes stays a viewer
        String widened = token("viewer-wide", List.of("viewer"), "user/*.cruds system/*.cruds", null);
        given().header("Authorization", widened).contentType(ContentType.JSON).body(TestData.episodeJson("azathioprine", "2022-01-01", null))
                .when().post("/api/v1/patients/{id}/episodes", other).then().statusCode(403);
        given().header("Authorization", widened).urlEncodingEnabled(false).when().get("/api/v1/fhir/$export?_type=Patient")
                .then().statusCode(403);
        // a token with neither a role nor a clinical scope may do nothing
        for (String scope : new String[] {null, "openid fhirUser launch", "patient/Observation.rs"}) {
            String nothing = token("nobody", List.of(), scope, null);
            given().header("Authorization", nothing).when().get("/api/v1/patients/{id}", mine).then().statusCode(403);
            given().header("Authorization", nothing).when().get("/api/v1/drugs").then().statusCode(403);
        }
        // a patient claim that is not a patient id, or a scope claim that is not a string: no access at all
        given().header("Authorization", token("odd", List.of("clinician"), null, "Patient/" + mine)).when()
                .get("/api/v1/patients/{id}", mine).then().statusCode(403);
        given().header("Authorization", "Bearer " + TestTokens.withClaims(Map.of("sub", "odd", "groups", List.of("clinician"),
                "scope", List.of("user/*.cruds")))).when().get("/api/v1/patients/{id}", mine).then().statusCode(403);
        // a scope claim signed by another key is not a token at all
        var otherKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        String forged = Jwt.issuer(TestTokens.ISSUER).subject("mallory").claim("scope", "system/*.cruds").sign(otherKey);
        given().header("Authorization", "Bearer " + forged).when().get("/api/v1/patients").then().statusCode(401);
        // scope-only tokens work as documented
        given().header("Authorization", token("app", List.of(), "system/*.cruds", null)).urlEncodingEnabled(false)
                .when().get("/api/v1/fhir/$export?_type=Patient&patient=" + mine).then().statusCode(200);
        assertFalse(mine.equals(other));
    }

    private static String cds(String mrn) {
        return """
                {"hook":"patient-view","hookInstance":"%s","context":{"userId":"Practitioner/1","patientId":"ehr-42"},
                 "prefetch":{"patient":{"resourceType":"Patient","id":"ehr-42","identifier":[
                   {"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},
                    "system":"urn:oid:1.2.36.146.595.217.0.1","value":"%s"}]}}}""".formatted(UUID.randomUUID(), mrn);
    }
}
