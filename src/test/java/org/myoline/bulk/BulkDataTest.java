package org.myoline.bulk;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.myoline.contract.ApiTest;
import org.myoline.contract.DefaultTokenFilter;
import org.myoline.security.TestTokens;

/**
 * Asynchronous FHIR bulk import and export (docs/bulk-data.md): kick-off, status, manifest, files, cancel; a
 * job taken over from a replica that died finishes with exactly the records of a clean import.
 */
@QuarkusTest
class BulkDataTest implements ApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NDJSON = "application/fhir+ndjson";
    private static final String OWNER = "test-integration";

    @Inject
    BulkJobs jobs;

    @Inject
    ImportStaging staging;

    @Inject
    ImportRunner runner;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    org.myoline.audit.AccessLog accessLog;

    private static RequestSpecification asIntegration() {
        return given().urlEncodingEnabled(false).header(DefaultTokenFilter.AS, "integration").config(RestAssuredConfig.config()
                .encoderConfig(EncoderConfig.encoderConfig().encodeContentTypeAs(NDJSON,
                        io.restassured.http.ContentType.TEXT)));
    }

    private static String kickOff(String feed) {
        Response r = asIntegration().header("Prefer", "respond-async").contentType(NDJSON)
                .body(feed.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/fhir/$import");
        assertEquals(202, r.statusCode(), r.asString());
        String location = r.header("Content-Location");
        assertTrue(location.contains("/api/v1/fhir/bulk-jobs/"), location);
        return location.substring(location.indexOf("/api/v1/"));
    }

    /** Polls until the manifest (200); fails after a minute. */
    private static JsonNode manifest(String status) throws Exception {
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until) {
            Response r = asIntegration().when().get(status);
            if (r.statusCode() == 200) {
                assertTrue(r.header("Expires") != null);
                return JSON.readTree(r.asString());
            }
            assertEquals(202, r.statusCode(), r.asString());
            assertTrue(r.header("X-Progress") != null && r.header("Retry-After") != null);
            Thread.sleep(200);
        }
        throw new AssertionError("the job did not finish within a minute: " + status);
    }

    private static long total(JsonNode counts) {
        long sum = 0;
        for (JsonNode n : counts) {
            sum += n.path("count").asLong();
        }
        return sum;
    }

    private static long ofType(JsonNode counts, String type) {
        for (JsonNode n : counts) {
            if (n.path("type").asText().equals(type)) {
                return n.path("count").asLong();
            }
        }
        return 0;
    }

    private long count(String sql, String mrnPrefix) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, mrnPrefix + "-%");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long patients(String prefix) throws Exception {
        return count("SELECT COUNT(*) FROM patient WHERE mrn LIKE ?", prefix);
    }

    private long episodes(String prefix) throws Exception {
        return count("SELECT COUNT(*) FROM treatment_episode e JOIN patient p ON p.id = e.patient_id WHERE p.mrn LIKE ?",
                prefix);
    }

    private long observations(String prefix) throws Exception {
        return count("SELECT COUNT(*) FROM observation o JOIN patient p ON p.id = o.patient_id WHERE p.mrn LIKE ?",
                prefix);
    }

    @Test
    void aFeedIsImportedInTheBackgroundAndEachRejectedLineIsReported() throws Exception {
        String feed = FeedGenerator.feed("BA", 30, 10);
        JsonNode m = manifest(kickOff(feed));
        JsonNode s = m.path("importSummary");
        assertEquals(27, s.path("patientsWritten").asLong());
        assertEquals(3, s.path("patientsRejected").asLong());
        assertEquals(39, s.path("linesRejected").asLong());
        assertEquals(feed.lines().count(), total(s.path("linesRead")));
        assertEquals(27 * FeedGenerator.LINES_PER_PATIENT, total(s.path("linesImported")));
        assertEquals(30, ofType(s.path("linesRead"), "Patient"));
        assertEquals(27 * 3, ofType(s.path("linesImported"), "MedicationAdministration"));
        assertTrue(m.path("requiresAccessToken").asBoolean());
        assertEquals(0, m.path("output").size());
        assertEquals(27, patients("BA"));

        JsonNode error = m.path("error").get(0);
        assertEquals("OperationOutcome", error.path("type").asText());
        assertEquals(39, error.path("count").asLong());
        String url = error.path("url").asText();
        String errors = new String(asIntegration().urlEncodingEnabled(false).when()
                .get(url.substring(url.indexOf("/api/v1/"))).then().statusCode(200).contentType(NDJSON).extract()
                .asByteArray(), StandardCharsets.UTF_8);
        List<String> lines = errors.lines().toList();
        assertEquals(39, lines.size());
        List<String> feedLines = feed.lines().toList();
        int reasons = 0;
        for (String line : lines) {
            JsonNode outcome = JSON.readTree(line);
            assertEquals("OperationOutcome", outcome.path("resourceType").asText());
            String location = outcome.path("issue").get(0).path("location").get(0).asText();
            int lineNo = Integer.parseInt(location.substring("line ".length()));
            String rejected = feedLines.get(lineNo - 1);
            assertTrue(rejected.contains("\"BA-10\"") || rejected.contains("Patient/BA-10\"")
                    || rejected.contains("\"BA-20\"") || rejected.contains("Patient/BA-20\"")
                    || rejected.contains("\"BA-30\"") || rejected.contains("Patient/BA-30\""),
                    "line " + lineNo + " is not of a rejected patient: " + rejected);
            if (outcome.toString().contains("no end date")) {
                assertTrue(rejected.contains("-bad\""), rejected);
                reasons++;
            }
        }
        assertEquals(3, reasons, "one line per rejected patient names the reason, the others point to it");
    }

    @Test
    void severalFilesSplitByResourceTypeImportAsOneFeed() throws Exception {
        Map<String, String> files = FeedGenerator.feedByType("BM", 12, 4);
        RequestSpecification request = asIntegration().header("Prefer", "respond-async").contentType("multipart/form-data");
        for (Map.Entry<String, String> f : files.entrySet()) {
            request = request.multiPart("file", f.getKey() + ".ndjson", f.getValue().getBytes(StandardCharsets.UTF_8),
                    NDJSON);
        }
        Response r = request.when().post("/api/v1/fhir/$import");
        assertEquals(202, r.statusCode(), r.asString());
        String status = r.header("Content-Location");
        JsonNode s = manifest(status.substring(status.indexOf("/api/v1/"))).path("importSummary");
        assertEquals(9, s.path("patientsWritten").asLong(), s.toString());
        assertEquals(3, s.path("patientsRejected").asLong());
        assertEquals(9, patients("BM"));
        // the rejected lines are numbered within their own file
        assertEquals(3 * (FeedGenerator.LINES_PER_PATIENT + 1), s.path("linesRejected").asLong());
    }

    @Test
    void severalFilesNeedPreferRespondAsyncAndAFeedNeedsResources() {
        asIntegration().contentType("multipart/form-data").multiPart("file", "Patient.ndjson",
                "{}".getBytes(StandardCharsets.UTF_8), NDJSON).when().post("/api/v1/fhir/$import").then().statusCode(400)
                .contentType("application/fhir+json");
        asIntegration().header("Prefer", "respond-async").contentType(NDJSON).body("\n\n".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/fhir/$import").then().statusCode(400).contentType("application/fhir+json");
    }

    @Test
    void aFeedOverTheRequestLimitIsAcceptedAsyncOnlyAndAnOverlongLineIsRejectedAlone() throws Exception {
        String huge = "{\"resourceType\":\"Patient\",\"id\":\"BL-huge\",\"text\":{\"status\":\"generated\",\"div\":\"<div>"
                + "x".repeat(1_200_000) + "</div>\"}}";
        String feed = FeedGenerator.feed("BL", 4, 0) + huge + "\n";
        assertTrue(feed.length() > 1_048_576);
        asIntegration().contentType(NDJSON).body(feed.getBytes(StandardCharsets.UTF_8)).when()
                .post("/api/v1/fhir/$import").then().statusCode(413);
        JsonNode m = manifest(kickOff(feed));
        assertEquals(4, m.path("importSummary").path("patientsWritten").asLong());
        assertEquals(1, m.path("importSummary").path("linesRejected").asLong());
        String url = m.path("error").get(0).path("url").asText();
        String errors = asIntegration().urlEncodingEnabled(false).when().get(url.substring(url.indexOf("/api/v1/")))
                .then().statusCode(200).extract().asString();
        assertTrue(errors.contains("line 49") && errors.contains("longer than 1048576 bytes"), errors);
    }

    @Test
    void aNulCharacterInALineIsRejectedWithItsLineAndTheRestImported() throws Exception {
        // PostgreSQL cannot store U+0000 in text: a NUL naming a patient or a type, escaped in JSON or raw, must
        // become a rejected line, never a failed kick-off.
        String feed = FeedGenerator.feed("BN", 2, 0)
                + "{\"resourceType\":\"Patient\",\"id\":\"\\u0000\"}\n"
                + "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/\\u0000\"}}\n"
                + "{\"resourceType\":\"\\u0000\"}\n"
                + "{\"resourceType\":\"Patient\",\"id\":\"raw\u0000nul\"}\n";
        int first = (int) FeedGenerator.feed("BN", 2, 0).lines().count() + 1;
        JsonNode m = manifest(kickOff(feed));
        assertEquals(2, m.path("importSummary").path("patientsWritten").asLong());
        assertEquals(4, m.path("importSummary").path("linesRejected").asLong());
        assertEquals(2, patients("BN"));
        String url = m.path("error").get(0).path("url").asText();
        String errors = asIntegration().urlEncodingEnabled(false).when().get(url.substring(url.indexOf("/api/v1/")))
                .then().statusCode(200).extract().asString();
        for (int line = first; line < first + 4; line++) {
            assertTrue(errors.contains("\"line " + line + "\""), "line " + line + " is reported: " + errors);
        }
        assertTrue(errors.contains("NUL character"), errors);
    }

    @Test
    void aJobIsSeenOnlyByWhoStartedItAndNeverByAPatientScopedToken() {
        String status = kickOff(FeedGenerator.feed("BO", 1, 0));
        given().header("Authorization", "Bearer " + TestTokens.mint("someone-else", "integration")).when().get(status)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TestTokens.mint("someone-else", "integration")).when()
                .delete(status).then().statusCode(404);
        given().header(DefaultTokenFilter.AS, "viewer").when().get(status).then().statusCode(403);
        String scoped = TestTokens.withClaims(Map.of("sub", "scoped-system", "scope", "system/*.cruds",
                "patient", UUID.randomUUID().toString()));
        given().urlEncodingEnabled(false).header("Authorization", "Bearer " + scoped).header("Prefer", "respond-async").contentType(NDJSON)
                .body("{}\n".getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/fhir/$import").then().statusCode(403);
        asIntegration().when().get("/api/v1/fhir/bulk-jobs/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    /** A job held by a replica that is gone (its lease in the future), with the cursor wherever it stopped. */
    private UUID stagedJob(String feed) throws Exception {
        UUID id = UUID.randomUUID();
        jobs.create(id, BulkKind.IMPORT, BulkState.UPLOADING, "http://localhost/api/v1/fhir/$import", OWNER, null,
                null, null);
        staging.stage(id, 1, new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)));
        long units = jobs.distinctPatients(id);
        sql("UPDATE bulk_job SET state = 'RUNNING', total_units = ?, leased_by = 'dead-replica', lease_until = ? "
                + "WHERE id = ?", units, Timestamp.from(Instant.now().plusSeconds(3600)), id);
        return id;
    }

    private void sql(String sql, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private static java.util.function.BooleanSupplier stopAfter(int patients) {
        AtomicInteger calls = new AtomicInteger();
        return () -> calls.incrementAndGet() > patients;
    }

    @Test
    @ActivateRequestContext
    void aJobWhoseReplicaDiedIsFinishedByAnotherWithNothingTwiceAndNothingLost() throws Exception {
        String clean = kickOff(FeedGenerator.feed("BC", 30, 10));
        JsonNode cleanSummary = manifest(clean).path("importSummary");

        UUID id = stagedJob(FeedGenerator.feed("BK", 30, 10));
        // The dead replica got through 11 patients before it died.
        assertTrue(!runner.run(jobs.find(id).orElseThrow(), "dead-replica", stopAfter(11)));
        String status = "/api/v1/fhir/bulk-jobs/" + id;
        Response running = asIntegration().when().get(status);
        assertEquals(202, running.statusCode());
        assertEquals("36% (11 of 30 patients imported)", running.header("X-Progress"));
        assertEquals("2", running.header("Retry-After"));
        long before = patients("BK");
        assertTrue(before >= 9 && before <= 11, "patients written before the crash: " + before);

        // It died inside a patient's transaction: another replica holds the lease by then, so the step rolls back.
        sql("UPDATE bulk_job SET leased_by = 'another-replica' WHERE id = ?", id);
        try {
            runner.run(jobs.find(id).orElseThrow(), "dead-replica", () -> false);
            throw new AssertionError("the step should have lost its lease");
        } catch (BulkJobs.LeaseLost expected) {
            // rolled back
        }
        assertEquals(before, patients("BK"), "a step without the lease writes nothing");

        // Its lease runs out: a live replica (this service's worker) claims the job and finishes it.
        sql("UPDATE bulk_job SET lease_until = ? WHERE id = ?", Timestamp.from(Instant.now().minusSeconds(1)), id);
        JsonNode resumed = manifest(status).path("importSummary");
        assertEquals(cleanSummary, resumed);
        assertEquals(patients("BC"), patients("BK"));
        assertEquals(episodes("BC"), episodes("BK"));
        assertEquals(observations("BC"), observations("BK"));
        assertEquals(27, patients("BK"));
        assertEquals(QuarkusTransaction.requiringNew().call(() -> jobs.rejectionCount(id)), 39L);
    }

    @Test
    void cancellingAJobStopsItAndForgetsItsInput() throws Exception {
        UUID id = stagedJob(FeedGenerator.feed("BX", 5, 0));
        String status = "/api/v1/fhir/bulk-jobs/" + id;
        asIntegration().when().get(status).then().statusCode(202);
        asIntegration().when().delete(status).then().statusCode(202);
        asIntegration().when().get(status).then().statusCode(404);
        assertEquals(0, count("SELECT COUNT(*) FROM bulk_line WHERE patient_key LIKE ?", "Patient/BX"));
        assertEquals(0, patients("BX"));
    }

    @Test
    void anExportInTheBackgroundHasOneFilePerTypeWithTheLinesOfTheStreamedExport() throws Exception {
        manifest(kickOff(FeedGenerator.feed("BE", 6, 0)));
        String types = "Patient,MedicationStatement,Observation";
        Response r = asIntegration().header("Prefer", "respond-async").accept("application/fhir+json")
                .queryParam("_type", types).when().get("/api/v1/fhir/$export");
        assertEquals(202, r.statusCode(), r.asString());
        String status = r.header("Content-Location");
        JsonNode m = manifest(status.substring(status.indexOf("/api/v1/")));
        List<String> fromFiles = new ArrayList<>();
        List<String> seenTypes = new ArrayList<>();
        for (JsonNode file : m.path("output")) {
            String url = file.path("url").asText();
            String body = new String(asIntegration().urlEncodingEnabled(false).when().get(url.substring(url.indexOf("/api/v1/")))
                    .then().statusCode(200).contentType(NDJSON).extract().asByteArray(), StandardCharsets.UTF_8);
            List<String> lines = body.lines().toList();
            assertEquals(file.path("count").asLong(), lines.size());
            String type = file.path("type").asText();
            seenTypes.add(type);
            lines.forEach(l -> assertTrue(l.startsWith("{\"resourceType\":\"" + type + "\""), l));
            fromFiles.addAll(lines);
        }
        assertEquals(List.of("MedicationStatement", "Observation", "Patient"), seenTypes);
        // Each exported patient is an access by the requester, recorded as the files were written.
        accessLog.flush();
        assertEquals(6, count("SELECT COUNT(DISTINCT a.patient_id) FROM access_log a JOIN patient p ON p.id = a.patient_id "
                + "WHERE a.operation = 'exportFhirNdjson' AND a.actor = 'test-integration' AND p.mrn LIKE ?", "BE"));
        String streamed = new String(asIntegration().urlEncodingEnabled(false).accept(NDJSON).when()
                .get("/api/v1/fhir/$export?_type=" + types).then().statusCode(200).extract().asByteArray(),
                StandardCharsets.UTF_8);
        List<String> expected = new ArrayList<>(streamed.lines().toList());
        List<String> actual = new ArrayList<>(fromFiles);
        expected.sort(null);
        actual.sort(null);
        assertEquals(expected, actual);
        asIntegration().urlEncodingEnabled(false).when().get(status.substring(status.indexOf("/api/v1/"))
                + "/files/CarePlan.ndjson").then().statusCode(404);
        assertTrue(Arrays.asList(m.path("request").asText().split("\\?")).size() == 2);
    }
}
