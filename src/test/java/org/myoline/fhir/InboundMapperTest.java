package org.myoline.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.Subtype;

/** The FHIR reading rules alone: no service, no database; each row is one resource as a hospital might send it. */
class InboundMapperTest {
    private static final FhirContext FHIR = FhirContext.forR4();
    private static final DrugCatalogue CATALOGUE = DrugCatalogue.loadDefault();
    private static final String PATIENT = """
            {"resourceType":"Patient","id":"p","identifier":[{"type":{"coding":[{"system":\
            "http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"system":"urn:myoline:mrn","value":"M-1"}],\
            "birthDate":"1970-01-01"}""";

    private static ImportPlan map(String... resources) {
        FhirSystems systems = FhirSystems.of("urn:myoline:mrn", "urn:myoline:fhir");
        InboundMapper mapper = new InboundMapper(CATALOGUE, systems, new InboundMapper.Patients() {
            @Override
            public boolean exists(UUID id) {
                return false;
            }

            @Override
            public Optional<UUID> byMrn(String mrn) {
                return Optional.empty();
            }
        });
        List<InboundMapper.Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < resources.length; i++) {
            entries.add(new InboundMapper.Entry(i, null, (Resource) FHIR.newJsonParser().parseResource(resources[i])));
        }
        ImportPlan parsed = new ImportPlan();
        parsed.entryCount = resources.length;
        return mapper.map(entries, parsed);
    }

    private static String request(String dose, String unit, String timing, String route, String medication) {
        return """
                {"resourceType":"MedicationRequest","identifier":[{"system":"urn:o","value":"1"}],"status":"active",\
                "intent":"order","subject":{"reference":"Patient/p"},"authoredOn":"2024-01-02",\
                "medicationCodeableConcept":{"coding":[%s]},"dosageInstruction":[{%s"route":{"coding":[{"system":\
                "http://snomed.info/sct","code":"%s"}]},"doseAndRate":[{"doseQuantity":{"value":%s,"system":\
                "http://unitsofmeasure.org","code":"%s"}}]}]}""".formatted(medication, timing, route, dose, unit);
    }

    private static final String MTX = "{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"6851\"}";
    private static final String WEEKLY = "\"timing\":{\"repeat\":{\"frequency\":1,\"period\":1,\"periodUnit\":\"wk\"}},";
    private static final String TWICE_DAILY = "\"timing\":{\"repeat\":{\"frequency\":2,\"period\":1,\"periodUnit\":\"d\"}},";
    private static final String DAILY = "\"timing\":{\"repeat\":{\"frequency\":1,\"period\":1,\"periodUnit\":\"d\"}},";

    /** Prescribing systems give the dose per administration and a timing; Myoline records per day or week. */
    @ParameterizedTest(name = "{0} {1} {2} → {3} {4}")
    @CsvSource(delimiter = '|', value = {
            "15  | mg    | weekly      | 15   | mg/wk",
            "10  | mg    | twice daily | 20   | mg/d",
            "1   | g     | daily       | 1000 | mg/d",
            "0.5 | mg/kg | daily       | 0.5  | mg/kg/d",
            "20  | mg/wk | none        | 20   | mg/wk",
            "25  | mg    | none        | 25   | mg"})
    void perAdministrationDosesBecomeDailyOrWeeklyDoses(String dose, String unit, String timing, String value, String expected) {
        String t = switch (timing) {
            case "weekly" -> WEEKLY;
            case "twice daily" -> TWICE_DAILY;
            case "daily" -> DAILY;
            default -> "";
        };
        ImportPlan plan = map(PATIENT, request(dose, unit, t, "26643006", MTX));
        assertFalse(plan.hasErrors(), () -> plan.results.toString());
        ImportFacts.Medication m = (ImportFacts.Medication) plan.records.get(0).sources.get(0).facts();
        assertEquals(expected, m.doses().get(0).unit());
        assertEquals(0, new java.math.BigDecimal(value).compareTo(m.doses().get(0).value()));
    }

    @Test
    void aUnitMyolineDoesNotRecordIsAnErrorOnThatEntry() {
        ImportPlan plan = map(PATIENT, request("5", "mL", "", "26643006", MTX));
        assertTrue(plan.failed(1));
        assertTrue(plan.results.get(1).errors.get(0).message().contains("'mL' is not a dose unit"));
        assertFalse(plan.failed(0), "the patient entry itself is fine");
    }

    /** One RxNorm ingredient for ointment and capsules: the route picks the catalogue drug. */
    @ParameterizedTest
    @CsvSource({"6064005, topical-tacrolimus", "26643006, tacrolimus"})
    void tacrolimusIsTopicalOrSystemicByRoute(String route, String drug) {
        String tacrolimus = "{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"42316\"}";
        ImportPlan plan = map(PATIENT, request("2", "mg", DAILY, route, tacrolimus));
        assertEquals(drug, ((ImportFacts.Medication) plan.records.get(0).sources.get(0).facts()).drug());
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "http://hl7.org/fhir/sid/icd-10-cm, M33.03, JUVENILE, false",
            "http://hl7.org/fhir/sid/icd-10, M33.0, JUVENILE, false",
            "http://hl7.org/fhir/sid/icd-10-cm, M33.13, AMYOPATHIC, false",
            "http://hl7.org/fhir/sid/icd-10-cm, M33.12, CLASSIC, true",
            "http://hl7.org/fhir/sid/icd-10, M33.1, CLASSIC, false",
            "http://snomed.info/sct, 396230008, CLASSIC, false"})
    void theDiagnosisCodeGivesTheSubtype(String system, String code, Subtype subtype, boolean muscle) {
        ImportPlan plan = map(PATIENT, """
                {"resourceType":"Condition","subject":{"reference":"Patient/p"},"code":{"coding":[{"system":"%s",\
                "code":"%s"}]}}""".formatted(system, code));
        ImportPlan.PatientUnit unit = plan.patients.get(0);
        assertEquals(subtype, unit.subtype);
        assertEquals(muscle, unit.features.contains(Feature.MUSCLE));
        assertEquals(system.contains("snomed"), unit.subtypeFromAge, "SNOMED CT alone leaves adult or juvenile to age at onset");
    }

    @Test
    void polymyositisIsNotDermatomyositis() {
        ImportPlan plan = map(PATIENT, """
                {"resourceType":"Condition","subject":{"reference":"Patient/p"},"code":{"coding":[{"system":\
                "http://hl7.org/fhir/sid/icd-10-cm","code":"M33.22"}]}}""");
        assertEquals(null, plan.patients.get(0).subtype);
        assertTrue(plan.results.get(1).warnings.get(0).contains("neither dermatomyositis nor a feature"));
    }

    @ParameterizedTest(name = "{0} {1}|{2} → {3}")
    @CsvSource({
            "stopped, http://snomed.info/sct, 266721009, INEFFICACY",
            "stopped, http://snomed.info/sct, 407563006, ADVERSE_EVENT",
            "stopped, http://terminology.hl7.org/CodeSystem/v3-ActReason, sintol, ADVERSE_EVENT",
            "stopped, urn:myoline:fhir:stop-reason, REMISSION, REMISSION",
            "stopped, urn:other, x, OTHER",
            "completed, urn:other, x, "})
    void statusReasonGivesTheStopReason(String status, String system, String code, String expected) {
        String statement = """
                {"resourceType":"MedicationStatement","identifier":[{"system":"urn:s","value":"1"}],"status":"%s",\
                "statusReason":[{"coding":[{"system":"%s","code":"%s"}]}],"subject":{"reference":"Patient/p"},\
                "medicationCodeableConcept":{"coding":[%s]},"effectivePeriod":{"start":"2024-01-01","end":"2024-06-01"},\
                "dosage":[{"route":{"text":"SC"},"doseAndRate":[{"doseQuantity":{"value":15,"system":\
                "http://unitsofmeasure.org","code":"mg/wk"}}]}]}""".formatted(status, system, code, MTX);
        ImportFacts.Medication m = (ImportFacts.Medication) map(PATIENT, statement).records.get(0).sources.get(0).facts();
        assertEquals(expected, m.stopReason() == null ? null : m.stopReason().name());
        assertEquals("2024-06-01", m.end().toString());
    }

    @Test
    void aStatementWithoutStatusIsAnErrorNotACrash() {
        String statement = """
                {"resourceType":"MedicationStatement","identifier":[{"system":"urn:s","value":"1"}],\
                "subject":{"reference":"Patient/p"},"medicationCodeableConcept":{"coding":[%s]},\
                "effectiveDateTime":"2024-01-01"}""".formatted(MTX);
        ImportPlan plan = map(PATIENT, statement);
        assertTrue(plan.results.get(1).errors.get(0).message().contains("is required"), () -> plan.results.get(1).errors.toString());
    }

    @Test
    void aYearAloneIsNotADate() {
        String statement = """
                {"resourceType":"MedicationStatement","identifier":[{"system":"urn:s","value":"1"}],"status":"active",\
                "subject":{"reference":"Patient/p"},"medicationCodeableConcept":{"coding":[%s]},\
                "effectiveDateTime":"2024","dosage":[{"route":{"text":"SC"},"doseAndRate":[{"doseQuantity":\
                {"value":15,"system":"http://unitsofmeasure.org","code":"mg/wk"}}]}]}""".formatted(MTX);
        ImportPlan plan = map(PATIENT, statement);
        assertTrue(plan.results.get(1).errors.stream().anyMatch(e -> e.message().contains("needs a full date")),
                () -> plan.results.get(1).errors.toString());
    }
}
