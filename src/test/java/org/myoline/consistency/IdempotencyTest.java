package org.myoline.consistency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;
import org.myoline.contract.DefaultTokenFilter;

@QuarkusTest
class IdempotencyTest implements ApiTest {

    @Test
    void retryWithTheSameKeyAndBodyReturnsTheOriginalResultWithoutADuplicate() {
        String key = UUID.randomUUID().toString();
        String mrn = TestData.uniqueMrn();
        Response first = post("/api/v1/patients", key, TestData.patientJson(mrn));
        Response retry = post("/api/v1/patients", key, TestData.patientJson(mrn));
        assertEquals(201, first.statusCode());
        assertEquals(201, retry.statusCode());
        assertEquals(first.jsonPath().getString("id"), retry.jsonPath().getString("id"));
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals("true", retry.header("Idempotent-Replayed"));
        given().queryParam("mrn", mrn).when().get("/api/v1/patients").then().body("totalItems", equalTo(1));
    }

    @Test
    void theSameKeyWithADifferentBodyIs422() {
        String key = UUID.randomUUID().toString();
        String patient = TestData.createPatient();
        assertEquals(201, post("/api/v1/patients/" + patient + "/episodes", key,
                TestData.episodeJson("methotrexate", "2021-01-01", null)).statusCode());
        Response reuse = post("/api/v1/patients/" + patient + "/episodes", key,
                TestData.episodeJson("azathioprine", "2021-01-01", null));
        assertEquals(422, reuse.statusCode());
        assertEquals("urn:myoline:problem:idempotency-key-reused", reuse.jsonPath().getString("type"));
        given().when().get("/api/v1/patients/{p}/episodes", patient).then().body("size()", equalTo(1));
    }

    @Test
    void keysBelongToTheirCaller() {
        String key = UUID.randomUUID().toString();
        Response clinician = post("/api/v1/patients", key, TestData.patientJson(TestData.uniqueMrn()));
        Response integration = given().header(DefaultTokenFilter.AS, "integration").header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(TestData.patientJson(TestData.uniqueMrn()))
                .when().post("/api/v1/patients");
        assertEquals(201, clinician.statusCode());
        assertEquals(201, integration.statusCode(), "another caller's key does not collide");
    }

    @Test
    void aMalformedKeyIs400() {
        given().header("Idempotency-Key", "has spaces in it").contentType(ContentType.JSON)
                .body(TestData.patientJson(TestData.uniqueMrn()))
                .when().post("/api/v1/patients")
                .then().statusCode(400).body("errors.field", hasItem("Idempotency-Key"));
    }

    @Test
    void concurrentRetriesCreateExactlyOne() throws Exception {
        String key = UUID.randomUUID().toString();
        String patient = TestData.createPatient();
        String body = TestData.episodeJson("mycophenolate", "2021-01-01", null);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Response>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Callable<Response> call = () -> post("/api/v1/patients/" + patient + "/episodes", key, body);
                results.add(pool.submit(call));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Response> f : results) {
                Response r = f.get();
                // The first commits; racing copies either replay it (201) or are told to retry (409).
                if (r.statusCode() == 201) {
                    ids.add(r.jsonPath().getString("id"));
                } else {
                    assertEquals(409, r.statusCode(), r.asString());
                }
            }
            assertEquals(1, ids.stream().distinct().count(), "every 201 names the same episode: " + ids);
        } finally {
            pool.shutdownNow();
        }
        given().when().get("/api/v1/patients/{p}/episodes", patient).then().body("size()", equalTo(1));
        Response retry = post("/api/v1/patients/" + patient + "/episodes", key, body);
        assertEquals(201, retry.statusCode());
    }

    private static Response post(String path, String key, String body) {
        return given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).when().post(path);
    }
}
