package org.myoline.fhir;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.audit.RetentionPurge;
import org.myoline.contract.ApiTest;
import org.myoline.contract.DefaultTokenFilter;

/** Both audit logs as FHIR R4 AuditEvents: valid against base R4, searchable by patient and date, and in bulk. */
@QuarkusTest
class AuditEventTest implements ApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirContext FHIR = FhirContext.forR4();
    private static final FhirValidator VALIDATOR = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(
            new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR), new InMemoryTerminologyServerValidationSupport(FHIR),
                    new CommonCodeSystemsTerminologyService(FHIR))));

    @Inject
    RetentionPurge purge;

    private static List<String> errors(String resource) {
        return VALIDATOR.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + ": " + m.getMessage()).toList();
    }

    @Test
    void changesAndReadsAreValidAuditEventsOfThePatient() throws Exception {
        String p = TestData.createPatient();
        String episode = TestData.createEpisode(p, TestData.episodeJson("methotrexate", "2021-01-01", null));
        given().when().get("/api/v1/patients/{id}/timeline", p).then().statusCode(200);
        given().header(DefaultTokenFilter.AS, "viewer").when().get("/api/v1/patients/{id}/access-log", p).then().statusCode(403);

        String body = given().header(DefaultTokenFilter.AS, "auditor").queryParam("patient", "Patient/" + p).when()
                .get("/api/v1/fhir/AuditEvent").then().statusCode(200).contentType("application/fhir+json").extract().asString();
        List<String> invalid = errors(body);
        assertTrue(invalid.isEmpty(), "not valid R4:\n  " + String.join("\n  ", invalid));
        JsonNode bundle = JSON.readTree(body);
        assertEquals("searchset", bundle.path("type").asText());
        List<String> actions = new ArrayList<>();
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode event = entry.path("resource");
            assertEquals("Patient/" + p, event.path("entity").path(0).path("what").path("reference").asText());
            actions.add(event.path("action").asText() + event.path("outcome").asText());
        }
        // two creates (patient, episode), the timeline read (R, success), the refused read (R, minor failure)
        assertEquals(List.of("C0", "C0", "R0", "R4"), actions, body);
        assertEquals(4, bundle.path("total").asInt());
        JsonNode episodeCreate = bundle.path("entry").path(1).path("resource");
        assertEquals("Episode/" + episode, episodeCreate.path("entity").path(1).path("what").path("identifier").path("value").asText());
        JsonNode read = bundle.path("entry").path(2).path("resource");
        assertEquals("getTimeline", read.path("subtype").path(1).path("code").asText());
        assertEquals("test-clinician", read.path("agent").path(0).path("who").path("identifier").path("value").asText());

        // paging: one per page, with a next link
        JsonNode first = JSON.readTree(given().header(DefaultTokenFilter.AS, "auditor").queryParam("patient", p)
                .queryParam("_count", 1).when().get("/api/v1/fhir/AuditEvent").then().statusCode(200).extract().asString());
        assertEquals(1, first.path("entry").size());
        assertTrue(first.path("link").toString().contains("\"next\""), first.path("link").toString());

        // date: nothing recorded before today, everything from today
        String today = LocalDate.now(java.time.ZoneOffset.UTC).toString();
        given().header(DefaultTokenFilter.AS, "auditor").queryParam("patient", p).queryParam("date", "lt" + today).when()
                .get("/api/v1/fhir/AuditEvent").then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(0));
        given().header(DefaultTokenFilter.AS, "auditor").queryParam("patient", p).queryParam("date", "ge" + today)
                .queryParam("date", "lt2999-01-01").when().get("/api/v1/fhir/AuditEvent").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(4));
        given().header(DefaultTokenFilter.AS, "auditor").queryParam("patient", p).queryParam("date", "yesterday").when()
                .get("/api/v1/fhir/AuditEvent").then().statusCode(400).contentType("application/problem+json");

        // NDJSON: every event, each valid
        String ndjson = given().header(DefaultTokenFilter.AS, "auditor").accept("application/fhir+ndjson")
                .queryParam("patient", p).when().get("/api/v1/fhir/AuditEvent").then().statusCode(200)
                .contentType("application/fhir+ndjson").extract().asString();
        List<String> lines = ndjson.lines().toList();
        assertTrue(lines.size() >= 5, "the Bundle read above is itself recorded: " + lines.size());
        for (String line : lines) {
            List<String> bad = errors(line);
            assertTrue(bad.isEmpty(), line + "\n  " + String.join("\n  ", bad));
        }
        given().header(DefaultTokenFilter.AS, "clinician").queryParam("patient", p).when().get("/api/v1/fhir/AuditEvent")
                .then().statusCode(403);
    }

    @Test
    void aPurgeIsItselfAnAuditEvent() throws Exception {
        purge.purge();
        String body = given().header(DefaultTokenFilter.AS, "auditor").accept(ContentType.ANY).when()
                .get("/api/v1/fhir/AuditEvent").then().statusCode(200).extract().asString();
        List<String> invalid = errors(body);
        assertTrue(invalid.isEmpty(), String.join("\n", invalid));
        JsonNode bundle = JSON.readTree(body);
        assertFalse(bundle.path("entry").isEmpty());
        JsonNode last = bundle.path("entry").path(bundle.path("entry").size() - 1).path("resource");
        assertEquals("110100", last.path("type").path("code").asText());
        assertEquals(RetentionPurge.ACTOR, last.path("agent").path(0).path("who").path("identifier").path("value").asText());
    }

    /** The validator is not a formality: one action outside its required code set is an error. */
    @Test
    void theValidatorRejectsAnAuditEventWithAnUnknownAction() {
        String event = """
                {"resourceType":"AuditEvent","type":{"system":"http://terminology.hl7.org/CodeSystem/audit-event-type","code":"rest"},
                 "action":"%s","recorded":"2026-01-01T00:00:00Z","agent":[{"requestor":true}],"source":{"observer":{"display":"Myoline"}}}""";
        assertTrue(errors(event.formatted("R")).isEmpty(), errors(event.formatted("R")).toString());
        assertFalse(errors(event.formatted("Z")).isEmpty());
    }
}
