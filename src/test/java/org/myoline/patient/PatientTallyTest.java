package org.myoline.patient;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;

/**
 * The listing's total is read from a tally the service keeps (V5) rather than counted: it must stay equal to
 * the real number of patients through concurrent creates and deletes, and through writes that fail.
 */
@QuarkusTest
class PatientTallyTest implements ApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void totalStaysTheRealCountThroughConcurrentCreatesDeletesAndFailures() throws Exception {
        List<String> doomed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            doomed.add(TestData.createPatient());
        }
        String taken = TestData.uniqueMrn();
        TestData.createPatient(TestData.patientJson(taken));

        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 18; i++) {
                Callable<Integer> create = () -> given().contentType(ContentType.JSON)
                        .body(TestData.patientJson(TestData.uniqueMrn())).when().post("/api/v1/patients").statusCode();
                calls.add(pool.submit(create));
            }
            for (String id : doomed) {
                calls.add(pool.submit(() -> given().header("If-Match", "\"0\"").when()
                        .delete("/api/v1/patients/{id}", id).statusCode()));
            }
            for (int i = 0; i < 3; i++) {
                calls.add(pool.submit(() -> given().contentType(ContentType.JSON).body(TestData.patientJson(taken))
                        .when().post("/api/v1/patients").statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
            assertEquals(18, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(6, statuses.stream().filter(s -> s == 204).count(), statuses.toString());
            assertEquals(3, statuses.stream().filter(s -> s == 409).count(), "duplicate MRNs refused: " + statuses);
        } finally {
            pool.shutdownNow();
        }
        // A stale If-Match fails after the patient was found: the tally must not move either.
        String kept = TestData.createPatient();
        given().header("If-Match", "\"7\"").when().delete("/api/v1/patients/{id}", kept).then().statusCode(412);

        long listed = given().when().get("/api/v1/patients").then().statusCode(200)
                .extract().jsonPath().getLong("totalItems");
        assertEquals(countRows(), listed);
    }

    private long countRows() throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet r = c.createStatement()
                .executeQuery("SELECT COUNT(*) FROM patient")) {
            r.next();
            return r.getLong(1);
        }
    }
}
