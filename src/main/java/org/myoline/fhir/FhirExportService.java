package org.myoline.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.myoline.catalogue.Drug;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.clinical.ClinicalService;
import org.myoline.engine.Assessment;
import org.myoline.engine.Timeline;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.History;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.model.Subtype;
import org.myoline.patient.PatientResponse;
import org.myoline.patient.PatientService;

/**
 * One patient as a FHIR R4 {@code collection} Bundle, following the mapping in interop.md §1: Patient, the
 * dermatomyositis Condition and one Condition per feature, one MedicationStatement per episode, the stored
 * Observations, one CarePlan per line of therapy and one refractoriness Observation per definition.
 *
 * <p>Written as plain JSON rather than through HAPI model classes so the service carries no FHIR library at
 * start-up; the tests parse and validate every export with HAPI against the base R4 profiles. Every entry's
 * fullUrl is a {@code urn:uuid} derived from Myoline's own ids, so exporting twice gives the same references.
 */
@ApplicationScoped
public class FhirExportService {
    static final String SNOMED = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String ATC = "http://www.whocc.no/atc";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    static final String CONDITION_RELATED = "http://hl7.org/fhir/StructureDefinition/condition-related";

    @Inject
    PatientService patients;

    @Inject
    ClinicalService clinical;

    @Inject
    DrugCatalogue catalogue;

    @Inject
    ObjectMapper json;

    /** The hospital's MRN namespace (interop.md §1.1); set it per deployment. */
    @ConfigProperty(name = "myoline.fhir.mrn-system", defaultValue = "urn:myoline:mrn")
    String mrnSystem;

    /** Prefix of Myoline's own identifier systems and local code systems. */
    @ConfigProperty(name = "myoline.fhir.system-base", defaultValue = "urn:myoline:fhir")
    String systemBase;

    public byte[] export(UUID patientId) {
        PatientResponse patient = patients.get(patientId);
        ClinicalService.Snapshot snapshot = clinical.snapshot(patientId);
        return write(new Builder(patient, snapshot).bundle());
    }

    private byte[] write(ObjectNode bundle) {
        try {
            return json.writeValueAsString(bundle).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("FHIR bundle could not be written", e);
        }
    }

    /** Builds one Bundle; holds the urn:uuid references the resources share. */
    private final class Builder {
        private final PatientResponse patient;
        private final History history;
        private final Timeline timeline;
        private final Assessment assessment;
        private final String rulesVersion;
        private final ObjectNode bundle = json.createObjectNode();
        private final ArrayNode entries;
        private final String patientRef;
        private final String conditionRef;

        Builder(PatientResponse patient, ClinicalService.Snapshot snapshot) {
            this.patient = patient;
            this.history = snapshot.history();
            this.timeline = snapshot.evaluation().timeline();
            this.assessment = snapshot.evaluation().assessment();
            this.rulesVersion = snapshot.rulesVersion();
            bundle.put("resourceType", "Bundle");
            bundle.put("type", "collection");
            bundle.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            entries = bundle.putArray("entry");
            patientRef = "urn:uuid:" + patient.id();
            conditionRef = derived("condition:dermatomyositis");
        }

        ObjectNode bundle() {
            patientResource();
            conditions();
            Map<String, List<String>> linesByEpisode = lineReferences();
            for (History.Episode episode : history.episodes()) {
                medicationStatement(episode, linesByEpisode.getOrDefault(episode.id(), List.of()));
            }
            int index = 0;
            for (History.Observation observation : history.observations()) {
                observation(observation, index++);
            }
            carePlans();
            for (Assessment.Variant variant : assessment.variants()) {
                refractoriness(variant);
            }
            return bundle;
        }

        private void patientResource() {
            ObjectNode r = resource(patientRef, "Patient");
            ArrayNode ids = r.putArray("identifier");
            ObjectNode mrn = ids.addObject();
            mrn.put("use", "usual");
            coding(mrn.putObject("type").putArray("coding"), V2_0203, "MR", "Medical record number");
            mrn.put("system", mrnSystem);
            mrn.put("value", patient.mrn());
            ids.addObject().put("system", systemBase + ":patient").put("value", patient.id().toString());
            if (patient.sex() != null) {
                r.put("gender", patient.sex().name().toLowerCase(Locale.ROOT));
            }
            if (patient.birthDate() != null) {
                r.put("birthDate", patient.birthDate().toString());
            }
        }

        private void conditions() {
            ObjectNode dm = resource(conditionRef, "Condition");
            status(dm);
            ArrayNode codes = dm.putObject("code").putArray("coding");
            coding(codes, SNOMED, "396230008", "Dermatomyositis");
            Subtype subtype = patient.subtype();
            if (subtype == Subtype.JUVENILE) {
                coding(codes, ICD10, "M33.0", "Juvenile dermatomyositis");
            } else {
                coding(codes, ICD10, "M33.1", "Other dermatomyositis");
            }
            if (subtype != null) {
                coding(codes, systemBase + ":subtype", subtype.name(), null);
            }
            dm.putObject("subject").put("reference", patientRef);
            if (patient.diagnosisDate() != null) {
                dm.put("onsetDateTime", patient.diagnosisDate().toString());
            }
            for (Feature feature : patient.features()) {
                ObjectNode c = resource(derived("condition:" + feature.name()), "Condition");
                ObjectNode related = c.putArray("extension").addObject();
                related.put("url", CONDITION_RELATED);
                related.putObject("valueReference").put("reference", conditionRef);
                status(c);
                ObjectNode code = c.putObject("code");
                ArrayNode codings = code.putArray("coding");
                String snomed = featureSnomed(feature);
                if (snomed != null) {
                    coding(codings, SNOMED, snomed, null);
                }
                coding(codings, systemBase + ":feature", feature.name(), null);
                code.put("text", feature.name().replace('_', ' ').toLowerCase(Locale.ROOT));
                c.putObject("subject").put("reference", patientRef);
            }
        }

        private void status(ObjectNode condition) {
            coding(condition.putObject("clinicalStatus").putArray("coding"), CONDITION_CLINICAL, "active", null);
            coding(condition.putObject("verificationStatus").putArray("coding"), CONDITION_VERIFICATION, "confirmed", null);
            coding(condition.putArray("category").addObject().putArray("coding"), CONDITION_CATEGORY,
                    "problem-list-item", null);
        }

        /** SNOMED CT codes interop.md §1.2 gives for features; the rest travel as local codes only. */
        private String featureSnomed(Feature feature) {
            return switch (feature) {
                case ILD -> "233703007";
                case DYSPHAGIA -> "40739000";
                case MALIGNANCY -> "363346000";
                default -> null;
            };
        }

        private Map<String, List<String>> lineReferences() {
            Map<String, List<String>> byEpisode = new HashMap<>();
            for (Timeline.Line line : timeline.lines()) {
                for (String episodeId : line.episodeIds()) {
                    byEpisode.computeIfAbsent(episodeId, k -> new ArrayList<>()).add(lineRef(line));
                }
            }
            return byEpisode;
        }

        private String lineRef(Timeline.Line line) {
            return derived("line:" + line.number());
        }

        private void medicationStatement(History.Episode e, List<String> lines) {
            ObjectNode r = resource("urn:uuid:" + e.id(), "MedicationStatement");
            r.putArray("identifier").addObject().put("system", systemBase + ":episode").put("value", e.id());
            if (!lines.isEmpty()) {
                ArrayNode basedOn = r.putArray("basedOn");
                lines.forEach(ref -> basedOn.addObject().put("reference", ref));
            }
            r.put("status", statementStatus(e));
            if (e.stopReason() != null) {
                ObjectNode reason = r.putArray("statusReason").addObject();
                ArrayNode codings = reason.putArray("coding");
                String[] mcode = terminationCode(e.stopReason());
                if (mcode != null) {
                    coding(codings, SNOMED, mcode[0], mcode[1]);
                }
                coding(codings, systemBase + ":stop-reason", e.stopReason().name(), null);
            }
            ObjectNode medication = r.putObject("medicationCodeableConcept");
            ArrayNode codings = medication.putArray("coding");
            Drug drug = catalogue.find(e.drug()).orElse(null);
            if (drug != null) {
                drug.atc().forEach(atc -> coding(codings, ATC, atc.code(), null));
                if (drug.rxnormIngredient() != null) {
                    coding(codings, RXNORM, drug.rxnormIngredient().code(), null);
                }
                medication.put("text", drug.name());
            }
            coding(codings, systemBase + ":drug", e.drug(), null);
            r.putObject("subject").put("reference", patientRef);
            ObjectNode period = r.putObject("effectivePeriod");
            period.put("start", e.start().toString());
            if (e.end() != null) {
                period.put("end", e.end().toString());
            }
            r.putArray("reasonReference").addObject().put("reference", conditionRef);
            ArrayNode dosages = r.putArray("dosage");
            List<History.DoseStep> steps = new ArrayList<>();
            steps.add(new History.DoseStep(e.start(), e.dose()));
            steps.addAll(e.doseChanges());
            for (int i = 0; i < steps.size(); i++) {
                History.DoseStep step = steps.get(i);
                ObjectNode dosage = dosages.addObject();
                dosage.put("sequence", i + 1);
                ObjectNode repeat = dosage.putObject("timing").putObject("repeat");
                ObjectNode bounds = repeat.putObject("boundsPeriod");
                bounds.put("start", step.date().toString());
                LocalDate until = i + 1 < steps.size() ? steps.get(i + 1).date() : e.end();
                if (until != null) {
                    bounds.put("end", until.toString());
                }
                if (i == 0 && e.courses() != null) {
                    repeat.put("count", e.courses());
                }
                route(dosage, e.route());
                if (step.dose() != null) {
                    ObjectNode quantity = dosage.putArray("doseAndRate").addObject().putObject("doseQuantity");
                    quantity.put("value", BigDecimal.valueOf(step.dose().value()).stripTrailingZeros());
                    quantity.put("unit", step.dose().unit().ucum());
                    quantity.put("system", UCUM);
                    quantity.put("code", step.dose().unit().ucum());
                }
            }
            if (e.response() != null) {
                r.putArray("note").addObject().put("text", "Response: " + e.response().name());
            }
        }

        /** interop.md §1.4: ongoing → active; a planned end → completed; an early stop → stopped. */
        private String statementStatus(History.Episode e) {
            if (e.end() == null) {
                return "active";
            }
            if (e.stopReason() == null) {
                return "completed";
            }
            return switch (e.stopReason()) {
                case REMISSION, COURSE_COMPLETED -> "completed";
                default -> "stopped";
            };
        }

        /** mCODE TreatmentTerminationReasonVS codes (interop.md §1.5); OTHER has no fitting code. */
        private String[] terminationCode(StopReason reason) {
            return switch (reason) {
                case INEFFICACY -> new String[] {"266721009", "No response to treatment"};
                case ADVERSE_EVENT -> new String[] {"407563006", "Treatment not tolerated"};
                case PATIENT_CHOICE -> new String[] {"105480006", "Refusal of treatment by patient"};
                case COURSE_COMPLETED, REMISSION -> new String[] {"182992009", "Treatment completed"};
                case OTHER -> null;
            };
        }

        /** SNOMED CT route codes interop.md §1.4 gives; topical travels as text. */
        private void route(ObjectNode dosage, Route route) {
            if (route == null) {
                return;
            }
            ObjectNode concept = dosage.putObject("route");
            String code = switch (route) {
                case ORAL -> "26643006";
                case IV -> "47625008";
                case SC -> "34206005";
                case IM -> "78421000";
                case TOPICAL -> null;
            };
            if (code != null) {
                coding(concept.putArray("coding"), SNOMED, code, null);
            }
            concept.put("text", route.name());
        }

        private void observation(History.Observation o, int index) {
            ObjectNode r = resource(derived("observation:" + index + ":" + o.date() + ":" + o.type()), "Observation");
            r.put("status", "final");
            String category;
            String loinc;
            String unit;
            switch (o.type()) {
                case WEIGHT_KG -> { category = "vital-signs"; loinc = "29463-7"; unit = "kg"; }
                case HEIGHT_CM -> { category = "vital-signs"; loinc = "8302-2"; unit = "cm"; }
                case CK_U_PER_L -> { category = "laboratory"; loinc = "2157-6"; unit = "U/L"; }
                default -> { category = "exam"; loinc = null; unit = null; }
            }
            coding(r.putArray("category").addObject().putArray("coding"), OBSERVATION_CATEGORY, category, null);
            ArrayNode codings = r.putObject("code").putArray("coding");
            if (loinc != null) {
                coding(codings, LOINC, loinc, null);
            }
            coding(codings, systemBase + ":observation", o.type().name(), null);
            r.putObject("subject").put("reference", patientRef);
            r.put("effectiveDateTime", o.date().toString());
            ObjectNode value = r.putObject("valueQuantity");
            value.put("value", BigDecimal.valueOf(o.value()).stripTrailingZeros());
            if (unit != null) {
                value.put("unit", unit).put("system", UCUM).put("code", unit);
            }
        }

        private void carePlans() {
            String previous = null;
            for (Timeline.Line line : timeline.lines()) {
                ObjectNode r = resource(lineRef(line), "CarePlan");
                ArrayNode extensions = r.putArray("extension");
                extensions.addObject().put("url", systemBase + ":extension:line-number").put("valueInteger", line.number());
                ObjectNode reason = extensions.addObject().put("url", systemBase + ":extension:line-start-reason")
                        .putObject("valueCodeableConcept");
                coding(reason.putArray("coding"), systemBase + ":line-start-reason", line.reason().name(), null);
                if (line.reasonDetail() != null) {
                    reason.put("text", line.reasonDetail());
                }
                r.put("status", line.endDate() == null ? "active" : "completed");
                r.put("intent", "plan");
                r.put("title", "Line " + line.number() + ": " + String.join(" + ", line.drugs()));
                r.putObject("subject").put("reference", patientRef);
                ObjectNode period = r.putObject("period").put("start", line.startDate().toString());
                if (line.endDate() != null) {
                    period.put("end", line.endDate().toString());
                }
                if (previous != null) {
                    r.putArray("replaces").addObject().put("reference", previous);
                }
                r.putArray("addresses").addObject().put("reference", conditionRef);
                ArrayNode activity = r.putArray("activity");
                for (String episodeId : line.episodeIds()) {
                    activity.addObject().putArray("outcomeReference").addObject().put("reference", "urn:uuid:" + episodeId);
                }
                previous = lineRef(line);
            }
        }

        /** interop.md §1.7: one Observation per definition, method naming it, focus on the DM Condition. */
        private void refractoriness(Assessment.Variant variant) {
            ObjectNode r = resource(derived("refractoriness:" + variant.definition()), "Observation");
            r.put("status", "final");
            ObjectNode code = r.putObject("code");
            coding(code.putArray("coding"), systemBase + ":assessment", "dm-refractoriness", null);
            code.put("text", "Dermatomyositis refractoriness");
            r.putObject("subject").put("reference", patientRef);
            r.putArray("focus").addObject().put("reference", conditionRef);
            r.put("effectiveDateTime", assessment.asOf().toString());
            coding(r.putObject("valueCodeableConcept").putArray("coding"), systemBase + ":refractory-status",
                    variant.status().name(), null);
            ObjectNode method = r.putObject("method");
            coding(method.putArray("coding"), systemBase + ":refractory-definition", variant.definition().name(), null);
            method.put("text", variant.rule());
            r.putArray("note").addObject().put("text",
                    "Derived by Myoline rules " + rulesVersion + "; source: " + variant.source() + ". Decision support only.");
        }

        private ObjectNode resource(String fullUrl, String type) {
            ObjectNode entry = entries.addObject();
            entry.put("fullUrl", fullUrl);
            ObjectNode resource = entry.putObject("resource");
            resource.put("resourceType", type);
            return resource;
        }

        /** A stable urn:uuid for a resource Myoline derives rather than stores. */
        private String derived(String name) {
            return "urn:uuid:" + UUID.nameUUIDFromBytes((patient.id() + ":" + name).getBytes(StandardCharsets.UTF_8));
        }

        private void coding(ArrayNode codings, String system, String code, String display) {
            ObjectNode c = codings.addObject().put("system", system).put("code", code);
            if (display != null) {
                c.put("display", display);
            }
        }
    }
}
