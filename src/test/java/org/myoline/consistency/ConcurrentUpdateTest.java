package org.myoline.consistency;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;

/** No lost updates: parallel writers based on the same version; exactly the accepted writes are visible. */
@QuarkusTest
class ConcurrentUpdateTest implements ApiTest {

    @Test
    void parallelWritesOnTheSameVersionAcceptOneAndRejectTheRestWith412() throws Exception {
        String mrn = TestData.uniqueMrn();
        String patient = TestData.createPatient(TestData.patientJson(mrn));
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String body = TestData.patientJson(mrn).replace("62.5", Integer.toString(50 + i));
            results.add(pool.submit(() -> {
                start.await();
                return given().header("If-Match", "\"0\"").contentType(ContentType.JSON).body(body)
                        .when().put("/api/v1/patients/{id}", patient);
            }));
        }
        start.countDown();
        List<Response> accepted = new ArrayList<>();
        int rejected = 0;
        for (Future<Response> f : results) {
            Response r = f.get(30, TimeUnit.SECONDS);
            if (r.statusCode() == 200) {
                accepted.add(r);
            } else {
                assertEquals(412, r.statusCode(), r.asString());
                rejected++;
            }
        }
        pool.shutdownNow();
        assertEquals(1, accepted.size(), "exactly one writer wins");
        assertEquals(writers - 1, rejected);
        float winner = accepted.get(0).jsonPath().getFloat("weightKg");
        Response now = given().when().get("/api/v1/patients/{id}", patient);
        assertEquals(winner, now.jsonPath().getFloat("weightKg"), 0.001, "the accepted write is the stored state");
        assertEquals(1, now.jsonPath().getInt("version"));
        assertEquals(1, given().when().get("/api/v1/patients/{id}/history", patient).jsonPath()
                .getList("items.findAll { it.action == 'UPDATE' }").size(), "one audit row per accepted write");
    }

    @Test
    void readModifyWriteWithRetriesLosesNothing() throws Exception {
        String mrn = TestData.uniqueMrn();
        String patient = TestData.createPatient(TestData.patientJson(mrn).replace("62.5", "10"));
        int writers = 4;
        int incrementsEach = 5;
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                int accepted = 0;
                while (accepted < incrementsEach) {
                    Response read = given().when().get("/api/v1/patients/{id}", patient);
                    int weight = Math.round(read.jsonPath().getFloat("weightKg"));
                    String body = TestData.patientJson(mrn).replace("62.5", Integer.toString(weight + 1));
                    int status = given().header("If-Match", read.header("ETag")).contentType(ContentType.JSON).body(body)
                            .when().put("/api/v1/patients/{id}", patient).statusCode();
                    if (status == 200) {
                        accepted++;
                    } else {
                        assertEquals(412, status);
                        conflicts.incrementAndGet();
                    }
                }
                return accepted;
            }));
        }
        int total = 0;
        for (Future<Integer> f : done) {
            total += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
        Response now = given().when().get("/api/v1/patients/{id}", patient);
        assertEquals(10 + total, Math.round(now.jsonPath().getFloat("weightKg")), "every accepted increment is visible");
        assertEquals(total, now.jsonPath().getInt("version"));
        assertTrue(total == writers * incrementsEach);
        System.out.println("read-modify-write: " + total + " accepted, " + conflicts.get() + " rejected with 412");
    }
}
