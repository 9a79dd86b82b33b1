package org.myoline.fhir;

import static io.restassured.RestAssured.given;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;
import org.myoline.contract.DefaultTokenFilter;
import org.myoline.fixtures.SeedFixture;

/**
 * FHIR import through HTTP: the four seed histories sent as an EHR would send them end up with the same
 * timeline and assessment as when entered through the native API; exports import back to the same state;
 * identifiers make imports idempotent; bad entries are named and, in a transaction, nothing is written.
 */
@QuarkusTest
class FhirImportTest implements ApiTest {
    static final String FHIR_JSON = "application/fhir+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirContext FHIR = FhirContext.forR4();

    static Stream<SeedFixture> seeds() {
        return Stream.of("seed-000-efalizumab.json", "seed-002-rituximab.json", "seed-003-guideline.json",
                "seed-004-juvenile-calcinosis.json").map(SeedFixture::load);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void seedSentAsAnEhrBundleGivesTheSameTimelineAndAssessmentAsTheNativeApi(SeedFixture seed) {
        String nativeId = TestData.enter(seed, TestData.uniqueMrn()).patientId();
        String mrn = TestData.uniqueMrn();
        String bundle = FHIR.newJsonParser().encodeResourceToString(EhrStyleBundles.transaction(seed, mrn));

        JsonNode response = importBundle(bundle, 200);
        assertEquals("transaction-response", response.path("type").asText());
        String importedId = patientIdOf(response);
        for (JsonNode entry : response.path("entry")) {
            assertTrue(entry.path("response").path("status").asText().startsWith("201"), entry.toString());
        }

        assertEquals(normalised(nativeId, "timeline"), normalised(importedId, "timeline"), seed + " timeline");
        assertEquals(normalised(nativeId, "assessment"), normalised(importedId, "assessment"), seed + " assessment");

        // The same Bundle again: nothing new, every entry unchanged.
        JsonNode again = importBundle(bundle, 200);
        for (JsonNode entry : again.path("entry")) {
            assertEquals("200 OK", entry.path("response").path("status").asText());
            assertEquals("unchanged", entry.path("response").path("outcome").path("issue").get(0).path("diagnostics").asText());
        }
        assertEquals(seed.episodes().size(), get("/api/v1/patients/" + importedId + "/episodes").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void exportImportsBackToTheSameState(SeedFixture seed) {
        String patientId = TestData.enter(seed, TestData.uniqueMrn()).patientId();
        String export = given().when().get("/api/v1/patients/" + patientId + "/fhir").then().statusCode(200).extract().asString();
        String timeline = normalised(patientId, "timeline");
        String assessment = normalised(patientId, "assessment");
        JsonNode episodesBefore = get("/api/v1/patients/" + patientId + "/episodes");

        // Into the same database: the records are recognised by their Myoline identifiers, nothing changes.
        JsonNode same = importBundle(asTransaction(export), 200);
        for (JsonNode entry : same.path("entry")) {
            assertEquals("200 OK", entry.path("response").path("status").asText(), entry.toString());
        }
        assertEquals(episodesBefore, get("/api/v1/patients/" + patientId + "/episodes"), "episodes untouched (same versions)");

        // Into a database without the patient: the same history, timeline and assessment.
        given().header("If-Match", "\"" + get("/api/v1/patients/" + patientId).path("version").asLong() + "\"")
                .when().delete("/api/v1/patients/" + patientId).then().statusCode(204);
        String reimportedId = patientIdOf(importBundle(export, 200));
        assertEquals(timeline, normalised(reimportedId, "timeline"), seed + " timeline after the round trip");
        assertEquals(assessment, normalised(reimportedId, "assessment"), seed + " assessment after the round trip");
        assertEquals(seed.observations().size(), get("/api/v1/patients/" + reimportedId + "/observations").size());
        assertEquals(seed.events().size(), get("/api/v1/patients/" + reimportedId + "/events").size());
    }

    @Test
    void chartFactsExportAndImportBackUnchanged() {
        String patientId = TestData.createPatient();
        TestData.createEpisode(patientId, """
                {"drug":"prednisone","route":"ORAL","dose":{"value":60,"unit":"mg/d"},"startDate":"2023-01-02",
                 "endDate":"2023-03-02","response":"NONE"}""");
        String ivig = TestData.createEpisode(patientId, """
                {"drug":"ivig","route":"IV","dose":{"value":0.4,"unit":"g/kg/d"},"startDate":"2023-02-01","courses":3,
                 "schedule":{"interval":{"value":4,"unit":"wk"},"daysPerCourse":5,"count":6}}""");
        TestData.createEpisode(patientId, """
                {"drug":"methotrexate","route":"ORAL","dose":{"value":7.5,"unit":"mg"},"startDate":"2023-02-01",
                 "schedule":{"timesPerWeek":2}}""");
        given().contentType(ContentType.JSON).body("{\"date\":\"2023-05-02\",\"category\":\"NONE\",\"instrument\":\"TIS\",\"score\":12.5,\"note\":\"n\"}")
                .when().post("/api/v1/patients/" + patientId + "/episodes/" + ivig + "/assessments").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"feature\":\"DYSPHAGIA\",\"onset\":\"2023-03-01\",\"resolved\":\"2023-08-01\"}")
                .when().post("/api/v1/patients/" + patientId + "/features").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"date\":\"2023-02-01\",\"type\":\"CK_U_PER_L\",\"value\":1500,\"upperLimit\":190}")
                .when().post("/api/v1/patients/" + patientId + "/observations").then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body("{\"kind\":\"AVOID_DRUG\",\"drug\":\"rituximab\",\"since\":\"2023-01-01\",\"reason\":\"declines\"}")
                .when().post("/api/v1/patients/" + patientId + "/contraindications").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"date\":\"2023-04-01\",\"type\":\"CHEMOTHERAPY\"}")
                .when().post("/api/v1/patients/" + patientId + "/events").then().statusCode(201);
        String export = given().when().get("/api/v1/patients/" + patientId + "/fhir").then().statusCode(200).extract().asString();
        String timeline = normalised(patientId, "timeline");
        String assessment = normalised(patientId, "assessment");
        String episodes = normalised(patientId, "episodes");

        JsonNode same = importBundle(asTransaction(export), 200);
        for (JsonNode entry : same.path("entry")) {
            assertEquals("200 OK", entry.path("response").path("status").asText(), entry.toString());
        }
        given().header("If-Match", "\"" + get("/api/v1/patients/" + patientId).path("version").asLong() + "\"")
                .when().delete("/api/v1/patients/" + patientId).then().statusCode(204);
        String again = patientIdOf(importBundle(export, 200));
        assertEquals(timeline, normalised(again, "timeline"));
        assertEquals(assessment, normalised(again, "assessment"));
        assertEquals(episodes.replaceAll("\"(createdAt|updatedAt)\":\"[^\"]+\"", ""),
                normalised(again, "episodes").replaceAll("\"(createdAt|updatedAt)\":\"[^\"]+\"", ""));
        assertEquals("DYSPHAGIA", get("/api/v1/patients/" + again + "/features").get(0).path("feature").asText());
        assertEquals("2023-08-01", get("/api/v1/patients/" + again + "/features").get(0).path("resolved").asText());
        assertEquals(190, get("/api/v1/patients/" + again + "/observations").get(0).path("upperLimit").asInt());
        JsonNode avoided = get("/api/v1/patients/" + again + "/contraindications").get(0);
        assertEquals("AVOID_DRUG rituximab 2023-01-01 declines", avoided.path("kind").asText() + " "
                + avoided.path("drug").asText() + " " + avoided.path("since").asText() + " " + avoided.path("reason").asText());
        assertEquals("CHEMOTHERAPY", get("/api/v1/patients/" + again + "/events").get(0).path("type").asText());
        String newIvig = get("/api/v1/patients/" + again + "/episodes").findValues("id").stream().map(JsonNode::asText)
                .filter(id -> get("/api/v1/patients/" + again + "/episodes/" + id).path("drug").asText().equals("ivig"))
                .findFirst().orElseThrow();
        JsonNode assessments = get("/api/v1/patients/" + again + "/episodes/" + newIvig + "/assessments");
        assertEquals(12.5, assessments.get(0).path("score").asDouble());
        assertEquals("TIS", assessments.get(0).path("instrument").asText());
    }

    @Test
    void aChangedResourceUpdatesTheEpisodeItCreated() {
        SeedFixture seed = SeedFixture.load("seed-003-guideline.json");
        Bundle bundle = EhrStyleBundles.transaction(seed, TestData.uniqueMrn());
        String patientId = patientIdOf(importBundle(FHIR.newJsonParser().encodeResourceToString(bundle), 200));
        JsonNode before = get("/api/v1/patients/" + patientId + "/episodes").get(0);

        MedicationRequest order = (MedicationRequest) bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof MedicationRequest).findFirst().orElseThrow();
        order.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity().setValue(50);
        JsonNode response = importBundle(FHIR.newJsonParser().encodeResourceToString(bundle), 200);
        assertTrue(response.toString().contains("\"updated\""), response.toString());

        JsonNode episodes = get("/api/v1/patients/" + patientId + "/episodes");
        assertEquals(1, episodes.size(), "updated in place, not duplicated");
        JsonNode after = episodes.get(0);
        assertEquals(before.path("id"), after.path("id"));
        assertEquals(50, after.path("dose").path("value").asInt());
        assertEquals(before.path("version").asLong() + 1, after.path("version").asLong());
    }

    @Test
    void aBadEntryInATransactionIsNamedAndNothingIsWritten() throws Exception {
        String mrn = TestData.uniqueMrn();
        ObjectNode bundle = (ObjectNode) JSON.readTree(FHIR.newJsonParser().encodeResourceToString(
                EhrStyleBundles.transaction(SeedFixture.load("seed-002-rituximab.json"), mrn)));
        int bad = -1;
        ArrayNode entries = (ArrayNode) bundle.path("entry");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode resource = entries.get(i).path("resource");
            if (bad < 0 && "MedicationRequest".equals(resource.path("resourceType").asText())) {
                ((ObjectNode) resource.path("dosageInstruction").get(0).path("doseAndRate").get(0).path("doseQuantity"))
                        .put("code", "mL").put("unit", "mL");
                bad = i;
            }
        }
        ((ObjectNode) entries.get(entries.size() - 1).path("resource")).put("status", "finished");

        JsonNode outcome = JSON.readTree(given().contentType(FHIR_JSON).body(bundle.toString()).when().post("/api/v1/fhir")
                .then().statusCode(422).contentType(FHIR_JSON).extract().asString());
        assertEquals("OperationOutcome", outcome.path("resourceType").asText());
        String text = outcome.toString();
        assertTrue(text.contains("Bundle.entry[" + bad + "].resource") && text.contains("'mL' is not a dose unit"), text);
        assertTrue(text.contains("Bundle.entry[" + (entries.size() - 1) + "].resource") && text.contains("finished"), text);
        given().queryParam("mrn", mrn).when().get("/api/v1/patients").then().statusCode(200).body("totalItems", equalTo(0));
    }

    @Test
    void aBatchWritesTheGoodRecordsAndReportsTheBadOnes() throws Exception {
        String mrn = TestData.uniqueMrn();
        ObjectNode bundle = (ObjectNode) JSON.readTree(FHIR.newJsonParser().encodeResourceToString(
                EhrStyleBundles.transaction(SeedFixture.load("seed-002-rituximab.json"), mrn)));
        bundle.put("type", "batch");
        ArrayNode entries = (ArrayNode) bundle.path("entry");
        int bad = -1;
        for (int i = 0; i < entries.size() && bad < 0; i++) {
            JsonNode resource = entries.get(i).path("resource");
            if ("MedicationRequest".equals(resource.path("resourceType").asText())) {
                ((ObjectNode) resource).remove("identifier");
                bad = i;
            }
        }
        JsonNode response = importBundle(bundle.toString(), 200);
        assertEquals("batch-response", response.path("type").asText());
        JsonNode failed = response.path("entry").get(bad).path("response");
        assertEquals("422 Unprocessable Entity", failed.path("status").asText());
        assertTrue(failed.path("outcome").toString().contains("needs an identifier"), failed.toString());
        String patientId = patientIdOf(response);
        assertEquals(7, get("/api/v1/patients/" + patientId + "/episodes").size(), "the other 7 episodes are written");
    }

    /** A record rejected when it is written takes every entry that feeds it along, also in a batch. */
    @Test
    void aPatientRejectedAtWriteTimeFailsItsConditionsToo() {
        String bundle = """
                {"resourceType":"Bundle","type":"batch","entry":[
                 {"fullUrl":"urn:uuid:6a0c6a26-8a77-4d51-9d9e-1f0f2b7e0002","resource":%s},
                 {"resource":%s}]}
                """.formatted(patient("not an MRN!", null), condition(null).replace("Patient/null",
                "urn:uuid:6a0c6a26-8a77-4d51-9d9e-1f0f2b7e0002"));
        JsonNode entries = importBundle(bundle, 200).path("entry");
        assertEquals("422 Unprocessable Entity", entries.get(0).path("response").path("status").asText());
        assertTrue(entries.get(0).path("response").path("outcome").toString().contains("mrn"), entries.toString());
        assertEquals("422 Unprocessable Entity", entries.get(1).path("response").path("status").asText(), entries.toString());
        assertTrue(entries.get(1).path("response").path("outcome").toString().contains("not written"), entries.toString());
    }

    @Test
    void administrationsWithoutAnOrderFoldIntoOneEpisodeWithCourses() {
        String patientId = TestData.createPatient();
        String mrn = get("/api/v1/patients/" + patientId).path("mrn").asText();
        StringBuilder ndjson = new StringBuilder();
        String[] dates = {"2024-01-05", "2024-02-02", "2024-03-01", "2024-09-20"};
        for (int i = 0; i < dates.length; i++) {
            ndjson.append(administration(mrn, "ivig-" + i + "-" + mrn, dates[i])).append('\n');
        }
        JsonNode response = importNdjson(ndjson.toString(), "integration", 200);
        assertEquals(4, response.path("entry").size());
        JsonNode episodes = get("/api/v1/patients/" + patientId + "/episodes");
        assertEquals(2, episodes.size(), "a course after the 42-day persistence window starts a new episode: " + episodes);
        JsonNode first = episodes.get(0);
        assertEquals("ivig", first.path("drug").asText());
        assertEquals(3, first.path("courses").asInt());
        assertEquals("2024-01-05", first.path("startDate").asText());
        assertEquals("2024-03-01", first.path("endDate").asText());

        // A later feed with only the next course continues the episode it belongs to.
        importNdjson(administration(mrn, "ivig-next-" + mrn, "2024-10-18") + "\n", "integration", 200);
        JsonNode later = get("/api/v1/patients/" + patientId + "/episodes");
        assertEquals(2, later.size());
        assertEquals(2, later.get(1).path("courses").asInt());
        assertEquals("2024-10-18", later.get(1).path("endDate").asText());
    }

    @Test
    void ndjsonIsWrittenPatientByPatient() {
        String good = TestData.uniqueMrn();
        String bad = TestData.uniqueMrn();
        String ndjson = String.join("\n",
                patient(good, "p-good"), condition("p-good"), statement("p-good", good + "-mtx", "methotrexate", "15", "mg/wk"),
                patient(bad, "p-bad"), condition("p-bad"), statement("p-bad", bad + "-mtx", "methotrexate", "15", "mL"))
                + "\n";
        JsonNode response = importNdjson(ndjson, "integration", 200);
        JsonNode entries = response.path("entry");
        assertEquals(6, entries.size(), response.toString());
        for (int i = 0; i < 3; i++) {
            assertTrue(entries.get(i).path("response").path("status").asText().startsWith("201"), entries.get(i).toString());
        }
        assertTrue(entries.get(5).path("response").path("outcome").toString().contains("line 6"), response.toString());
        assertTrue(entries.get(3).path("response").path("outcome").toString().contains("another line of the same patient"),
                entries.get(3).toString());
        given().queryParam("mrn", good).when().get("/api/v1/patients").then().body("totalItems", equalTo(1));
        given().queryParam("mrn", bad).when().get("/api/v1/patients").then().body("totalItems", equalTo(0));
    }

    @Test
    void bulkExportStreamsEveryPatientAndImportsBack() {
        SeedFixture seed = SeedFixture.load("seed-004-juvenile-calcinosis.json");
        String patientId = TestData.enter(seed, TestData.uniqueMrn()).patientId();
        String timeline = normalised(patientId, "timeline");
        String all = given().urlEncodingEnabled(false).header(DefaultTokenFilter.AS, "integration").when().get("/api/v1/fhir/$export")
                .then().statusCode(200).contentType("application/fhir+ndjson").extract().asString();
        List<String> mine = new ArrayList<>();
        for (String line : all.split("\n")) {
            if (line.contains("Patient/" + patientId) || line.contains("\"id\":\"" + patientId + "\"")) {
                mine.add(line);
            }
        }
        assertTrue(mine.size() > seed.episodes().size(), "the patient's resources are in the export");

        String types = given().urlEncodingEnabled(false).header(DefaultTokenFilter.AS, "integration").queryParam("_type", "Patient")
                .when().get("/api/v1/fhir/$export").then().statusCode(200).extract().asString();
        for (String line : types.split("\n")) {
            assertTrue(line.startsWith("{\"resourceType\":\"Patient\""), line);
        }

        given().header("If-Match", "\"" + get("/api/v1/patients/" + patientId).path("version").asLong() + "\"")
                .when().delete("/api/v1/patients/" + patientId).then().statusCode(204);
        JsonNode response = importNdjson(String.join("\n", mine) + "\n", "integration", 200);
        String reimported = patientIdOf(response);
        assertEquals(timeline, normalised(reimported, "timeline"), "NDJSON round trip");
    }

    /** The contract's example: 15 mg once a week, as prescribing systems write it, is recorded as 15 mg/wk. */
    @Test
    void theContractExampleImportsAndPerAdministrationDosesBecomeWeeklyDoses() {
        String mrn = TestData.uniqueMrn();
        JsonNode response = importBundle(FhirSystemResource.BUNDLE_EXAMPLE.replace("MRN-000123", mrn), 200);
        String patientId = patientIdOf(response);
        JsonNode patient = get("/api/v1/patients/" + patientId);
        assertEquals("CLASSIC", patient.path("subtype").asText());
        assertEquals("2024-01-15", patient.path("diagnosisDate").asText());
        assertTrue(patient.path("features").toString().contains("MUSCLE"), "ICD-10-CM M33.12 is DM with myopathy");
        JsonNode episode = get("/api/v1/patients/" + patientId + "/episodes").get(0);
        assertEquals("methotrexate", episode.path("drug").asText());
        assertEquals("SC", episode.path("route").asText());
        assertEquals("15 mg/wk", episode.path("dose").path("value").asInt() + " " + episode.path("dose").path("unit").asText());
        assertEquals("2024-01-20", episode.path("startDate").asText());
        assertTrue(episode.path("endDate").isMissingNode(), "an active order is ongoing");

        String other = TestData.uniqueMrn();
        JsonNode lines = importNdjson(FhirSystemResource.NDJSON_EXAMPLE.replace("MRN-000123", other), "integration", 200);
        assertEquals(3, lines.path("entry").size());
        JsonNode created = get("/api/v1/patients/" + patientIdOf(lines));
        assertEquals("CLASSIC", created.path("subtype").asText(), "SNOMED CT 396230008 with onset at 55 years: adult DM");
        JsonNode statement = get("/api/v1/patients/" + patientIdOf(lines) + "/episodes").get(0);
        assertEquals("methotrexate 15 mg/wk SC", statement.path("drug").asText() + " " + statement.path("dose").path("value").asInt()
                + " " + statement.path("dose").path("unit").asText() + " " + statement.path("route").asText());
    }

    @Test
    void notABundleIsA400OperationOutcome() {
        given().contentType(FHIR_JSON).body("{\"resourceType\":\"Patient\"}").when().post("/api/v1/fhir")
                .then().statusCode(400).contentType(FHIR_JSON).body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("Bundle"));
        given().contentType(FHIR_JSON).body("{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}").when().post("/api/v1/fhir")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("transaction or batch"));
        given().contentType(FHIR_JSON).body("{not json").when().post("/api/v1/fhir")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("not JSON"));
    }

    @Test
    void anEmptyNdjsonFileAndTheWrongMediaTypeAreRefused() {
        given().urlEncodingEnabled(false).header(DefaultTokenFilter.AS, "integration").contentType("application/fhir+ndjson")
                .body("\n\n".getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/fhir/$import")
                .then().statusCode(400).contentType(FHIR_JSON).body("issue[0].diagnostics", containsString("no resources"));
        given().urlEncodingEnabled(false).header(DefaultTokenFilter.AS, "integration").contentType("text/plain")
                .body("{}".getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/fhir/$import")
                .then().statusCode(415).contentType("application/problem+json");
        given().contentType("text/plain").body("{}".getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/fhir")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void unknownElementsAndUncataloguedDrugsAreReportedNotLost() {
        String mrn = TestData.uniqueMrn();
        String bundle = """
                {"resourceType":"Bundle","type":"batch","entry":[
                 {"fullUrl":"urn:uuid:6a0c6a26-8a77-4d51-9d9e-1f0f2b7e0001","resource":%s},
                 {"resource":%s},
                 {"resource":{"resourceType":"MedicationStatement","identifier":[{"system":"urn:x","value":"%s-ome"}],
                   "status":"active","subject":{"reference":"urn:uuid:6a0c6a26-8a77-4d51-9d9e-1f0f2b7e0001"},
                   "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"7646"}]}}},
                 {"resource":{"resourceType":"Encounter","status":"finished","class":{"code":"AMB"}}},
                 {"resource":{"resourceType":"Observation","status":"final","satus":"final","code":{"text":"x"}}}]}
                """.formatted(patient(mrn, null), condition(null).replace("Patient/null", "urn:uuid:6a0c6a26-8a77-4d51-9d9e-1f0f2b7e0001"), mrn);
        JsonNode response = importBundle(bundle, 200);
        JsonNode entries = response.path("entry");
        assertTrue(entries.get(2).path("response").path("outcome").toString().contains("not in Myoline's drug catalogue"));
        assertTrue(entries.get(3).path("response").path("outcome").toString().contains("Encounter is not a resource Myoline imports"));
        assertEquals("422 Unprocessable Entity", entries.get(4).path("response").path("status").asText());
        assertTrue(entries.get(4).path("response").path("outcome").toString().contains("satus"), entries.get(4).toString());
    }

    @Test
    void importNeedsAWritingRoleAndNdjsonTheIntegrationRole() {
        given().header(DefaultTokenFilter.AS, "viewer").contentType(FHIR_JSON).body("{}").when().post("/api/v1/fhir")
                .then().statusCode(403);
        given().urlEncodingEnabled(false).contentType("application/fhir+ndjson").body("{}\n".getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/fhir/$import").then().statusCode(403);
        given().urlEncodingEnabled(false).when().get("/api/v1/fhir/$export").then().statusCode(403);
        given().urlEncodingEnabled(false).header(DefaultTokenFilter.AS, "integration").queryParam("_type", "Encounter").when()
                .get("/api/v1/fhir/$export").then().statusCode(400).contentType("application/problem+json");
    }

    // -------------------------------------------------------------------------------------------------------

    private static String patient(String mrn, String id) {
        return ("{\"resourceType\":\"Patient\"" + (id == null ? "" : ",\"id\":\"" + id + "\"")
                + ",\"identifier\":[{\"type\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v2-0203\","
                + "\"code\":\"MR\"}]},\"system\":\"urn:myoline:mrn\",\"value\":\"%s\"}],\"gender\":\"female\","
                + "\"birthDate\":\"1970-03-02\"}").formatted(mrn);
    }

    private static String condition(String patientId) {
        return "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/" + patientId + "\"},"
                + "\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10-cm\",\"code\":\"M33.12\"}]},"
                + "\"onsetDateTime\":\"2023-05-01\"}";
    }

    private static String statement(String patientId, String identifier, String drug, String dose, String unit) {
        return ("{\"resourceType\":\"MedicationStatement\",\"identifier\":[{\"system\":\"urn:test\",\"value\":\"%s\"}],"
                + "\"status\":\"active\",\"subject\":{\"reference\":\"Patient/%s\"},"
                + "\"medicationCodeableConcept\":{\"coding\":[{\"system\":\"urn:myoline:fhir:drug\",\"code\":\"%s\"}]},"
                + "\"effectivePeriod\":{\"start\":\"2023-06-01\"},\"dosage\":[{\"route\":{\"coding\":[{\"system\":"
                + "\"http://snomed.info/sct\",\"code\":\"34206005\"}]},\"doseAndRate\":[{\"doseQuantity\":{\"value\":%s,"
                + "\"system\":\"http://unitsofmeasure.org\",\"code\":\"%s\"}}]}]}").formatted(identifier, patientId, drug, dose, unit);
    }

    private static String administration(String mrn, String identifier, String date) {
        return ("{\"resourceType\":\"MedicationAdministration\",\"identifier\":[{\"system\":\"urn:test:mar\",\"value\":\"%s\"}],"
                + "\"status\":\"completed\",\"subject\":{\"identifier\":{\"system\":\"urn:myoline:mrn\",\"value\":\"%s\"}},"
                + "\"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://www.whocc.no/atc\",\"code\":\"J06BA02\"}]},"
                + "\"effectiveDateTime\":\"%s\",\"dosage\":{\"route\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                + "\"code\":\"47625008\"}]},\"dose\":{\"value\":2,\"system\":\"http://unitsofmeasure.org\",\"code\":\"g/kg\"}}}")
                .formatted(identifier, mrn, date);
    }

    /** A collection Bundle (an export) as a transaction. */
    private static String asTransaction(String export) {
        try {
            ObjectNode bundle = (ObjectNode) JSON.readTree(export);
            bundle.put("type", "transaction");
            bundle.remove("timestamp");
            for (JsonNode entry : bundle.path("entry")) {
                ((ObjectNode) entry).putObject("request").put("method", "POST")
                        .put("url", entry.path("resource").path("resourceType").asText());
            }
            return bundle.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode importBundle(String bundle, int status) {
        return parse(given().contentType(FHIR_JSON).body(bundle.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/fhir")
                .then().log().ifValidationFails().statusCode(status).contentType(FHIR_JSON).extract().asString());
    }

    private static JsonNode importNdjson(String ndjson, String role, int status) {
        return parse(given().urlEncodingEnabled(false).header(DefaultTokenFilter.AS, role).contentType("application/fhir+ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/fhir/$import").then().statusCode(status).contentType(FHIR_JSON).extract().asString());
    }

    /** The patient the import created or updated, from the location of its Patient entry. */
    private static String patientIdOf(JsonNode response) {
        for (JsonNode entry : response.path("entry")) {
            String location = entry.path("response").path("location").asText("");
            if (location.startsWith("/api/v1/patients/")) {
                return location.split("/")[4];
            }
        }
        throw new AssertionError("no patient location in " + response);
    }

    /** The view with every id blanked, so two patients with the same history compare equal. */
    private static String normalised(String patientId, String view) {
        String text = given().when().get("/api/v1/patients/" + patientId + "/" + view).then().statusCode(200).extract().asString();
        return text.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID");
    }

    private static JsonNode get(String path) {
        return parse(given().when().get(path).then().statusCode(200).extract().asString());
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            assertNotNull(node);
            return node;
        } catch (Exception e) {
            throw new IllegalStateException(text, e);
        }
    }
}
