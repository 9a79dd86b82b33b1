package org.myoline.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;
import org.myoline.contract.OpenApiValidationFilter;
import org.myoline.security.TestTokens;

/**
 * What real clients hit when they were pointed at the service (a generated Python client, Swagger UI, a
 * validating proxy, a browser app on another origin), one test per finding.
 */
@QuarkusTest
class RealClientsTest implements ApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    ClientDisconnects disconnects;

    private static OpenAPI contract() throws Exception {
        return new OpenAPIV3Parser().readContents(Files.readString(OpenApiValidationFilter.CONTRACT), null, null).getOpenAPI();
    }

    private static List<Operation> operations(OpenAPI api) {
        List<Operation> ops = new ArrayList<>();
        api.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/") || path.startsWith("/cds-services")) {
                ops.addAll(item.readOperations());
            }
        });
        return ops;
    }

    // 1. What a generated Python client sends: Accept: application/problem+json
    @Test
    void anAcceptOfProblemJsonGetsTheJsonAnswer() {
        given().accept(PROBLEM).when().get("/api/v1/drugs/methotrexate").then().statusCode(200)
                .contentType(ContentType.JSON).body("code", equalTo("methotrexate"));
        given().accept("*/*").when().get("/api/v1/drugs/methotrexate").then().statusCode(200);
        given().accept("application/problem+json, application/json;q=0.5").when().get("/api/v1/drugs/nonesuch").then()
                .statusCode(404).contentType(PROBLEM);
        given().accept("text/html").when().get("/api/v1/drugs/methotrexate").then().statusCode(406).contentType(PROBLEM);
    }

    // 2. Swagger UI pre-fills a header from its example: an Idempotency-Key must not have one
    @Test
    void theIdempotencyKeyHasNoFixedExample() throws Exception {
        int keys = 0;
        for (Operation op : operations(contract())) {
            for (Parameter p : op.getParameters() == null ? List.<Parameter>of() : op.getParameters()) {
                if (p.getName().equals("Idempotency-Key")) {
                    keys++;
                    assertEquals(null, p.getExample(), op.getOperationId());
                    assertEquals(null, p.getSchema().getExample(), op.getOperationId());
                    assertTrue(p.getDescription().contains("fresh UUID"), op.getOperationId());
                }
            }
        }
        assertTrue(keys >= 7, "every create takes an Idempotency-Key: " + keys);
        String patient = TestData.patientJson(TestData.uniqueMrn());
        String other = TestData.patientJson(TestData.uniqueMrn());
        String key = java.util.UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(patient).when().post("/api/v1/patients")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(other).when().post("/api/v1/patients")
                .then().statusCode(422).contentType(PROBLEM);
    }

    // Found by the generated TypeScript client: a required field the contract also called nullable let a generated
    // client send null, which the service refuses.
    @Test
    void noRequiredFieldIsNullable() throws Exception {
        List<String> both = new ArrayList<>();
        contract().getComponents().getSchemas().forEach((name, schema) -> {
            if (schema.getRequired() != null && schema.getProperties() != null) {
                for (String field : (List<String>) schema.getRequired()) {
                    var property = (io.swagger.v3.oas.models.media.Schema<?>) schema.getProperties().get(field);
                    if (property != null && Boolean.TRUE.equals(property.getNullable())) {
                        both.add(name + "." + field);
                    }
                }
            }
        });
        assertEquals(List.of(), both, "required and nullable at once");
        assertTrue(contract().getComponents().getSchemas().containsKey("PatientPatch"), "the merge-patch schemas exist");
    }

    // Found by the Prism gate: the contract requires hookInstance (a UUID) and context, the service did not.
    @Test
    void aCdsHooksCallWithoutHookInstanceOrContextIs400() {
        String prefetch = "{\"patient\":{\"resourceType\":\"Patient\",\"id\":\"1\"}}";
        given().contentType(ContentType.JSON).body("{\"hook\":\"patient-view\",\"prefetch\":" + prefetch + "}")
                .when().post("/cds-services/myoline-refractoriness").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("hookInstance")).body("errors.field", hasItem("context"));
        given().contentType(ContentType.JSON).body("{\"hook\":\"patient-view\",\"hookInstance\":\"call-1\","
                        + "\"context\":{\"patientId\":\"1\"},\"prefetch\":" + prefetch + "}")
                .when().post("/cds-services/myoline-refractoriness").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("hookInstance"));
    }

    // 3. The same value back as it went in, and a re-imported export changes nothing
    @Test
    void decimalsComeBackAsSentAndAReimportedExportIsIdempotent() {
        String body = TestData.patientJson(TestData.uniqueMrn()).replace("\"weightKg\":62.5", "\"weightKg\":58.00");
        String patient = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/patients").then()
                .statusCode(201).body("weightKg", equalTo(58)).extract().path("id");
        given().when().get("/api/v1/patients/{p}", patient).then().statusCode(200).body("weightKg", equalTo(58))
                .body("heightCm", equalTo(160));
        TestData.createEpisode(patient, """
                {"drug":"methotrexate","route":"SC","dose":{"value":20.000,"unit":"mg/wk"},"startDate":"2023-01-10"}""");
        int audit = given().when().get("/api/v1/patients/{p}/history", patient).then().statusCode(200).extract().path("totalItems");
        String export = given().when().get("/api/v1/patients/{p}/fhir", patient).then().statusCode(200).extract().asString();
        for (int i = 0; i < 2; i++) {
            given().header(org.myoline.contract.DefaultTokenFilter.AS, "integration").contentType("application/fhir+json")
                    .body(export.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/api/v1/fhir").then().statusCode(200)
                    .body("entry.response.outcome.issue.flatten().diagnostics", not(hasItem("updated")));
        }
        given().when().get("/api/v1/patients/{p}", patient).then().statusCode(200).body("version", equalTo(0));
        given().when().get("/api/v1/patients/{p}/history", patient).then().statusCode(200).body("totalItems", equalTo(audit));
    }

    // 4. Every status the service can answer is declared on every operation
    @Test
    void everyOperationDeclaresTheAnswersOfTheHttpEdge() throws Exception {
        OpenAPI api = contract();
        for (Operation op : operations(api)) {
            Map<String, ApiResponse> responses = op.getResponses();
            for (String status : List.of("400", "406", "414", "429", "431")) {
                assertTrue(responses.containsKey(status), op.getOperationId() + " declares " + status);
            }
            boolean memoryOnly = op.getOperationId().toLowerCase().contains("drug") || op.getOperationId().toLowerCase().contains("rule");
            assertEquals(!memoryOnly, responses.containsKey("503"), op.getOperationId() + " declares 503");
        }
        assertTrue(api.getComponents().getResponses().get("ServiceUnavailable").getHeaders().containsKey("Retry-After"));
    }

    // 5. The audit trail's "after" is what the response returned
    @Test
    void theAuditAfterStateCarriesTheNewVersion() {
        String mrn = TestData.uniqueMrn();
        String patient = TestData.createPatient(TestData.patientJson(mrn));
        String etag = given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(TestData.patientJson(mrn).replace("62.5", "63")).when().put("/api/v1/patients/{p}", patient)
                .then().statusCode(200).extract().header("ETag");
        assertEquals("\"1\"", etag);
        given().when().get("/api/v1/patients/{p}/history", patient).then().statusCode(200)
                .body("items.find { it.action == 'UPDATE' }.after.version", equalTo(1))
                .body("items.find { it.action == 'UPDATE' }.before.version", equalTo(0));
    }

    // 6. Examples that do not mislead
    @Test
    void examplesSayWhatTheyShow() throws Exception {
        OpenAPI api = contract();
        Map<String, ApiResponse> shared = api.getComponents().getResponses();
        String validation = example(shared.get("BadRequest"));
        for (String name : List.of("PayloadTooLarge", "UnsupportedMediaType", "ServerError", "NotAcceptable",
                "UriTooLong", "HeadersTooLarge", "TooManyRequests", "ServiceUnavailable")) {
            String example = example(shared.get(name));
            assertNotEquals(validation, example, name);
            assertTrue(example.contains("\"status\":" + statusOf(name)), name + ": " + example);
        }
        for (String name : List.of("Unauthorized", "Forbidden")) {
            assertTrue(!example(shared.get(name)).contains("instance"), name + " names no path of another operation");
        }
        Object drug = api.getComponents().getSchemas().get("Drug").getExample();
        assertTrue(String.valueOf(drug).replace(" ", "").matches("(?s).*rxnormIngredient\\W+code\\W+6851.*"),
                "an RxCUI, not an ATC code: " + drug);
    }

    private static String example(ApiResponse response) {
        return response.getContent().get(PROBLEM).getExamples().values().iterator().next().getValue().toString()
                .replace(" ", "");
    }

    private static int statusOf(String name) {
        return switch (name) {
            case "PayloadTooLarge" -> 413;
            case "UnsupportedMediaType" -> 415;
            case "ServerError" -> 500;
            case "NotAcceptable" -> 406;
            case "UriTooLong" -> 414;
            case "HeadersTooLarge" -> 431;
            case "TooManyRequests" -> 429;
            default -> 503;
        };
    }

    // 7. A partial update that erases nothing
    @Test
    void aMergePatchChangesOnlyWhatItNames() {
        String mrn = TestData.uniqueMrn();
        String patient = TestData.createPatient(TestData.patientJson(mrn));
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"weightKg\":57.5}")
                .when().patch("/api/v1/patients/{p}", patient).then().statusCode(200).header("ETag", "\"1\"")
                .body("weightKg", equalTo(57.5f)).body("diagnosisDate", equalTo("2020-01-10"))
                .body("features", hasItem("MUSCLE")).body("heightCm", equalTo(160));
        given().contentType("application/merge-patch+json").header("If-Match", "\"1\"").body("{\"heightCm\":null}")
                .when().patch("/api/v1/patients/{p}", patient).then().statusCode(200).body("heightCm", nullValue())
                .body("weightKg", equalTo(57.5f));
        given().contentType("application/merge-patch+json").header("If-Match", "\"1\"").body("{\"weightKg\":60}")
                .when().patch("/api/v1/patients/{p}", patient).then().statusCode(412);
        given().contentType("application/merge-patch+json").body("{\"weightKg\":60}")
                .when().patch("/api/v1/patients/{p}", patient).then().statusCode(428);
        given().contentType("application/merge-patch+json").header("If-Match", "\"2\"").body("{\"weightKg\":9000,\"colour\":1}")
                .when().patch("/api/v1/patients/{p}", patient).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("colour"));
        given().contentType("application/merge-patch+json").header("If-Match", "\"2\"").body("{\"weightKg\":9000}")
                .when().patch("/api/v1/patients/{p}", patient).then().statusCode(400).body("errors.field", hasItem("weightKg"));
        given().contentType("application/merge-patch+json").header("If-Match", "\"2\"").body("[1]")
                .when().patch("/api/v1/patients/{p}", patient).then().statusCode(400);
        given().contentType(ContentType.JSON).header("If-Match", "\"2\"").body("{\"weightKg\":60}")
                .when().patch("/api/v1/patients/{p}", patient).then().statusCode(415);
        String episode = TestData.createEpisode(patient, """
                {"drug":"methotrexate","route":"SC","dose":{"value":20,"unit":"mg/wk"},"startDate":"2023-01-10",
                 "notes":"weekly"}""");
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"endDate\":\"2023-06-30\",\"stopReason\":\"INEFFICACY\",\"response\":\"NONE\"}")
                .when().patch("/api/v1/patients/{p}/episodes/{e}", patient, episode).then().statusCode(200)
                .body("endDate", equalTo("2023-06-30")).body("notes", equalTo("weekly")).body("dose.value", equalTo(20));
        given().when().get("/api/v1/patients/{p}/history", patient).then().statusCode(200)
                .body("items.findAll { it.action == 'UPDATE' }.size()", equalTo(3));
    }

    // 8. A client hanging up is not a server error
    @Test
    void aClientHangingUpIsCountedNotLoggedAsAnError() throws Exception {
        List<LogRecord> errors = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    synchronized (errors) {
                        errors.add(r);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        double before = disconnects.count();
        Logger.getLogger("").addHandler(capture);
        try {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
                socket.getOutputStream().write(("POST /api/v1/patients HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + TestTokens.clinician() + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"mrn\":\"a")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                Thread.sleep(300);
            }
            long deadline = System.currentTimeMillis() + 5000;
            while (disconnects.count() == before && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        assertEquals(before + 1, disconnects.count(), "counted once");
        assertTrue(errors.isEmpty(), "no ERROR: " + (errors.isEmpty() ? "" : errors.get(0).getMessage()));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("myoline_http_client_disconnects_total"));
    }

    // 9. A browser app on the EHR's origin may call the API; others may not
    @Test
    void corsAllowsTheConfiguredOriginOnly() {
        given().header("Origin", "https://ehr.test.example").header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                .when().options("/api/v1/patients/0b6f4c1e-54a4-4a57-9d9a-8f0f1d7c2e11").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://ehr.test.example")
                .header("Access-Control-Allow-Methods", containsString("PATCH"));
        given().header("Origin", "https://ehr.test.example").when().get("/api/v1/drugs/methotrexate").then()
                .statusCode(200).header("Access-Control-Allow-Origin", "https://ehr.test.example")
                .header("Access-Control-Expose-Headers", containsString("ETag"));
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/drugs").then().statusCode(403);
    }
}
