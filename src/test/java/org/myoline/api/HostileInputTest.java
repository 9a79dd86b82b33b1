package org.myoline.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;
import org.myoline.security.TestTokens;

/**
 * What 9,600 fuzzed requests broke, one test per finding: each answers a problem (or a FHIR OperationOutcome on
 * FHIR paths), never a 500, an empty body or a half-write.
 */
@QuarkusTest
class HostileInputTest implements ApiTest {

    private static final String PROBLEM = "application/problem+json";

    private static String bearer() {
        return "Authorization: Bearer " + TestTokens.clinician();
    }

    // 1. A key given twice
    static Stream<Arguments> duplicateKeys() {
        return Stream.of(
                Arguments.of("/api/v1/patients", """
                        {"mrn":"DK-1","birthDate":"1968-04-02","sex":"female","subtype":"CLASSIC","diagnosisDate":null,\
                        "features":[],"heightCm":null,"weightKg":null,"mrn":"DK-2"}""", "mrn"),
                Arguments.of("/api/v1/patients", """
                        {"mrn":"DK-3","mrn":"DK-4","birthDate":"1968-04-02","sex":"female","subtype":"CLASSIC"}""", "mrn"),
                Arguments.of("/api/v1/patients/{p}/events", """
                        {"date":"2024-06-10","type":"FLARE","domain":"SKIN","domain":"MUSCLE"}""", "domain"),
                Arguments.of("/api/v1/patients/{p}/observations", """
                        {"date":"2024-06-10","type":"CK_U_PER_L","value":100,"value":200}""", "value"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("duplicateKeys")
    void aKeyGivenTwiceIs400NamingIt(String path, String body, String field) {
        String patient = TestData.createPatient();
        long patients = total();
        given().contentType(ContentType.JSON).body(body).when().post(path.replace("{p}", patient)).then()
                .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem(field))
                .body("errors.message", hasItem("appears more than once in the same object"));
        assertEquals(patients, total(), "nothing written");
    }

    @Test
    void aCdsHooksCallWithADuplicateKeyIs400() {
        given().contentType(ContentType.JSON)
                .body("{\"hook\":\"patient-view\",\"hookInstance\":\"a\",\"hookInstance\":\"b\",\"context\":{}}")
                .when().post("/cds-services/myoline-refractoriness").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("hookInstance"));
    }

    // 2. A groups claim that is an object
    @Test
    void aTokenWithAGroupsObjectIs401() {
        String token = TestTokens.withClaims(Map.of("sub", "odd", "upn", "odd", "groups", Map.of("clinician", true)));
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/drugs").then().statusCode(401)
                .contentType(PROBLEM);
    }

    // 3. An empty or unparsable Accept
    @Test
    void anEmptyOrUnparsableAcceptMeansAnyType() {
        RawHttp.Answer empty = RawHttp.request("GET", "/api/v1/cohorts/outcomes?drug=methotrexate", bearer(), "Accept:");
        assertEquals(200, empty.status(), empty.body());
        assertTrue(empty.header("content-type").startsWith("application/json"), empty.header("content-type"));
        RawHttp.Answer garbage = RawHttp.request("GET", "/api/v1/drugs/methotrexate", bearer(), "Accept: ;;,garbage");
        assertEquals(200, garbage.status(), garbage.body());
    }

    // 4. Bundle.entry as an object
    @Test
    void aBundleWhoseEntryIsAnObjectIs400() {
        given().contentType("application/fhir+json").body("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":{\"a\":1}}")
                .when().post("/api/v1/fhir").then().statusCode(400).contentType(containsString("application/fhir+json"))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("Bundle.entry must be an array"));
        given().contentType("application/fhir+json").body("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[7]}")
                .when().post("/api/v1/fhir").then().statusCode(422).body("issue.diagnostics", hasItem(containsString("must be an object")));
    }

    // 5. Dates with spaces around them
    @Test
    void aFhirDateWithSpacesIsRejectedAlone() {
        String mrn = TestData.uniqueMrn();
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:1","request":{"method":"POST",\
                "url":"Patient"},"resource":{"resourceType":"Patient","identifier":[{"type":{"coding":[{"system":\
                "http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"system":"urn:myoline:mrn","value":"%s"}],\
                "birthDate":" 1968-04-02 "}}]}""".formatted(mrn);
        given().contentType("application/fhir+json").body(bundle).when().post("/api/v1/fhir").then().statusCode(422)
                .body("issue.diagnostics", hasItem(containsString("Patient.birthDate")));
        given().queryParam("mrn", mrn).when().get("/api/v1/patients").then().statusCode(200).body("totalItems", equalTo(0));
    }

    // 6. A timing period of zero
    @Test
    void aTimingPeriodOfZeroIsRejectedNotDividedBy() {
        String mrn = TestData.uniqueMrn();
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:p","request":{"method":"POST","url":"Patient"},
                 "resource":{"resourceType":"Patient","identifier":[{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},
                 "system":"urn:myoline:mrn","value":"%s"}],"birthDate":"1968-04-02"}},
                 {"fullUrl":"urn:uuid:c","request":{"method":"POST","url":"Condition"},"resource":{"resourceType":"Condition",
                 "subject":{"reference":"urn:uuid:p"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"396230008"}]},
                 "onsetDateTime":"2020-01-10"}},
                 {"fullUrl":"urn:uuid:m","request":{"method":"POST","url":"MedicationRequest"},"resource":{"resourceType":"MedicationRequest",
                 "identifier":[{"system":"urn:x","value":"m-%s"}],"status":"active","intent":"order","subject":{"reference":"urn:uuid:p"},
                 "medicationCodeableConcept":{"coding":[{"system":"http://www.whocc.no/atc","code":"L04AX03"}]},"authoredOn":"2021-01-01",
                 "dosageInstruction":[{"route":{"coding":[{"system":"http://snomed.info/sct","code":"26643006"}]},
                 "timing":{"repeat":{"frequency":1,"period":0,"periodUnit":"wk"}},
                 "doseAndRate":[{"doseQuantity":{"value":15,"system":"http://unitsofmeasure.org","code":"mg"}}]}]}}]}"""
                .formatted(mrn, mrn);
        given().contentType("application/fhir+json").body(bundle).when().post("/api/v1/fhir").then().statusCode(422)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    // 7 and 12. NDJSON: a line that is not valid FHIR rejects its patient whole; a BOM and CR-only lines are read
    @Test
    void anUnreadableNdjsonLineRejectsItsWholePatient() {
        String mrn = TestData.uniqueMrn();
        String ndjson = "\uFEFF" + String.join("\r", ndjsonPatient(mrn, "bogus")) + "\r";
        JsonPath answer = given().header(org.myoline.contract.DefaultTokenFilter.AS, "integration")
                .contentType("application/fhir+ndjson").urlEncodingEnabled(false).body(ndjson.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/fhir/$import").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("422 Unprocessable Entity", "422 Unprocessable Entity", "422 Unprocessable Entity"),
                answer.getList("entry.response.status"), "three lines read, all rejected together");
        given().queryParam("mrn", mrn).when().get("/api/v1/patients").then().statusCode(200).body("totalItems", equalTo(0));
        String good = String.join("\r\n", ndjsonPatient(mrn, "active"));
        given().header(org.myoline.contract.DefaultTokenFilter.AS, "integration").contentType("application/fhir+ndjson")
                .urlEncodingEnabled(false).body(("\uFEFF" + good).getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/fhir/$import").then()
                .statusCode(200).body("entry[0].response.status", startsWith("201"));
        given().queryParam("mrn", mrn).when().get("/api/v1/patients").then().statusCode(200).body("totalItems", equalTo(1));
    }

    // Found by the fuzz gate on PostgreSQL: a line that repeats a key cannot be read strictly, but it still names
    // its patient, who must not be written without it.
    @Test
    void anNdjsonLineWithARepeatedKeyRejectsItsWholePatient() {
        String mrn = TestData.uniqueMrn();
        List<String> lines = new java.util.ArrayList<>(ndjsonPatient(mrn, "active"));
        lines.set(2, lines.get(2).replaceFirst("\\{", "{\"resourceType\":\"MedicationStatement\","));
        JsonPath answer = given().header(org.myoline.contract.DefaultTokenFilter.AS, "integration")
                .contentType("application/fhir+ndjson").urlEncodingEnabled(false)
                .body(String.join("\n", lines).getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/fhir/$import").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("422 Unprocessable Entity", "422 Unprocessable Entity", "422 Unprocessable Entity"),
                answer.getList("entry.response.status"), "the unreadable line takes its patient's other lines with it");
        given().queryParam("mrn", mrn).when().get("/api/v1/patients").then().statusCode(200).body("totalItems", equalTo(0));
    }

    // Found by the fuzz gate: a five-digit or signed year parsed as a date and came back longer than a contract date.
    @Test
    void aDateOutsideYyyyMmDdIs400() {
        String patient = given().contentType("application/json").header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .body("{\"mrn\":\"%s\",\"birthDate\":\"1968-04-02\",\"sex\":\"female\",\"subtype\":\"CLASSIC\"}"
                        .formatted(TestData.uniqueMrn()))
                .when().post("/api/v1/patients").then().statusCode(201).extract().path("id");
        for (String date : List.of("+10000-01-01", "-0001-01-01", "2024-1-01")) {
            given().contentType("application/json").header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                    .body("{\"drug\":\"methotrexate\",\"route\":\"SC\",\"dose\":{\"value\":15,\"unit\":\"mg/wk\"},"
                            + "\"startDate\":\"2024-01-15\",\"endDate\":\"" + date + "\"}")
                    .when().post("/api/v1/patients/" + patient + "/episodes").then().statusCode(400)
                    .contentType(containsString("application/problem+json")).body("errors[0].field", equalTo("endDate"));
            given().queryParam("asOf", date).when().get("/api/v1/patients/" + patient + "/assessment").then().statusCode(400)
                    .body("errors[0].field", equalTo("asOf"));
        }
    }

    // Found by the fuzz gate on PostgreSQL, which refuses U+0000 in text: refused up front on every database.
    @Test
    void aNulCharacterIsRefusedNamingTheField() {
        String patient = given().contentType("application/json").header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .body("{\"mrn\":\"%s\",\"birthDate\":\"1968-04-02\",\"sex\":\"female\",\"subtype\":\"CLASSIC\"}"
                        .formatted(TestData.uniqueMrn()))
                .when().post("/api/v1/patients").then().statusCode(201).extract().path("id");
        given().contentType("application/json").header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .body("{\"drug\":\"methotrexate\",\"route\":\"SC\",\"dose\":{\"value\":15,\"unit\":\"mg/wk\"},"
                        + "\"startDate\":\"2024-01-15\",\"notes\":\"a\\u0000b\"}")
                .when().post("/api/v1/patients/" + patient + "/episodes").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("notes")).body("errors[0].message", containsString("NUL"));
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:1","request":{"method":"POST",\
                "url":"Patient"},"resource":{"resourceType":"Patient","identifier":[{"type":{"coding":[{"system":\
                "http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"system":"urn:myoline:mrn","value":"\\u0000"}],\
                "birthDate":"1968-04-02"}}]}""";
        given().contentType("application/fhir+json").body(bundle).when().post("/api/v1/fhir").then().statusCode(422)
                .body("issue.diagnostics", hasItem(containsString("NUL")));
    }

    private static List<String> ndjsonPatient(String mrn, String status) {
        return List.of("""
                {"resourceType":"Patient","id":"p1","identifier":[{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"system":"urn:myoline:mrn","value":"%s"}],"birthDate":"1968-04-02"}"""
                .formatted(mrn), """
                {"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"396230008"}]},"onsetDateTime":"2020-01-10"}""",
                """
                {"resourceType":"MedicationStatement","id":"m1","identifier":[{"system":"urn:x","value":"m-%s"}],"status":"%s","subject":{"reference":"Patient/p1"},"medicationCodeableConcept":{"coding":[{"system":"http://www.whocc.no/atc","code":"L04AX03"}]},"effectivePeriod":{"start":"2021-01-01"},"dosage":[{"route":{"coding":[{"system":"http://snomed.info/sct","code":"26643006"}]},"doseAndRate":[{"doseQuantity":{"value":15,"system":"http://unitsofmeasure.org","code":"mg/wk"}}]}]}"""
                .formatted(mrn, status));
    }

    // 8. A chunked body over the limit
    @Test
    void aChunkedBodyOverTheLimitIs413WithAProblem() {
        byte[] big = ("{\"mrn\":\"" + "a".repeat(1_200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer answer = RawHttp.send("POST /api/v1/patients HTTP/1.1\r\nHost: localhost\r\n" + bearer()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                RawHttp.chunked(big));
        assertEquals(413, answer.status());
        assertEquals(PROBLEM, answer.header("content-type"));
        assertTrue(answer.body().contains("urn:myoline:problem:payload-too-large"), answer.body());
    }

    @Test
    void aContentTypeThatIsNotAMediaTypeIs415AndAnUnreadableMultipartBodyIs400() {
        String head = "POST /api/v1/fhir/$import HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + org.myoline.security.TestTokens.mint("test-integration", "integration") + "\r\nConnection: close\r\n";
        byte[] body = "x".getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer garbage = RawHttp.send(head + "Content-Type: garbage\r\nContent-Length: 1\r\n\r\n", body);
        assertEquals(415, garbage.status(), garbage.body());
        assertEquals(PROBLEM, garbage.header("content-type"));
        for (String prefer : List.of("", "Prefer: respond-async\r\n")) {
            RawHttp.Answer multipart = RawHttp.send(head + prefer
                    + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 1\r\n\r\n", body);
            assertEquals(400, multipart.status(), multipart.body());
            assertTrue(multipart.body().contains("urn:myoline:problem:malformed-body"), multipart.body());
        }
    }

    @Test
    void aChunkedMultipartBodyOverTheLimitIs413UnlessItIsABulkUpload() {
        String part = "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.ndjson\"\r\n"
                + "Content-Type: application/fhir+ndjson\r\n\r\n" + "{\"resourceType\":\"Patient\"}\n".repeat(50_000)
                + "\r\n--b0undary--\r\n";
        byte[] big = part.getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/fhir/$import HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + org.myoline.security.TestTokens.mint("test-integration", "integration")
                + "\r\nContent-Type: multipart/form-data; boundary=b0undary\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n";
        RawHttp.Answer answer = RawHttp.send(head + "\r\n", RawHttp.chunked(big));
        assertEquals(413, answer.status(), answer.body());
        RawHttp.Answer bulk = RawHttp.send(head + "Prefer: respond-async\r\n\r\n", RawHttp.chunked(big));
        assertEquals(202, bulk.status(), bulk.body());
        String status = bulk.header("content-location");
        given().header(org.myoline.contract.DefaultTokenFilter.AS, "integration").when()
                .delete(status.substring(status.indexOf("/api/v1/"))).then().statusCode(202); // not worth importing
    }

    @Test
    void aSmallChunkedBodyIsReadAsUsual() {
        byte[] body = TestData.patientJson(TestData.uniqueMrn()).getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer answer = RawHttp.send("POST /api/v1/patients HTTP/1.1\r\nHost: localhost\r\n" + bearer()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                RawHttp.chunked(body));
        assertEquals(201, answer.status(), answer.body());
    }

    // 9. Failures of the HTTP layer
    static Stream<Arguments> httpLayer() {
        return Stream.of(
                Arguments.of("a malformed percent-escape", "/api/v1/patients/%ZZ", "", 400, "malformed-request"),
                Arguments.of("a 9 KB path", "/api/v1/patients/" + "a".repeat(9000), "", 414, "uri-too-long"),
                Arguments.of("a 40 KB token", "/api/v1/drugs", "Authorization: Bearer " + "a".repeat(40_000), 431,
                        "headers-too-large"),
                Arguments.of("a 15 KB token is just invalid", "/api/v1/drugs", "Authorization: Bearer " + "a".repeat(15_000),
                        401, "unauthorized"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpLayer")
    void theHttpLayerAnswersProblems(String name, String target, String header, int status, String type) {
        RawHttp.Answer answer = header.isEmpty() ? RawHttp.request("GET", target, bearer())
                : RawHttp.request("GET", target, header);
        assertEquals(status, answer.status(), answer.body());
        assertEquals(PROBLEM, answer.header("content-type"));
        assertTrue(answer.body().contains("urn:myoline:problem:" + type), answer.body());
    }

    // 10. If-Match with a weak tag
    @Test
    void aWeakEtagNeverMatches() {
        String patient = TestData.createPatient();
        String episode = TestData.createEpisode(patient, TestData.episodeJson("methotrexate", "2023-01-01", null));
        given().header("If-Match", "W/\"0\"").when().delete("/api/v1/patients/{p}/episodes/{e}", patient, episode).then()
                .statusCode(412).contentType(PROBLEM);
        given().header("If-Match", "W/\"0\"").when().delete("/api/v1/patients/{p}", patient).then().statusCode(412);
        given().header("If-Match", "\"0\"").when().delete("/api/v1/patients/{p}/episodes/{e}", patient, episode).then()
                .statusCode(204);
    }

    // 11. A wrong method on a sub-path
    @Test
    void aWrongMethodOnASubPathIs405WithAllow() {
        String patient = TestData.createPatient();
        given().when().patch("/api/v1/patients/{p}/timeline", patient).then().statusCode(405).contentType(PROBLEM)
                .header("Allow", "GET, HEAD, OPTIONS");
        given().when().delete("/api/v1/patients/{p}/assessment", patient).then().statusCode(405)
                .header("Allow", containsString("GET"));
        given().when().get("/api/v1/patients/{p}/nothing", patient).then().statusCode(404).contentType(PROBLEM);
    }

    private static long total() {
        return given().queryParam("size", 1).when().get("/api/v1/patients").then().statusCode(200).extract()
                .jsonPath().getLong("totalItems");
    }
}
