package org.myoline.clinical;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;

/**
 * The shared result store of the derived views: an unchanged history is served the body stored for its version
 * (byte for byte what the engine derived, without running it), a change to the history or to the rules is derived
 * anew, and housekeeping keeps the store bounded.
 */
@QuarkusTest
class ViewStoreTest implements ApiTest {

    @Inject
    ViewStore store;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    /** Each view as a path and the media type it answers with. */
    private static final String[][] VIEWS = {
            {"/timeline", "application/json"},
            {"/assessment", "application/json"},
            {"/timeline?format=svg", "image/svg+xml"},
            {"/timeline?format=html", "text/html"}};

    @Test
    void anUnchangedHistoryIsServedFromTheStoreWithoutRunningTheEngine() {
        String patient = TestData.createPatient();
        TestData.createEpisode(patient, TestData.episodeJson("methotrexate", "2024-01-15", null));
        for (String[] view : VIEWS) {
            String path = "/api/v1/patients/" + patient + view[0];
            double missesBefore = count("miss");
            Response derived = given().when().get(path);
            derived.then().statusCode(200).contentType(view[1]);
            store.flush();
            assertEquals(0, rows(patient, view[0]), view[0] + ": a view derived once is not stored (doorkeeper)");
            given().when().get(path).then().statusCode(200);
            assertEquals(missesBefore + 2, count("miss"), view[0] + ": the first two reads are derived");
            store.flush();
            assertEquals(1, rows(patient, view[0]), view[0] + ": the second derivation is stored");

            double runs = engineRuns();
            double hits = count("hit");
            Response served = given().when().get(path);
            served.then().statusCode(200).contentType(view[1]).header("ETag", derived.header("ETag"));
            assertArrayEquals(derived.asByteArray(), served.asByteArray(), view[0] + ": the stored body is the derived one");
            assertEquals(runs, engineRuns(), view[0] + ": a stored view does not run the engine");
            assertEquals(hits + 1, count("hit"), view[0] + ": counted as a hit");
        }
        assertEquals(4, rows(patient), "one row per view");
    }

    @Test
    void aChangedHistoryIsDerivedAgainAndReplacesTheOlderBody() {
        String patient = TestData.createPatient();
        TestData.createEpisode(patient, TestData.episodeJson("methotrexate", "2024-01-15", "2024-06-01"));
        String path = "/api/v1/patients/" + patient + "/timeline";
        Response before = given().when().get(path);
        given().when().get(path).then().statusCode(200);
        store.flush();
        given().when().get(path).then().statusCode(200); // served from the store
        long storedVersion = storedVersion(patient, "timeline");

        TestData.createEpisode(patient, TestData.episodeJson("azathioprine", "2024-06-02", null));
        double runs = engineRuns();
        Response after = given().when().get(path);
        after.then().statusCode(200);
        assertTrue(engineRuns() > runs, "a changed history is derived again");
        assertNotEquals(before.header("ETag"), after.header("ETag"));
        assertTrue(after.asString().contains("azathioprine"), "the new episode is in the view");
        given().when().get(path).then().statusCode(200);
        store.flush();
        assertEquals(storedVersion + 1, storedVersion(patient, "timeline"), "the newer body replaced the older row");
        assertEquals(1, rows(patient));
        given().when().get(path).then().statusCode(200).header("ETag", after.header("ETag"));
    }

    /** Proves the hit path serves the row: a body put there by hand is what the read returns, until the rules differ. */
    @Test
    void aRowIsServedOnlyForTheVersionAndRulesItWasDerivedWith() throws Exception {
        String patient = TestData.createPatient();
        TestData.createEpisode(patient, TestData.episodeJson("methotrexate", "2024-01-15", null));
        String path = "/api/v1/patients/" + patient + "/assessment";
        String derived = given().when().get(path).then().statusCode(200).extract().asString();
        given().when().get(path).then().statusCode(200);
        store.flush();

        String forged = derived.replaceFirst("\"rulesVersion\":\"[^\"]*\"", "\"rulesVersion\":\"from the store\"");
        assertNotEquals(derived, forged);
        update("UPDATE view_result SET body = ? WHERE patient_id = ?", forged.getBytes(StandardCharsets.UTF_8), patient);
        given().when().get(path).then().statusCode(200).body("rulesVersion", org.hamcrest.Matchers.equalTo("from the store"));

        update("UPDATE view_result SET rules_tag = ? WHERE patient_id = ?", "other-rules", patient);
        assertEquals(derived, given().when().get(path).then().statusCode(200).extract().asString(),
                "a body derived with other rules is not served");
        given().when().get(path).then().statusCode(200);
        store.flush();
        assertEquals(derived, query("SELECT body FROM view_result WHERE patient_id = ?", patient, String.class),
                "the body derived with these rules replaced it");

        update("UPDATE view_result SET body = ?, history_version = history_version - 1 WHERE patient_id = ?",
                forged.getBytes(StandardCharsets.UTF_8), patient);
        assertEquals(derived, given().when().get(path).then().statusCode(200).extract().asString(),
                "a body of an older history version is not served");
    }

    @Test
    void eachAsOfDateAndFrameIsAViewOfItsOwn() {
        String patient = TestData.createPatient();
        TestData.createEpisode(patient, TestData.episodeJson("methotrexate", "2024-01-15", null));
        String base = "/api/v1/patients/" + patient + "/timeline";
        String early = "", today = "";
        for (int i = 0; i < 2; i++) {
            early = given().queryParam("asOf", "2024-02-01").when().get(base).then().statusCode(200).extract().asString();
            today = given().when().get(base).then().statusCode(200).extract().asString();
            given().queryParam("format", "svg").queryParam("from", "2023-12-01").when().get(base).then().statusCode(200);
        }
        store.flush();
        assertEquals(3, rows(patient));
        assertEquals(early, given().queryParam("asOf", "2024-02-01").when().get(base).then().statusCode(200).extract().asString());
        assertEquals(today, given().when().get(base).then().statusCode(200).extract().asString());
        assertNotEquals(early, today);
    }

    /** The doorkeeper admits a view on its second offer, and each version, date, view and rules is a view of its own. */
    @Test
    void theDoorkeeperAdmitsAViewTheSecondTimeItIsDerived() {
        ViewStore.Doorkeeper keeper = new ViewStore.Doorkeeper(16);
        UUID patient = UUID.randomUUID();
        LocalDate day = LocalDate.of(2024, 5, 1);
        assertFalse(keeper.admit(patient, "timeline", day, 3, "r"));
        assertFalse(keeper.admit(patient, "timeline", day, 4, "r"), "another version");
        assertFalse(keeper.admit(patient, "assessment", day, 3, "r"), "another view");
        assertFalse(keeper.admit(patient, "timeline", day.plusDays(1), 3, "r"), "another date");
        assertFalse(keeper.admit(patient, "timeline", day, 3, "s"), "other rules");
        assertFalse(keeper.admit(UUID.randomUUID(), "timeline", day, 3, "r"), "another patient");
        assertTrue(keeper.admit(patient, "timeline", day, 3, "r"), "the second time");
        assertFalse(keeper.admit(patient, "timeline", day, 3, "r"), "admitted once, then forgotten");
        int admitted = 0;
        for (int i = 0; i < 10_000; i++) { // distinct views: none is admitted on its first offer
            admitted += keeper.admit(UUID.randomUUID(), "timeline", day, i, "r") ? 1 : 0;
        }
        assertEquals(0, admitted);
    }

    @Test
    void aBodyLargerThanAllowedIsServedButNotKept() {
        double dropped = count("dropped");
        UUID patient = UUID.fromString(TestData.createPatient());
        store.enqueue(new ViewStore.Entry(patient, "timeline", LocalDate.now(), 0, "r", new byte[3 * 1024 * 1024]));
        store.flush();
        assertEquals(dropped + 1, count("dropped"));
        assertEquals(0, rows(patient.toString()));
    }

    @Test
    void housekeepingDropsOldRowsAndTheOldestBeyondTheCap() throws Exception {
        String patient = TestData.createPatient();
        UUID id = UUID.fromString(patient);
        long version = query("SELECT history_version FROM patient WHERE id = ?", patient);
        for (int day = 1; day <= 5; day++) {
            store.enqueue(new ViewStore.Entry(id, "timeline", LocalDate.of(2024, 2, day), version, "r", new byte[1000]));
        }
        store.flush();
        update("UPDATE view_result SET stored_at = ? WHERE patient_id = ? AND as_of = ?",
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(30), patient, LocalDate.of(2024, 2, 1));
        for (int day = 2; day <= 5; day++) { // the newest rows in the store, day 5 the newest of all
            update("UPDATE view_result SET stored_at = ? WHERE patient_id = ? AND as_of = ?",
                    OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(day), patient, LocalDate.of(2024, 2, day));
        }

        ViewStore.Removed removed = store.housekeep(Instant.now().minus(7, ChronoUnit.DAYS), 2500);
        assertTrue(removed.expired() >= 1, "the 30-day-old row is past the maximum age: " + removed);
        assertTrue(store.storedBytes() <= 2500, "the cap holds: " + store.storedBytes());
        assertEquals(2, rows(patient), "the two newest rows fit within the cap, the older ones went: " + removed);
        assertTrue(exists(patient, LocalDate.of(2024, 2, 5)) && exists(patient, LocalDate.of(2024, 2, 4)));
        assertFalse(exists(patient, LocalDate.of(2024, 2, 3)));
    }

    @Test
    void anOutdatedRowIsDroppedByHousekeeping() throws Exception {
        String patient = TestData.createPatient();
        TestData.createEpisode(patient, TestData.episodeJson("methotrexate", "2024-01-15", null));
        given().when().get("/api/v1/patients/" + patient + "/timeline").then().statusCode(200);
        given().when().get("/api/v1/patients/" + patient + "/timeline").then().statusCode(200);
        store.flush();
        assertEquals(1, rows(patient));
        TestData.createEpisode(patient, TestData.episodeJson("azathioprine", "2024-03-15", null));
        store.housekeep(Instant.now().minus(7, ChronoUnit.DAYS), Long.MAX_VALUE);
        assertEquals(0, rows(patient), "the row of the former version is never served again, so it is dropped");
    }

    @Test
    void aDeletedPatientTakesItsRowsAlong() {
        String patient = TestData.createPatient();
        given().when().get("/api/v1/patients/" + patient + "/assessment").then().statusCode(200);
        given().when().get("/api/v1/patients/" + patient + "/assessment").then().statusCode(200);
        store.flush();
        assertEquals(1, rows(patient));
        String etag = given().when().get("/api/v1/patients/" + patient).then().extract().header("ETag");
        given().header("If-Match", etag).when().delete("/api/v1/patients/" + patient).then().statusCode(204);
        assertEquals(0, rows(patient));
        given().when().get("/api/v1/patients/" + patient + "/assessment").then().statusCode(404);
    }

    private double count(String result) {
        var counter = metrics.find("myoline.views.store").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private double engineRuns() {
        return metrics.find("myoline.engine.evaluation").timers().stream().mapToDouble(t -> t.count()).sum();
    }

    /** Rows of one view of the patient, by the path's view ("/timeline?format=svg" → timeline.svg). */
    private int rows(String patient, String path) {
        String view = path.contains("format=") ? "timeline." + path.substring(path.indexOf("format=") + 7)
                : path.equals("/timeline") ? "timeline" : path.substring(1);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM view_result WHERE patient_id = ? AND view_key = ?")) {
            s.setObject(1, UUID.fromString(patient));
            s.setString(2, view);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T query(String sql, String patient, Class<T> type) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(patient));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return type == String.class ? type.cast(new String(r.getBytes(1), StandardCharsets.UTF_8)) : r.getObject(1, type);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int rows(String patient) {
        return (int) query("SELECT COUNT(*) FROM view_result WHERE patient_id = ?", patient);
    }

    private long rowBytes(String patient) {
        return query("SELECT COALESCE(SUM(body_bytes), 0) FROM view_result WHERE patient_id = ?", patient);
    }

    private long storedVersion(String patient, String view) {
        return query("SELECT history_version FROM view_result WHERE patient_id = ? AND view_key = '" + view + "'", patient);
    }

    private boolean exists(String patient, LocalDate asOf) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM view_result WHERE patient_id = ? AND as_of = ?")) {
            s.setObject(1, UUID.fromString(patient));
            s.setObject(2, asOf);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1) > 0;
            }
        }
    }

    private long query(String sql, String patient) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(patient));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object value, String patient) {
        update(sql, value, patient, null);
    }

    private void update(String sql, Object value, String patient, LocalDate asOf) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, value);
            s.setObject(2, UUID.fromString(patient));
            if (asOf != null) {
                s.setObject(3, asOf);
            }
            assertTrue(s.executeUpdate() > 0, "updated: " + sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
