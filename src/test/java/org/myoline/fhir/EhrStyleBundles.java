package org.myoline.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.myoline.catalogue.Drug;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.fixtures.SeedFixture;

/**
 * A seed history written the way a hospital EHR sends it, not the way Myoline exports it: the hospital's own
 * identifiers, orders (MedicationRequest) with the dose per administration and a timing, infusion courses as
 * MedicationAdministrations pointing at their order, RxNorm codes (ATC only where RxNorm has none), ICD-10-CM
 * diagnosis codes, LOINC weights and labs, mCODE stop reasons. Myoline codes appear only where no standard
 * code exists (docs/clinical-evidence.md §9: calcinosis, skin involvement, scores, REMISSION as a stop reason, responses).
 */
final class EhrStyleBundles {
    static final String HOSPITAL = "https://ehr.hospital.example/id/";
    private static final DrugCatalogue CATALOGUE = DrugCatalogue.loadDefault();

    private EhrStyleBundles() {
    }

    /** One transaction Bundle with everything the fixture says about its patient. */
    static Bundle transaction(SeedFixture fixture, String mrn) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        JsonNode p = fixture.patient();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:myoline:mrn").setValue(mrn).getType()
                .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", null));
        patient.setGender(Enumerations.AdministrativeGender.fromCode(p.path("sex").asText()));
        patient.setBirthDateElement(new DateType(p.path("birthDate").asText()));
        String patientRef = add(bundle, patient);

        String subtype = p.path("subtype").asText();
        boolean muscle = false;
        for (JsonNode f : p.path("features")) {
            muscle |= f.asText().equals("MUSCLE");
        }
        Condition dm = condition(patientRef);
        CodeableConcept code = dm.getCode().addCoding(new Coding(FhirCodes.SNOMED, "396230008", "Dermatomyositis"));
        switch (subtype) {
            case "JUVENILE" -> code.addCoding(new Coding(FhirCodes.ICD10_CM, muscle ? "M33.02" : "M33.00", null));
            case "AMYOPATHIC" -> code.addCoding(new Coding(FhirCodes.ICD10_CM, "M33.13", null));
            case "CLASSIC" -> code.addCoding(new Coding(FhirCodes.ICD10_CM, muscle ? "M33.12" : "M33.10", null));
            default -> code.addCoding(new Coding("urn:myoline:fhir:subtype", subtype, null));
        }
        if (p.hasNonNull("diagnosisDate")) {
            dm.setOnset(new DateTimeType(p.path("diagnosisDate").asText()));
        }
        String dmRef = add(bundle, dm);
        for (JsonNode f : p.path("features")) {
            String feature = f.asText();
            if (feature.equals("MUSCLE") && !subtype.equals("HYPOMYOPATHIC")) {
                continue; // said by the ICD-10-CM code "with myopathy"
            }
            Condition c = condition(patientRef);
            switch (feature) {
                case "ILD" -> c.getCode().addCoding(new Coding(FhirCodes.SNOMED, "233703007", "Interstitial lung disease"));
                case "DYSPHAGIA" -> c.getCode().addCoding(new Coding(FhirCodes.SNOMED, "40739000", "Dysphagia"));
                case "MALIGNANCY" -> c.getCode().addCoding(new Coding(FhirCodes.SNOMED, "363346000", null));
                default -> c.getCode().addCoding(new Coding("urn:myoline:fhir:feature", feature, null));
            }
            c.addExtension("http://hl7.org/fhir/StructureDefinition/condition-related", new Reference(dmRef));
            add(bundle, c);
        }

        LocalDate earliest = p.hasNonNull("diagnosisDate") ? LocalDate.parse(p.path("diagnosisDate").asText()) : null;
        Map<String, String> orderByKey = new HashMap<>();
        int n = 0;
        for (JsonNode e : fixture.episodes()) {
            LocalDate start = LocalDate.parse(e.path("startDate").asText());
            earliest = earliest == null || start.isBefore(earliest) ? start : earliest;
            orderByKey.put(e.path("key").asText(), order(bundle, e, patientRef, tag + "-" + (++n)));
        }
        // The EHR keeps body size as dated vital signs, not on the patient.
        if (p.hasNonNull("weightKg")) {
            add(bundle, measurement(patientRef, "29463-7", "kg", p.path("weightKg").decimalValue(), earliest, tag + "-w"));
        }
        if (p.hasNonNull("heightCm")) {
            add(bundle, measurement(patientRef, "8302-2", "cm", p.path("heightCm").decimalValue(), earliest, tag + "-h"));
        }
        int k = 0;
        for (JsonNode o : fixture.observations()) {
            String type = o.path("type").asText();
            LocalDate date = LocalDate.parse(o.path("date").asText());
            Observation obs = switch (type) {
                case "WEIGHT_KG" -> measurement(patientRef, "29463-7", "kg", o.path("value").decimalValue(), date, tag + "-o" + k);
                case "HEIGHT_CM" -> measurement(patientRef, "8302-2", "cm", o.path("value").decimalValue(), date, tag + "-o" + k);
                case "CK_U_PER_L" -> measurement(patientRef, "2157-6", "U/L", o.path("value").decimalValue(), date, tag + "-o" + k);
                default -> {
                    Observation score = observation(patientRef, tag + "-o" + k, date);
                    score.getCode().addCoding(new Coding("urn:myoline:fhir:observation", type, null));
                    score.setValue(new Quantity().setValue(o.path("value").decimalValue()));
                    yield score;
                }
            };
            k++;
            add(bundle, obs);
        }
        for (JsonNode v : fixture.events()) {
            Observation event = observation(patientRef, tag + "-e" + (k++), LocalDate.parse(v.path("date").asText()));
            event.getCode().addCoding(new Coding("urn:myoline:fhir:event", v.path("type").asText(), null));
            event.setValue(new CodeableConcept(new Coding("urn:myoline:fhir:disease-domain", v.path("domain").asText(), null)));
            event.addFocus(new Reference(dmRef));
            if (v.hasNonNull("episode")) {
                event.addFocus(new Reference(orderByKey.get(v.path("episode").asText())));
            }
            add(bundle, event);
        }
        return bundle;
    }

    /** One episode as an order; infusion courses as administrations of that order; the response as an Observation. */
    private static String order(Bundle bundle, JsonNode e, String patientRef, String id) {
        Drug drug = CATALOGUE.find(e.path("drug").asText()).orElseThrow();
        LocalDate start = LocalDate.parse(e.path("startDate").asText());
        LocalDate end = e.hasNonNull("endDate") ? LocalDate.parse(e.path("endDate").asText()) : null;
        String stop = e.path("stopReason").asText(null);
        MedicationRequest mr = new MedicationRequest();
        mr.addIdentifier().setSystem(HOSPITAL + "order").setValue(id);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.setStatus(end == null ? MedicationRequest.MedicationRequestStatus.ACTIVE
                : stop == null || stop.equals("REMISSION") || stop.equals("COURSE_COMPLETED")
                        ? MedicationRequest.MedicationRequestStatus.COMPLETED : MedicationRequest.MedicationRequestStatus.STOPPED);
        if (stop != null) {
            mr.setStatusReason(switch (stop) {
                case "INEFFICACY" -> new CodeableConcept(new Coding(FhirCodes.SNOMED, "266721009", "No response to treatment"));
                case "ADVERSE_EVENT" -> new CodeableConcept(new Coding(FhirCodes.SNOMED, "407563006", "Treatment not tolerated"));
                case "PATIENT_CHOICE" -> new CodeableConcept(new Coding(FhirCodes.SNOMED, "105480006", null));
                case "COURSE_COMPLETED" -> new CodeableConcept(new Coding(FhirCodes.SNOMED, "182992009", null));
                default -> new CodeableConcept(new Coding("urn:myoline:fhir:stop-reason", stop, null));
            });
        }
        CodeableConcept medication = new CodeableConcept().setText(drug.name());
        if (drug.rxnormIngredient() != null) {
            medication.addCoding(new Coding(FhirCodes.RXNORM, drug.rxnormIngredient().code(), drug.name()));
            if (drug.drugClass() == Drug.DrugClass.TOPICAL) {
                drug.atc().forEach(atc -> medication.addCoding(new Coding(FhirCodes.ATC, atc.code(), null)));
            }
        } else if (!drug.atc().isEmpty()) {
            drug.atc().forEach(atc -> medication.addCoding(new Coding(FhirCodes.ATC, atc.code(), null)));
        } else {
            medication.addCoding(new Coding("urn:myoline:fhir:drug", drug.code(), null));
        }
        mr.setMedication(medication);
        mr.setSubject(new Reference(patientRef));
        mr.setAuthoredOnElement(new DateTimeType(start.toString()));
        Period validity = mr.getDispenseRequest().getValidityPeriod().setStartElement(new DateTimeType(start.toString()));
        if (end != null) {
            validity.setEndElement(new DateTimeType(end.toString()));
        }
        List<JsonNode> steps = new ArrayList<>();
        steps.add(e);
        e.path("doseChanges").forEach(steps::add);
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            Dosage dosage = mr.addDosageInstruction().setSequence(i + 1);
            String from = i == 0 ? start.toString() : step.path("date").asText();
            Period bounds = new Period().setStartElement(new DateTimeType(from));
            if (i + 1 < steps.size()) {
                bounds.setEndElement(new DateTimeType(steps.get(i + 1).path("date").asText()));
            } else if (end != null) {
                bounds.setEndElement(new DateTimeType(end.toString()));
            }
            Timing.TimingRepeatComponent repeat = dosage.getTiming().getRepeat().setBounds(bounds);
            dosage.setRoute(route(e.path("route").asText()));
            JsonNode dose = step.path("dose");
            String unit = dose.path("unit").asText();
            BigDecimal value = dose.path("value").decimalValue();
            // Per administration with a timing, as prescribing systems write it: 15 mg once a week, not 15 mg/wk.
            if (unit.endsWith("/d") || unit.endsWith("/wk")) {
                boolean weekly = unit.endsWith("/wk");
                unit = unit.substring(0, unit.lastIndexOf('/'));
                repeat.setFrequency(1).setPeriod(1).setPeriodUnit(weekly ? Timing.UnitsOfTime.WK : Timing.UnitsOfTime.D);
            }
            dosage.addDoseAndRate().setDose(new Quantity().setValue(value).setUnit(unit).setSystem(FhirCodes.UCUM).setCode(unit));
        }
        String orderRef = add(bundle, mr);
        if (drug.courseBased() && e.hasNonNull("courses")) {
            int courses = e.path("courses").asInt();
            LocalDate last = end != null ? end : start.plusDays(28L * (courses - 1));
            long span = ChronoUnit.DAYS.between(start, last);
            for (int c = 0; c < courses; c++) {
                LocalDate given = courses == 1 ? start : start.plusDays(span * c / (courses - 1));
                MedicationAdministration ma = new MedicationAdministration();
                ma.addIdentifier().setSystem(HOSPITAL + "administration").setValue(id + "-" + (c + 1));
                ma.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
                ma.setMedication(medication.copy());
                ma.setSubject(new Reference(patientRef));
                ma.setEffective(new DateTimeType(given.toString()));
                ma.setRequest(new Reference(orderRef));
                JsonNode dose = e.path("dose");
                ma.getDosage().setRoute(route(e.path("route").asText())).setDose(new Quantity()
                        .setValue(dose.path("value").decimalValue()).setUnit(dose.path("unit").asText())
                        .setSystem(FhirCodes.UCUM).setCode(dose.path("unit").asText()));
                add(bundle, ma);
            }
        }
        if (e.hasNonNull("response") && !e.path("response").asText().equals("NOT_ASSESSED")) {
            Observation response = observation(patientRef, id + "-response", end != null ? end : start);
            response.getCode().addCoding(new Coding("urn:myoline:fhir:assessment", "treatment-response", null));
            response.setValue(new CodeableConcept(new Coding("urn:myoline:fhir:response", e.path("response").asText(), null)));
            response.addFocus(new Reference(orderRef));
            add(bundle, response);
        }
        return orderRef;
    }

    private static CodeableConcept route(String route) {
        return switch (route) {
            case "ORAL" -> new CodeableConcept(new Coding(FhirCodes.SNOMED, "26643006", "Oral route"));
            case "IV" -> new CodeableConcept(new Coding(FhirCodes.SNOMED, "47625008", "Intravenous route"));
            case "SC" -> new CodeableConcept(new Coding(FhirCodes.SNOMED, "34206005", "Subcutaneous route"));
            case "IM" -> new CodeableConcept(new Coding(FhirCodes.SNOMED, "78421000", "Intramuscular route"));
            default -> new CodeableConcept(new Coding(FhirCodes.SNOMED, "6064005", "Topical route"));
        };
    }

    private static Condition condition(String patientRef) {
        Condition c = new Condition();
        c.setSubject(new Reference(patientRef));
        c.getClinicalStatus().addCoding(new Coding(FhirCodes.CONDITION_CLINICAL, "active", null));
        return c;
    }

    private static Observation observation(String patientRef, String id, LocalDate date) {
        Observation o = new Observation();
        o.addIdentifier().setSystem(HOSPITAL + "observation").setValue(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setSubject(new Reference(patientRef));
        o.setEffective(new DateTimeType(date.toString()));
        return o;
    }

    private static Observation measurement(String patientRef, String loinc, String unit, BigDecimal value, LocalDate date, String id) {
        Observation o = observation(patientRef, id, date);
        o.getCode().addCoding(new Coding(FhirCodes.LOINC, loinc, null));
        o.setValue(new Quantity().setValue(value).setUnit(unit).setSystem(FhirCodes.UCUM).setCode(unit));
        return o;
    }

    private static String add(Bundle bundle, Resource resource) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
        return fullUrl;
    }
}
