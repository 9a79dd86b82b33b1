package org.myoline.fhir;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;
import org.myoline.contract.DefaultTokenFilter;
import org.myoline.fixtures.SeedFixture;

/**
 * Each seed history entered through the native API, exported as FHIR, parsed by HAPI and validated against
 * the base R4 profiles; the Bundle must say what the timeline and assessment endpoints say.
 */
@QuarkusTest
class FhirExportTest implements ApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirContext FHIR = FhirContext.forR4();
    private static final FhirValidator VALIDATOR = validator();

    private static FhirValidator validator() {
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR));
        return FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
    }

    static Stream<SeedFixture> fixtures() {
        return SeedFixture.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void seedExportValidatesAndSaysWhatTheEngineSays(SeedFixture fixture) throws Exception {
        String mrn = TestData.uniqueMrn();
        String patientId = enter(fixture, mrn);

        String body = given().when().get("/api/v1/patients/" + patientId + "/fhir")
                .then().statusCode(200).contentType("application/fhir+json").extract().asString();

        ValidationResult result = VALIDATOR.validateWithResult(body);
        List<String> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + ": " + m.getMessage()).toList();
        assertTrue(errors.isEmpty(), fixture + " export is not valid R4:\n  " + String.join("\n  ", errors));

        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, body);
        assertEquals(Bundle.BundleType.COLLECTION, bundle.getType());
        Map<String, org.hl7.fhir.r4.model.Resource> byUrl = new HashMap<>();
        bundle.getEntry().forEach(e -> byUrl.put(e.getFullUrl(), e.getResource()));

        Patient patient = only(bundle, Patient.class);
        assertTrue(patient.getIdentifier().stream().anyMatch(id -> mrn.equals(id.getValue())
                && id.getType().getCodingFirstRep().getCode().equals("MR")), "MRN identifier typed MR");

        List<MedicationStatement> statements = all(bundle, MedicationStatement.class);
        assertEquals(fixture.episodes().size(), statements.size(), "one MedicationStatement per episode");

        JsonNode timeline = read("/api/v1/patients/" + patientId + "/timeline");
        List<CarePlan> lines = all(bundle, CarePlan.class);
        assertEquals(timeline.path("lines").size(), lines.size(), "one CarePlan per line");
        for (int i = 0; i < lines.size(); i++) {
            CarePlan line = lines.get(i);
            JsonNode expected = timeline.path("lines").get(i);
            IntegerType number = (IntegerType) line.getExtensionsByUrl("urn:myoline:fhir:extension:line-number")
                    .get(0).getValue();
            assertEquals(expected.path("number").asInt(), number.getValue());
            Set<String> episodeRefs = line.getActivity().stream()
                    .map(a -> a.getOutcomeReferenceFirstRep().getReference()).collect(Collectors.toSet());
            Set<String> expectedRefs = new HashSet<>();
            expected.path("episodeIds").forEach(id -> expectedRefs.add("urn:uuid:" + id.asText()));
            assertEquals(expectedRefs, episodeRefs, "line " + (i + 1) + " episodes");
        }
        for (MedicationStatement statement : statements) {
            for (Reference basedOn : statement.getBasedOn()) {
                assertTrue(byUrl.get(basedOn.getReference()) instanceof CarePlan,
                        "basedOn resolves to a CarePlan in the Bundle: " + basedOn.getReference());
            }
            assertTrue(byUrl.containsKey(statement.getReasonReferenceFirstRep().getReference()), "indication resolves");
        }

        JsonNode assessment = read("/api/v1/patients/" + patientId + "/assessment");
        Map<String, String> verdicts = new HashMap<>();
        for (Observation o : all(bundle, Observation.class)) {
            if ("dm-refractoriness".equals(o.getCode().getCodingFirstRep().getCode())) {
                verdicts.put(o.getMethod().getCodingFirstRep().getCode(),
                        o.getValueCodeableConcept().getCodingFirstRep().getCode());
            }
        }
        Map<String, String> expectedVerdicts = new HashMap<>();
        assessment.path("variants").forEach(v -> expectedVerdicts.put(v.path("definition").asText(), v.path("status").asText()));
        assertEquals(expectedVerdicts, verdicts, "one refractoriness Observation per definition");
        assertEquals(assessment.path("status").asText(), verdicts.get("RIM"), "the RIM-like verdict is the headline status");
        org.hl7.fhir.r4.model.DocumentReference picture = only(bundle, org.hl7.fhir.r4.model.DocumentReference.class);
        assertEquals("image/svg+xml", picture.getContentFirstRep().getAttachment().getContentType());
        String svg = new String(picture.getContentFirstRep().getAttachment().getData(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                && svg.contains("data-status=\"" + assessment.path("status").asText() + "\""),
                "the DocumentReference carries the timeline picture with today's verdict");
        assertTrue(byUrl.get(picture.getSubject().getReference()) instanceof Patient, "about the patient");
        assertEquals(fixture.observations().size(), identified(bundle, "urn:myoline:fhir:observation-id"),
                "every stored observation exported");
        assertEquals(fixture.events().size(), identified(bundle, "urn:myoline:fhir:event-id"), "every event exported");
        long assessed = fixture.episodes().stream().filter(e -> e.hasNonNull("response")
                && !e.path("response").asText().equals("NOT_ASSESSED")).count();
        assertEquals(assessed, identified(bundle, "urn:myoline:fhir:response-id"), "every assessed response exported");
    }

    private static long identified(Bundle bundle, String system) {
        return all(bundle, Observation.class).stream()
                .filter(o -> o.getIdentifier().stream().anyMatch(id -> system.equals(id.getSystem()))).count();
    }

    @Test
    void bulkExportCarriesThePictureOnlyWhenAskedFor() {
        String patientId = TestData.createPatient();
        TestData.createEpisode(patientId, TestData.episodeJson("methotrexate", "2024-01-15", null));
        String all = given().urlEncodingEnabled(false).header(DefaultTokenFilter.AS, "integration").when()
                .get("/api/v1/fhir/$export").then().statusCode(200).extract().asString();
        assertTrue(!all.contains("\"DocumentReference\""), "not in a default bulk export: it is large");
        String pictures = given().urlEncodingEnabled(false).header(DefaultTokenFilter.AS, "integration")
                .queryParam("_type", "DocumentReference").when().get("/api/v1/fhir/$export").then()
                .statusCode(200).extract().asString();
        long lines = pictures.lines().filter(l -> l.contains("\"Patient/" + patientId + "\"")).count();
        assertEquals(1, lines, "one picture for the patient");
        assertTrue(pictures.lines().allMatch(l -> l.startsWith("{\"resourceType\":\"DocumentReference\"")));
    }

    @Test
    void exportingTwiceGivesTheSameReferences() {
        SeedFixture seed = SeedFixture.load("seed-002-rituximab.json");
        String patientId = enter(seed, TestData.uniqueMrn());
        List<String> first = fullUrls(patientId);
        assertEquals(first, fullUrls(patientId));
        assertEquals(first.size(), new HashSet<>(first).size(), "fullUrls are unique");
    }

    @Test
    void chartFactsExportValidatesAgainstR4() {
        String patientId = TestData.createPatient();
        String ivig = TestData.createEpisode(patientId, """
                {"drug":"ivig","route":"IV","dose":{"value":0.4,"unit":"g/kg/d"},"startDate":"2023-02-01","courses":3,
                 "schedule":{"interval":{"value":4,"unit":"wk"},"daysPerCourse":5}}""");
        given().contentType(io.restassured.http.ContentType.JSON)
                .body("{\"date\":\"2023-05-02\",\"category\":\"NONE\",\"instrument\":\"TIS\",\"score\":12.5}")
                .when().post("/api/v1/patients/" + patientId + "/episodes/" + ivig + "/assessments").then().statusCode(201);
        given().contentType(io.restassured.http.ContentType.JSON)
                .body("{\"feature\":\"DYSPHAGIA\",\"onset\":\"2023-03-01\",\"resolved\":\"2023-08-01\"}")
                .when().post("/api/v1/patients/" + patientId + "/features").then().statusCode(201);
        given().contentType(io.restassured.http.ContentType.JSON)
                .body("{\"date\":\"2023-02-01\",\"type\":\"ALT_U_PER_L\",\"value\":80,\"upperLimit\":40}")
                .when().post("/api/v1/patients/" + patientId + "/observations").then().statusCode(201);
        given().contentType(io.restassured.http.ContentType.JSON)
                .body("{\"kind\":\"AVOID_DRUG\",\"drug\":\"cyclophosphamide\",\"since\":\"2023-01-01\",\"reason\":\"declines\"}")
                .when().post("/api/v1/patients/" + patientId + "/contraindications").then().statusCode(201);
        given().contentType(io.restassured.http.ContentType.JSON)
                .body("{\"kind\":\"PREGNANCY_PLANNING\",\"since\":\"2023-01-01\",\"until\":\"2023-06-01\"}")
                .when().post("/api/v1/patients/" + patientId + "/contraindications").then().statusCode(201);
        given().contentType(io.restassured.http.ContentType.JSON).body("{\"date\":\"2023-04-01\",\"type\":\"CANCER_SURGERY\"}")
                .when().post("/api/v1/patients/" + patientId + "/events").then().statusCode(201);
        String body = given().when().get("/api/v1/patients/" + patientId + "/fhir").then().statusCode(200).extract().asString();
        ValidationResult result = VALIDATOR.validateWithResult(body);
        List<String> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + ": " + m.getMessage()).toList();
        assertTrue(errors.isEmpty(), "chart facts export is not valid R4:\n  " + String.join("\n  ", errors));
        assertTrue(body.contains("\"abatementDateTime\":\"2023-08-01\""), "dated feature with abatement");
        assertTrue(body.contains("1742-6"), "ALT by LOINC");
        assertTrue(body.contains("response-assessment"), "the assessment");
        assertTrue(body.contains("\"periodUnit\":\"wk\""), "the schedule as timing");
        assertTrue(body.contains("\"resourceType\":\"Flag\""), "contraindications as Flags");
        assertTrue(body.contains("\"code\":\"L01AA01\""), "the avoided drug by ATC");
        assertTrue(body.contains("CANCER_SURGERY"), "cancer surgery as a dated event");
    }

    /** Proves the validator above is not a formality: one wrong status code in a real export is an error. */
    @Test
    void validatorRejectsAnExportWithAnInvalidStatus() throws Exception {
        String patientId = enter(SeedFixture.load("seed-003-guideline.json"), TestData.uniqueMrn());
        ObjectNode bundle = (ObjectNode) parse(given().when().get("/api/v1/patients/" + patientId + "/fhir")
                .then().statusCode(200).extract().asString());
        for (JsonNode entry : bundle.path("entry")) {
            if ("MedicationStatement".equals(entry.path("resource").path("resourceType").asText())) {
                ((ObjectNode) entry.path("resource")).put("status", "taking");
            }
        }
        ValidationResult result = VALIDATOR.validateWithResult(JSON.writeValueAsString(bundle));
        assertTrue(result.getMessages().stream().anyMatch(m -> m.getSeverity() == ResultSeverityEnum.ERROR
                && m.getLocationString().contains("MedicationStatement") && m.getLocationString().endsWith(".status")),
                "no error on MedicationStatement.status");
    }

    @Test
    void stopReasonsUseTheMcodeTerminationCodes() {
        String patientId = TestData.createPatient();
        ObjectNode failed = (ObjectNode) parse(TestData.episodeJson("methotrexate", "2024-01-01", "2024-06-01"));
        failed.put("stopReason", "INEFFICACY").put("response", "NONE");
        TestData.createEpisode(patientId, failed.toString());
        ObjectNode intolerant = (ObjectNode) parse(TestData.episodeJson("azathioprine", "2024-06-01", "2024-07-01"));
        intolerant.put("stopReason", "ADVERSE_EVENT");
        TestData.createEpisode(patientId, intolerant.toString());

        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class,
                given().when().get("/api/v1/patients/" + patientId + "/fhir").then().statusCode(200).extract().asString());
        Map<String, String> reasons = new HashMap<>();
        for (MedicationStatement s : all(bundle, MedicationStatement.class)) {
            assertEquals(MedicationStatement.MedicationStatementStatus.STOPPED, s.getStatus());
            reasons.put(s.getMedicationCodeableConcept().getText(), s.getStatusReasonFirstRep().getCoding().stream()
                    .filter(c -> "http://snomed.info/sct".equals(c.getSystem())).findFirst().orElseThrow().getCode());
        }
        assertEquals(Map.of("Methotrexate", "266721009", "Azathioprine", "407563006"), reasons);
    }

    @Test
    void unknownPatientIsNotFound() {
        given().when().get("/api/v1/patients/" + UUID.randomUUID() + "/fhir")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void exportNeedsAToken() {
        given().header(DefaultTokenFilter.AS, "anonymous").when().get("/api/v1/patients/" + UUID.randomUUID() + "/fhir")
                .then().statusCode(401);
    }

    private static List<String> fullUrls(String patientId) {
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class,
                given().when().get("/api/v1/patients/" + patientId + "/fhir").then().statusCode(200).extract().asString());
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getFullUrl).toList();
    }

    private static String enter(SeedFixture fixture, String mrn) {
        return TestData.enter(fixture, mrn).patientId();
    }

    private static JsonNode read(String path) {
        return parse(given().when().get(path).then().statusCode(200).extract().asString());
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T extends org.hl7.fhir.r4.model.Resource> List<T> all(Bundle bundle, Class<T> type) {
        List<T> found = new ArrayList<>();
        bundle.getEntry().forEach(e -> {
            if (type.isInstance(e.getResource())) {
                found.add(type.cast(e.getResource()));
            }
        });
        return found;
    }

    private static <T extends org.hl7.fhir.r4.model.Resource> T only(Bundle bundle, Class<T> type) {
        List<T> found = all(bundle, type);
        assertEquals(1, found.size(), type.getSimpleName() + " count");
        return found.get(0);
    }
}
