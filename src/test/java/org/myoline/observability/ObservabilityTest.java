package org.myoline.observability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;
import org.myoline.contract.DefaultTokenFilter;

@QuarkusTest
class ObservabilityTest implements ApiTest {

    @Test
    void prometheusHasPerOperationLatencyHistogramsAndEngineTime() {
        String patient = TestData.createPatient();
        given().when().get("/api/v1/patients/{id}", patient).then().statusCode(200);
        given().when().get("/api/v1/patients/{id}/assessment", patient).then().statusCode(200);
        given().when().get("/api/v1/patients/{id}/timeline", patient).then().statusCode(200);
        String metrics = given().header(DefaultTokenFilter.AS, "anonymous").when().get("/q/metrics")
                .then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("http_server_requests_seconds_bucket{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/patients/{id}\""),
                "per-operation latency histogram");
        assertTrue(metrics.contains("myoline_engine_evaluation_seconds_count{view=\"assessment\"}"), "engine time (assessment)");
        assertTrue(metrics.contains("myoline_engine_evaluation_seconds_bucket{view=\"timeline\""), "engine histogram (timeline)");
        assertFalse(metrics.contains(patient), "no patient ids in metric labels");
    }

    @Test
    void requestIdIsEchoedOrAssigned() {
        given().header("X-Request-Id", "ward-7:abc-123").when().get("/api/v1/drugs")
                .then().statusCode(200).header("X-Request-Id", equalTo("ward-7:abc-123"));
        given().when().get("/api/v1/drugs")
                .then().statusCode(200).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        given().header("X-Request-Id", "bad id with spaces <script>").when().get("/api/v1/drugs")
                .then().statusCode(200).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void oversizedBodiesAre413() {
        String huge = "{\"mrn\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        given().contentType(ContentType.JSON).body(huge).when().post("/api/v1/patients")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:myoline:problem:payload-too-large"));
    }

    @Test
    void patientIdentifiersAndNotesNeverReachTheLogs() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage() == null ? "" : record.getMessage();
                if (record.getParameters() != null) {
                    for (Object p : record.getParameters()) {
                        message += " " + p;
                    }
                }
                if (record.getThrown() != null) {
                    message += " " + record.getThrown();
                }
                synchronized (lines) {
                    lines.add(message);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            String mrn = "PII-" + TestData.uniqueMrn();
            String patient = TestData.createPatient(TestData.patientJson(mrn));
            String note = "SECRET-NOTE-" + System.nanoTime();
            given().contentType(ContentType.JSON).body("""
                    {"drug":"methotrexate","route":"SC","dose":{"value":15,"unit":"mg/wk"},"startDate":"2021-01-01","notes":"%s"}"""
                    .formatted(note)).when().post("/api/v1/patients/{p}/episodes", patient).then().statusCode(201);
            // errors too: a duplicate MRN, a bad body carrying the note, an unknown drug
            given().contentType(ContentType.JSON).body(TestData.patientJson(mrn)).when().post("/api/v1/patients")
                    .then().statusCode(409);
            given().contentType(ContentType.JSON).body("{\"drug\":\"" + note + "\"}")
                    .when().post("/api/v1/patients/{p}/episodes", patient).then().statusCode(400);
            given().when().get("/api/v1/patients/{p}/assessment", patient).then().statusCode(200);
        } finally {
            root.removeHandler(capture);
        }
        synchronized (lines) {
            for (String line : lines) {
                assertFalse(line.contains("PII-") || line.contains("SECRET-NOTE-"), "leaked into the logs: " + line);
            }
        }
    }

    @Test
    void livenessStaysOpen() {
        given().header(DefaultTokenFilter.AS, "anonymous").when().get("/q/health/live")
                .then().statusCode(200).body(containsString("UP"));
    }
}
