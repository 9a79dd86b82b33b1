package org.myoline.clinical;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;

/**
 * Reads must cost a constant number of SQL statements: a timeline or assessment whatever the history's
 * length, and a page of patients whatever the page size (no statement per patient).
 */
@QuarkusTest
class StatementCountTest implements ApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SessionFactory sessionFactory;

    @Test
    void historyReadsAreOneStatementWhateverTheLength() {
        String shortHistory = patientWith(3);
        String longHistory = patientWith(60);
        assertEquals(1, statementsToRead(shortHistory));
        assertEquals(1, statementsToRead(longHistory));
        // and the endpoints use that reader without any ORM statement
        sessionFactory.getStatistics().setStatisticsEnabled(true);
        sessionFactory.getStatistics().clear();
        given().when().get("/api/v1/patients/{id}/assessment", longHistory).then().statusCode(200);
        given().when().get("/api/v1/patients/{id}/timeline", longHistory).then().statusCode(200);
        assertEquals(0, sessionFactory.getStatistics().getPrepareStatementCount(), "no ORM statements on the read path");
    }

    @Test
    void aPageOfPatientsIsNotOneQueryPerPatient() {
        for (int i = 0; i < 12; i++) {
            TestData.createPatient();
        }
        sessionFactory.getStatistics().setStatisticsEnabled(true);
        sessionFactory.getStatistics().clear();
        given().queryParam("size", 2).when().get("/api/v1/patients").then().statusCode(200);
        long small = sessionFactory.getStatistics().getPrepareStatementCount();
        sessionFactory.getStatistics().clear();
        given().queryParam("size", 12).when().get("/api/v1/patients").then().statusCode(200);
        long large = sessionFactory.getStatistics().getPrepareStatementCount();
        assertEquals(small, large, "statements must not grow with the page size");
        assertTrue(large <= 5, "page, count, and one batched load each of features, subtype conversions and dated "
                + "features: " + large);
    }

    @Test
    void aNewRecordIsOneReadAndOneInsertThroughTheOrm() {
        String patient = patientWith(5);
        sessionFactory.getStatistics().setStatisticsEnabled(true);
        sessionFactory.getStatistics().clear();
        TestData.createEpisode(patient, TestData.episodeJson("azathioprine", "2024-02-01", null));
        // the patient with its episode count in one statement, then the insert (the audit row and the history
        // version go through JDBC in the same transaction)
        assertEquals(2, sessionFactory.getStatistics().getPrepareStatementCount(),
                "statements of POST episode through the ORM");
    }

    private String patientWith(int episodes) {
        String patient = TestData.createPatient();
        for (int i = 0; i < episodes; i++) {
            TestData.createEpisode(patient, TestData.episodeJson(i % 2 == 0 ? "methotrexate" : "ivig",
                    java.time.LocalDate.of(2010, 1, 1).plusDays(30L * i).toString(), null));
        }
        return patient;
    }

    /** Statements the history reader prepares, counted through a wrapper around the real datasource. */
    private int statementsToRead(String patient) {
        AtomicInteger statements = new AtomicInteger();
        HistoryReader reader = new HistoryReader();
        reader.dataSource = (AgroalDataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AgroalDataSource.class}, forward(dataSource, (method, result) -> {
                    if (method.equals("getConnection")) {
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                                forward(result, (m, r) -> {
                                    if (m.equals("prepareStatement") || m.equals("createStatement") || m.equals("prepareCall")) {
                                        statements.incrementAndGet();
                                    }
                                    return r;
                                }));
                    }
                    return result;
                }));
        assertTrue(reader.read(UUID.fromString(patient)).isPresent());
        return statements.get();
    }

    private interface After {
        Object apply(String method, Object result);
    }

    private static InvocationHandler forward(Object target, After after) {
        return (proxy, method, args) -> {
            try {
                return after.apply(method.getName(), method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }
}
