package org.myoline.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;

/** The retention purge ends old audit records, leaves recent ones and all clinical data, and records itself. */
@QuarkusTest
class RetentionPurgeTest implements ApiTest {

    @Inject
    RetentionPurge purge;

    @Inject
    AccessLog log;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void oldAuditRecordsGoRecentOnesAndClinicalDataStay() throws Exception {
        String p = TestData.createPatient();
        TestData.createEpisode(p, TestData.episodeJson("methotrexate", "2021-01-01", null));
        given().when().get("/api/v1/patients/{id}/timeline", p).then().statusCode(200);
        log.flush();
        UUID patient = UUID.fromString(p);
        Instant old = Instant.now().minus(Duration.ofDays(2192 + 30));
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement access = c.prepareStatement("INSERT INTO access_log (occurred_at, actor, patient_id, "
                    + "operation, outcome) VALUES (?, 'old-reader', ?, 'getTimeline', 200)")) {
                for (int i = 0; i < 3; i++) {
                    access.setTimestamp(1, Timestamp.from(old));
                    access.setObject(2, patient);
                    access.executeUpdate();
                }
            }
            try (PreparedStatement change = c.prepareStatement("INSERT INTO audit_entry (occurred_at, actor, action, "
                    + "resource_type, resource_id, patient_id) VALUES (?, 'old-writer', 'UPDATE', 'Patient', ?, ?)")) {
                change.setTimestamp(1, Timestamp.from(old));
                change.setObject(2, patient);
                change.setObject(3, patient);
                change.executeUpdate();
            }
        }
        long accessBefore = count("SELECT COUNT(*) FROM access_log WHERE patient_id = ?", patient);
        long changesBefore = count("SELECT COUNT(*) FROM audit_entry WHERE patient_id = ?", patient);

        List<PurgeEntry> done = purge.purge();

        assertEquals(List.of("access_log", "audit_entry"), done.stream().map(d -> d.logName).toList());
        assertEquals(3, done.get(0).rowsRemoved, "the three old reads");
        assertEquals(1, done.get(1).rowsRemoved, "the one old change");
        assertEquals(accessBefore - 3, count("SELECT COUNT(*) FROM access_log WHERE patient_id = ?", patient));
        assertEquals(changesBefore - 1, count("SELECT COUNT(*) FROM audit_entry WHERE patient_id = ?", patient));
        assertEquals(0, count("SELECT COUNT(*) FROM access_log WHERE actor = 'old-reader' AND patient_id = ?", patient));
        // clinical data is not the purge's business
        given().when().get("/api/v1/patients/{id}", p).then().statusCode(200);
        given().when().get("/api/v1/patients/{id}/episodes", p).then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(1));
        // and the purge left a record of itself
        for (PurgeEntry d : done) {
            assertEquals(d.rowsRemoved, count("SELECT rows_removed FROM audit_purge WHERE actor = 'myoline-retention' AND id = ?",
                    d.id), d.logName);
        }
    }

    private long count(String sql, Object param) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, param);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
