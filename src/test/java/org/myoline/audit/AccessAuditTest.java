package org.myoline.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.swagger.v3.parser.OpenAPIV3Parser;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;
import org.myoline.contract.DefaultTokenFilter;
import org.myoline.contract.OpenApiValidationFilter;

/**
 * Every read operation of the contract leaves exactly one access record per patient it returns, with who, the
 * operation, the request id and the status; the access log pages them for auditors only; and when the log
 * cannot be written, reads fail closed and nothing buffered is lost.
 */
@QuarkusTest
class AccessAuditTest implements ApiTest {

    /** Reads that return no patient data. */
    /**
     * Reads that return no patient data. The files of an asynchronous export do, but each patient is recorded as
     * the file is written, for the requester, the only one who may download it (BulkDataTest checks those).
     */
    private static final Set<String> NOT_PATIENT_DATA = Set.of("listDrugs", "getDrug", "getRules", "cdsDiscovery",
            "getBulkJobStatus", "getBulkJobFile");

    @Inject
    AccessLog log;

    @Inject
    AgroalDataSource dataSource;

    private List<AccessEntry> recordsOf(String requestId) {
        log.flush();
        return QuarkusTransaction.requiringNew().call(
                () -> AccessEntry.<AccessEntry>list("requestId", io.quarkus.panache.common.Sort.by("id"), requestId));
    }

    private record Read(String operationId, String as, io.restassured.response.Response response, String requestId) {
    }

    private Read read(String operationId, String as, String path) {
        String requestId = "audit-" + UUID.randomUUID();
        var response = given().urlEncodingEnabled(false).header(DefaultTokenFilter.AS, as).header("X-Request-Id", requestId)
                .when().get(path);
        return new Read(operationId, as, response, requestId);
    }

    @Test
    void everyReadOperationRecordsOneAccessPerPatientItReturns() throws Exception {
        String mrn = TestData.uniqueMrn();
        String p = TestData.createPatient(TestData.patientJson(mrn));
        String base = "/api/v1/patients/" + p;
        String episode = TestData.createEpisode(p, TestData.episodeJson("methotrexate", "2021-01-01", "2021-09-01"));
        String assessment = created(base + "/episodes/" + episode + "/assessments",
                "{\"date\":\"2021-05-02\",\"category\":\"NONE\",\"instrument\":\"INVESTIGATOR\"}");
        String event = created(base + "/events", "{\"date\":\"2021-06-10\",\"type\":\"FLARE\",\"domain\":\"SKIN\"}");
        String observation = created(base + "/observations", "{\"date\":\"2021-03-01\",\"type\":\"WEIGHT_KG\",\"value\":64.5}");
        String feature = created(base + "/features", "{\"feature\":\"DYSPHAGIA\",\"onset\":\"2021-03-04\"}");
        String contraindication = created(base + "/contraindications",
                "{\"kind\":\"AVOID_GLUCOCORTICOIDS\",\"since\":\"2021-01-15\"}");

        List<Read> reads = new ArrayList<>();
        reads.add(read("listPatients", "viewer", "/api/v1/patients?mrn=" + mrn));
        reads.add(read("getPatient", "viewer", base));
        reads.add(read("getAssessment", "viewer", base + "/assessment"));
        reads.add(read("getTimeline", "viewer", base + "/timeline"));
        reads.add(read("getHistory", "viewer", base + "/history"));
        reads.add(read("exportPatientFhir", "viewer", base + "/fhir"));
        reads.add(read("listEpisodes", "viewer", base + "/episodes"));
        reads.add(read("getEpisode", "viewer", base + "/episodes/" + episode));
        reads.add(read("listEpisodeAssessments", "viewer", base + "/episodes/" + episode + "/assessments"));
        reads.add(read("getEpisodeAssessment", "viewer", base + "/episodes/" + episode + "/assessments/" + assessment));
        reads.add(read("listEvents", "viewer", base + "/events"));
        reads.add(read("getEvent", "viewer", base + "/events/" + event));
        reads.add(read("listObservations", "viewer", base + "/observations"));
        reads.add(read("getObservation", "viewer", base + "/observations/" + observation));
        reads.add(read("listFeatures", "viewer", base + "/features"));
        reads.add(read("getFeature", "viewer", base + "/features/" + feature));
        reads.add(read("listContraindications", "viewer", base + "/contraindications"));
        reads.add(read("getContraindication", "viewer", base + "/contraindications/" + contraindication));
        reads.add(read("getAccessLog", "auditor", base + "/access-log"));
        reads.add(read("searchAuditEvents", "auditor", "/api/v1/fhir/AuditEvent?patient=Patient/" + p));
        reads.add(read("exportFhirNdjson", "integration", "/api/v1/fhir/$export?_type=Patient&patient=" + p));
        reads.add(read("getCohortOutcomes", "viewer", "/api/v1/cohorts/outcomes?drug=methotrexate"));
        String cdsRequest = "cds-" + UUID.randomUUID();
        var cds = given().header("X-Request-Id", cdsRequest).contentType(ContentType.JSON).body("""
                {"hook":"patient-view","hookInstance":"%s","context":{"userId":"Practitioner/1","patientId":"ehr-1"},
                 "prefetch":{"patient":{"resourceType":"Patient","id":"ehr-1","identifier":[
                   {"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},
                    "system":"urn:oid:1.2.3","value":"%s"}]}}}""".formatted(UUID.randomUUID(), mrn))
                .when().post("/cds-services/myoline-refractoriness");
        reads.add(new Read("cdsPatientView", "clinician", cds, cdsRequest));

        Map<String, Integer> recorded = new TreeMap<>();
        for (Read r : reads) {
            assertEquals(200, r.response().statusCode(), r.operationId() + ": " + r.response().asString());
            List<AccessEntry> records = recordsOf(r.requestId());
            recorded.put(r.operationId(), records.size());
            Set<UUID> patients = new TreeSet<>();
            records.forEach(e -> patients.add(e.patientId));
            assertEquals(records.size(), patients.size(), r.operationId() + ": one record per patient, not more");
            if (r.operationId().equals("getCohortOutcomes")) {
                int cohort = r.response().jsonPath().getInt("patients");
                assertEquals(cohort, records.size(), "a cohort records each of its patients");
                assertTrue(patients.contains(UUID.fromString(p)), "the cohort's patients include ours");
            } else {
                assertEquals(Set.of(UUID.fromString(p)), patients, r.operationId() + " returned one patient");
            }
            for (AccessEntry e : records) {
                assertEquals("test-" + r.as(), e.actor, r.operationId());
                assertEquals(r.operationId(), e.operation);
                assertEquals(r.requestId(), e.requestId);
                assertEquals(200, e.outcome);
            }
        }

        // The walk covers every read operation of the contract: each is either above or returns no patient data.
        Set<String> contractReads = new TreeSet<>();
        var api = new OpenAPIV3Parser().readContents(Files.readString(OpenApiValidationFilter.CONTRACT), null, null).getOpenAPI();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            if (method == io.swagger.v3.oas.models.PathItem.HttpMethod.GET || path.startsWith("/cds-services/")) {
                contractReads.add(op.getOperationId());
            }
        }));
        contractReads.removeAll(NOT_PATIENT_DATA);
        assertEquals(contractReads, new TreeSet<>(recorded.keySet()), "every read operation of the contract is walked");

        // Reads of no patient data leave no record.
        String none = "none-" + UUID.randomUUID();
        given().header("X-Request-Id", none).when().get("/api/v1/drugs").then().statusCode(200);
        given().header("X-Request-Id", none).when().get("/api/v1/patients/" + UUID.randomUUID()).then().statusCode(404);
        assertEquals(0, recordsOf(none).size(), "no patient data, no record");
    }

    @Test
    void revalidationsAndRefusalsAreRecordedWithTheirStatus() {
        String p = TestData.createPatient();
        String tag = given().when().get("/api/v1/patients/{id}/timeline", p).then().statusCode(200).extract().header("ETag");
        String revalidated = "reval-" + UUID.randomUUID();
        given().header("X-Request-Id", revalidated).header("If-None-Match", tag).when()
                .get("/api/v1/patients/{id}/timeline", p).then().statusCode(304);
        List<AccessEntry> r1 = recordsOf(revalidated);
        assertEquals(1, r1.size());
        assertEquals(304, r1.get(0).outcome);
        String refused = "refused-" + UUID.randomUUID();
        given().header(DefaultTokenFilter.AS, "viewer").header("X-Request-Id", refused).when()
                .get("/api/v1/patients/{id}/access-log", p).then().statusCode(403);
        List<AccessEntry> r2 = recordsOf(refused);
        assertEquals(1, r2.size());
        assertEquals(403, r2.get(0).outcome);
        assertEquals("getAccessLog", r2.get(0).operation);
        // the auditor sees both, newest first, and its own read of the log is recorded next time
        given().header(DefaultTokenFilter.AS, "auditor").when().get("/api/v1/patients/{id}/access-log", p).then()
                .statusCode(200).body("items[0].outcome", equalTo(403)).body("items[0].actor", equalTo("test-viewer"))
                .body("items[1].outcome", equalTo(304)).body("totalItems", greaterThanOrEqualTo(3));
        given().header(DefaultTokenFilter.AS, "auditor").when().get("/api/v1/patients/{id}/access-log", p).then()
                .statusCode(200).body("items[0].operation", equalTo("getAccessLog")).body("items[0].actor", equalTo("test-auditor"));
        given().header(DefaultTokenFilter.AS, "clinician").when().get("/api/v1/patients/{id}/access-log", p).then().statusCode(403);
    }

    /** The store goes away: reads already served keep their records, new reads get 503, and all is written on return. */
    @Test
    void whenTheAccessLogCannotBeWrittenReadsFailClosedAndNothingIsLost() throws Exception {
        String p = TestData.createPatient();
        String before = "before-outage-" + UUID.randomUUID();
        try {
            synchronized (log) { // no flush between the read and the outage
                sql("ALTER TABLE access_log RENAME TO access_log_away");
                given().header("X-Request-Id", before).when().get("/api/v1/patients/{id}/timeline", p).then().statusCode(200);
            }
            log.flush();
            assertTrue(log.failing(), "the write failed");
            given().when().get("/api/v1/patients/{id}/timeline", p).then().statusCode(503)
                    .contentType("application/problem+json").body("type", equalTo("urn:myoline:problem:service-unavailable"));
            given().when().get("/api/v1/patients").then().statusCode(503);
            given().when().get("/api/v1/drugs").then().statusCode(200); // no patient data: still served
        } finally {
            sql("ALTER TABLE access_log_away RENAME TO access_log");
        }
        log.flush();
        assertEquals(1, recordsOf(before).size(), "the read served before the outage is recorded once it is back");
        given().when().get("/api/v1/patients/{id}/timeline", p).then().statusCode(200);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String created(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then().statusCode(201).extract().path("id");
    }
}
