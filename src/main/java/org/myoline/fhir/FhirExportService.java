package org.myoline.fhir;

import static org.myoline.fhir.FhirCodes.CONDITION_CATEGORY;
import static org.myoline.fhir.FhirCodes.CONDITION_CLINICAL;
import static org.myoline.fhir.FhirCodes.CONDITION_RELATED;
import static org.myoline.fhir.FhirCodes.FLAG_CATEGORY;
import static org.myoline.fhir.FhirCodes.CONDITION_VERIFICATION;
import static org.myoline.fhir.FhirCodes.ATC;
import static org.myoline.fhir.FhirCodes.ICD10;
import static org.myoline.fhir.FhirCodes.LOINC;
import static org.myoline.fhir.FhirCodes.OBSERVATION_CATEGORY;
import static org.myoline.fhir.FhirCodes.RXNORM;
import static org.myoline.fhir.FhirCodes.SNOMED;
import static org.myoline.fhir.FhirCodes.UCUM;
import static org.myoline.fhir.FhirCodes.V2_0203;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.util.Set;
import java.util.UUID;
import org.myoline.catalogue.Drug;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.common.Decimals;
import org.myoline.clinical.ClinicalService;
import org.myoline.clinical.TimelineRenderings;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.model.Timeline;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.Subtype;
import org.myoline.assessment.EpisodeAssessmentResponse;
import org.myoline.assessment.EpisodeAssessmentService;
import org.myoline.episode.EpisodeResponse;
import org.myoline.episode.ScheduleDto;
import org.myoline.episode.EpisodeService;
import org.myoline.event.DiseaseEventResponse;
import org.myoline.event.DiseaseEventService;
import org.myoline.observation.ObservationResponse;
import org.myoline.observation.ObservationService;
import org.myoline.patient.FeatureSpanResponse;
import org.myoline.patient.FeatureSpanService;
import org.myoline.contraindication.ContraindicationResponse;
import org.myoline.contraindication.ContraindicationService;
import org.myoline.patient.PatientResponse;
import org.myoline.patient.PatientService;

/**
 * One patient as FHIR R4 resources, following the mapping in interop.md §1: Patient, the dermatomyositis
 * Condition and one Condition per feature, one MedicationStatement per episode (with an Observation for its
 * response), the stored Observations and disease events, one CarePlan per line of therapy and one
 * refractoriness Observation per definition, and (in the Bundle, or when asked for in bulk) a DocumentReference
 * carrying the timeline picture.
 *
 * <p>Written as plain JSON rather than through HAPI model classes, so exporting never waits for the FHIR
 * context; the tests parse and validate every export with HAPI against the base R4 profiles. Stored records
 * carry their Myoline id as an identifier, so an export imported again updates those records rather than
 * copying them. Ids are Myoline's own or derived from them, so exporting twice gives the same references.
 */
@ApplicationScoped
public class FhirExportService {

    @Inject
    PatientService patients;

    @Inject
    EpisodeService episodes;

    @Inject
    ObservationService observations;

    @Inject
    DiseaseEventService events;

    @Inject
    EpisodeAssessmentService assessments;

    @Inject
    FeatureSpanService featureSpans;

    @Inject
    ContraindicationService contraindications;

    @Inject
    ClinicalService clinical;

    @Inject
    TimelineRenderings renderings;

    @Inject
    DrugCatalogue catalogue;

    @Inject
    FhirSystems systems;

    @Inject
    ObjectMapper json;

    /** A {@code collection} Bundle; entries refer to each other by their {@code urn:uuid} fullUrls. */
    public byte[] bundle(UUID patientId) {
        ObjectNode bundle = json.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "collection");
        bundle.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        ArrayNode entries = bundle.putArray("entry");
        build(patientId, false, true, (fullUrl, resource) -> entries.addObject().put("fullUrl", fullUrl).set("resource", resource));
        try {
            return json.writeValueAsBytes(bundle);
        } catch (IOException e) {
            throw new UncheckedIOException("FHIR bundle could not be written", e);
        }
    }

    /**
     * The patient's resources as NDJSON lines (Bulk Data style): every resource has an id and references are
     * {@code Type/id}. {@code types} limits the resource types written (empty = all).
     */
    public void ndjson(UUID patientId, Set<String> types, OutputStream out) {
        ndjson(patientId, types, (type, line) -> {
            try {
                out.write(line);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Receives each exported resource as one line of JSON (without its newline), with its resource type. */
    public interface LineSink {
        void accept(String resourceType, byte[] line);
    }

    /** As {@link #ndjson(UUID, Set, OutputStream)}, handing over each resource with its type (bulk output files). */
    public void ndjson(UUID patientId, Set<String> types, LineSink sink) {
        build(patientId, true, types.contains("DocumentReference"), (fullUrl, resource) -> {
            String type = resource.path("resourceType").asText();
            if (types.isEmpty() || types.contains(type)) {
                try {
                    sink.accept(type, json.writeValueAsBytes(resource));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    interface Sink {
        void accept(String fullUrl, ObjectNode resource);
    }

    /** {@code picture}: also the timeline picture, as a DocumentReference carrying the SVG. */
    private void build(UUID patientId, boolean withIds, boolean picture, Sink sink) {
        PatientResponse patient = patients.get(patientId);
        ClinicalService.Snapshot snapshot = clinical.snapshot(patientId);
        List<EpisodeResponse> stored = episodes.list(patientId);
        String svg = null;
        if (picture) {
            Map<String, String> notes = new HashMap<>();
            stored.stream().filter(e -> e.notes() != null).forEach(e -> notes.put(e.id().toString(), e.notes()));
            svg = renderings.svg(snapshot.chart(), notes);
        }
        new Builder(patient, snapshot, stored, observations.list(patientId),
                events.list(patientId), assessments.list(patientId), featureSpans.list(patientId),
                contraindications.list(patientId), withIds, sink, svg).build();
    }

    /** Builds one patient's resources; holds the references they share. */
    private final class Builder {
        private final PatientResponse patient;
        private final History history;
        private final Timeline timeline;
        private final Assessment assessment;
        private final String rulesVersion;
        private final Map<String, EpisodeResponse> storedEpisodes = new HashMap<>();
        private final List<ObservationResponse> storedObservations;
        private final List<DiseaseEventResponse> storedEvents;
        private final List<EpisodeAssessmentResponse> storedAssessments;
        private final List<FeatureSpanResponse> storedSpans;
        private final List<ContraindicationResponse> storedContraindications;
        private final boolean withIds;
        private final Sink sink;
        private final String svg;
        private final List<Map.Entry<String, ObjectNode>> built = new ArrayList<>();
        private final String patientRef;
        private final String conditionRef;

        Builder(PatientResponse patient, ClinicalService.Snapshot snapshot, List<EpisodeResponse> episodes,
                List<ObservationResponse> observations, List<DiseaseEventResponse> events,
                List<EpisodeAssessmentResponse> assessments, List<FeatureSpanResponse> spans,
                List<ContraindicationResponse> contraindications, boolean withIds, Sink sink, String svg) {
            this.patient = patient;
            this.svg = svg;
            this.history = snapshot.history();
            this.timeline = snapshot.evaluation().timeline();
            this.assessment = snapshot.evaluation().assessment();
            this.rulesVersion = snapshot.rulesVersion();
            episodes.forEach(e -> storedEpisodes.put(e.id().toString(), e));
            this.storedObservations = observations;
            this.storedEvents = events;
            this.storedAssessments = assessments;
            this.storedSpans = spans;
            this.storedContraindications = contraindications;
            this.withIds = withIds;
            this.sink = sink;
            patientRef = ref("Patient", patient.id());
            conditionRef = ref("Condition", derived("condition:dermatomyositis"));
        }

        void build() {
            patientResource();
            conditions();
            Map<String, List<String>> linesByEpisode = lineReferences();
            for (History.Episode episode : history.episodes()) {
                medicationStatement(episode, linesByEpisode.getOrDefault(episode.id(), List.of()));
            }
            storedObservations.forEach(this::observation);
            storedEvents.forEach(this::event);
            storedAssessments.forEach(this::assessment);
            storedContraindications.forEach(this::flag);
            carePlans();
            for (Assessment.Variant variant : assessment.variants()) {
                refractoriness(variant);
            }
            if (svg != null) {
                timelinePicture();
            }
            built.forEach(entry -> sink.accept(entry.getKey(), entry.getValue()));
        }

        private void patientResource() {
            ObjectNode r = resource("Patient", patient.id());
            ArrayNode ids = r.putArray("identifier");
            ObjectNode mrn = ids.addObject();
            mrn.put("use", "usual");
            coding(mrn.putObject("type").putArray("coding"), V2_0203, "MR", "Medical record number");
            mrn.put("system", systems.mrn());
            mrn.put("value", patient.mrn());
            ids.addObject().put("system", systems.local("patient")).put("value", patient.id().toString());
            if (patient.sex() != null) {
                r.put("gender", patient.sex().name().toLowerCase(Locale.ROOT));
            }
            if (patient.birthDate() != null) {
                r.put("birthDate", patient.birthDate().toString());
            }
            // The patient's current body size, used when no dated measurement applies (no standard element).
            ArrayNode extensions = r.withArray("extension");
            bodySize(extensions, "body-weight", patient.weightKg(), "kg");
            bodySize(extensions, "body-height", patient.heightCm(), "cm");
            if (extensions.isEmpty()) {
                r.remove("extension");
            }
        }

        private void bodySize(ArrayNode extensions, String name, BigDecimal value, String unit) {
            if (value != null) {
                quantity(extensions.addObject().put("url", systems.extension(name)).putObject("valueQuantity"), value, unit);
            }
        }

        private void conditions() {
            ObjectNode dm = resource("Condition", derived("condition:dermatomyositis"));
            status(dm);
            ArrayNode codes = dm.putObject("code").putArray("coding");
            coding(codes, SNOMED, FhirCodes.SNOMED_DERMATOMYOSITIS, "Dermatomyositis");
            Subtype subtype = patient.subtype();
            if (subtype == Subtype.JUVENILE) {
                coding(codes, ICD10, "M33.0", "Juvenile dermatomyositis");
            } else {
                coding(codes, ICD10, "M33.1", "Other dermatomyositis");
            }
            if (subtype != null) {
                coding(codes, systems.local("subtype"), subtype.name(), null);
            }
            dm.putObject("subject").put("reference", patientRef);
            if (patient.diagnosisDate() != null) {
                dm.put("onsetDateTime", patient.diagnosisDate().toString());
            }
            // Features present since diagnosis; dated ones follow with their onset and resolution.
            for (Feature feature : new java.util.TreeSet<>(history.patient().features())) {
                featureCondition(resource("Condition", derived("condition:" + feature.name())), feature, "active");
            }
            for (FeatureSpanResponse span : storedSpans) {
                ObjectNode c = resource("Condition", span.id());
                identifier(c, "feature-id", span.id().toString());
                featureCondition(c, span.feature(), span.resolved() == null ? "active" : "resolved");
                c.put("onsetDateTime", span.onset().toString());
                if (span.resolved() != null) {
                    c.put("abatementDateTime", span.resolved().toString());
                }
            }
        }

        private void featureCondition(ObjectNode c, Feature feature, String clinicalStatus) {
            ObjectNode related = c.putArray("extension").addObject();
            related.put("url", CONDITION_RELATED);
            related.putObject("valueReference").put("reference", conditionRef);
            status(c, clinicalStatus);
            ObjectNode code = c.putObject("code");
            ArrayNode codings = code.putArray("coding");
            FhirCodes.feature(feature).ifPresent(snomed -> coding(codings, SNOMED, snomed, null));
            coding(codings, systems.local("feature"), feature.name(), null);
            code.put("text", feature.name().replace('_', ' ').toLowerCase(Locale.ROOT));
            c.putObject("subject").put("reference", patientRef);
        }

        private void status(ObjectNode condition) {
            status(condition, "active");
        }

        private void status(ObjectNode condition, String clinicalStatus) {
            coding(condition.putObject("clinicalStatus").putArray("coding"), CONDITION_CLINICAL, clinicalStatus, null);
            coding(condition.putObject("verificationStatus").putArray("coding"), CONDITION_VERIFICATION, "confirmed", null);
            coding(condition.putArray("category").addObject().putArray("coding"), CONDITION_CATEGORY,
                    "problem-list-item", null);
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
            return ref("CarePlan", derived("line:" + line.number()));
        }

        private String episodeRef(String episodeId) {
            return ref("MedicationStatement", UUID.fromString(episodeId));
        }

        private void medicationStatement(History.Episode e, List<String> lines) {
            ObjectNode r = resource("MedicationStatement", UUID.fromString(e.id()));
            identifier(r, "episode", e.id());
            if (!lines.isEmpty()) {
                ArrayNode basedOn = r.putArray("basedOn");
                lines.forEach(ref -> basedOn.addObject().put("reference", ref));
            }
            r.put("status", statementStatus(e));
            if (e.stopReason() != null) {
                ObjectNode reason = r.putArray("statusReason").addObject();
                ArrayNode codings = reason.putArray("coding");
                FhirCodes.termination(e.stopReason()).ifPresent(code -> coding(codings, SNOMED, code[0], code[1]));
                coding(codings, systems.local("stop-reason"), e.stopReason().name(), null);
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
            coding(codings, systems.local("drug"), e.drug(), null);
            r.putObject("subject").put("reference", patientRef);
            ObjectNode period = r.putObject("effectivePeriod");
            period.put("start", e.start().toString());
            if (e.end() != null) {
                period.put("end", e.end().toString());
            }
            r.putArray("reasonReference").addObject().put("reference", conditionRef);
            EpisodeResponse stored = storedEpisodes.get(e.id());
            if (stored != null && stored.notes() != null) {
                r.putArray("note").addObject().put("text", stored.notes());
            }
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
                if (i == 0 && stored != null && stored.schedule() != null) {
                    schedule(repeat, stored.schedule(), drug != null && drug.courseBased());
                }
                route(dosage, e.route());
                if (step.dose() != null) {
                    quantity(dosage.putArray("doseAndRate").addObject().putObject("doseQuantity"),
                            BigDecimal.valueOf(step.dose().value()), step.dose().unit().ucum());
                }
            }
            if (e.response() != ResponseCategory.NOT_ASSESSED) {
                response(e);
            }
        }

        /**
         * The intended regimen on the first dosage's timing. For infusions the interval is also the standard
         * frequency 1 per period (what an EHR sends); every part is a Myoline extension too, because repeat.count
         * already carries the courses given and a per-administration dose with a frequency reads, on import, as a
         * rate.
         */
        private void schedule(ObjectNode repeat, ScheduleDto s, boolean courseBased) {
            if (courseBased && s.interval() != null) {
                repeat.put("frequency", 1).put("period", s.interval().value()).put("periodUnit", s.interval().unit());
            }
            ArrayNode extensions = repeat.putArray("extension");
            if (s.interval() != null) {
                ObjectNode d = extensions.addObject().put("url", systems.extension("schedule-interval"))
                        .putObject("valueDuration");
                d.put("value", s.interval().value()).put("unit", s.interval().unit()).put("system", UCUM)
                        .put("code", s.interval().unit());
            }
            if (s.count() != null) {
                extensions.addObject().put("url", systems.extension("planned-count")).put("valueInteger", s.count());
            }
            if (s.daysPerCourse() != null) {
                extensions.addObject().put("url", systems.extension("days-per-course")).put("valueInteger", s.daysPerCourse());
            }
            if (s.timesPerWeek() != null) {
                extensions.addObject().put("url", systems.extension("times-per-week")).put("valueInteger", s.timesPerWeek());
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

        /** Topical has no SNOMED CT route code in interop.md; it travels as text. */
        private void route(ObjectNode dosage, Route route) {
            if (route == null) {
                return;
            }
            ObjectNode concept = dosage.putObject("route");
            FhirCodes.route(route).ifPresent(code -> coding(concept.putArray("coding"), SNOMED, code, null));
            concept.put("text", route.name());
        }

        /**
         * The response to an episode as a clinician's judgment about it (interop.md §1.6, after mCODE
         * CancerDiseaseStatus): local code and value, focus on the MedicationStatement.
         */
        private void response(History.Episode e) {
            ObjectNode r = resource("Observation", derived("response:" + e.id()));
            identifier(r, "response-id", e.id());
            r.put("status", "final");
            coding(r.putArray("category").addObject().putArray("coding"), OBSERVATION_CATEGORY, "exam", null);
            ObjectNode code = r.putObject("code");
            coding(code.putArray("coding"), systems.local("assessment"), "treatment-response", null);
            code.put("text", "Response to treatment");
            r.putObject("subject").put("reference", patientRef);
            r.putArray("focus").addObject().put("reference", episodeRef(e.id()));
            r.put("effectiveDateTime", (e.end() != null ? e.end() : e.start()).toString());
            coding(r.putObject("valueCodeableConcept").putArray("coding"), systems.local("response"),
                    e.response().name(), null);
        }

        private void observation(ObservationResponse o) {
            ObjectNode r = resource("Observation", o.id());
            identifier(r, "observation-id", o.id().toString());
            r.put("status", "final");
            FhirCodes.ObservationCode standard = FhirCodes.observation(o.type());
            coding(r.putArray("category").addObject().putArray("coding"), OBSERVATION_CATEGORY, standard.category(), null);
            ArrayNode codings = r.putObject("code").putArray("coding");
            if (standard.loinc() != null) {
                coding(codings, LOINC, standard.loinc(), null);
            }
            coding(codings, systems.local("observation"), o.type().name(), null);
            r.putObject("subject").put("reference", patientRef);
            r.put("effectiveDateTime", o.date().toString());
            ObjectNode value = r.putObject("valueQuantity");
            if (standard.unit() != null) {
                quantity(value, o.value(), standard.unit());
            } else {
                value.put("value", Decimals.canonical(o.value()));
            }
            if (o.upperLimit() != null) {
                quantity(r.putArray("referenceRange").addObject().putObject("high"), o.upperLimit(),
                        standard.unit() == null ? "U/L" : standard.unit());
            }
        }

        /** A dated response assessment: category as value, instrument as method, score as a component, focus on the episode. */
        private void assessment(EpisodeAssessmentResponse a) {
            ObjectNode r = resource("Observation", a.id());
            identifier(r, "assessment-id", a.id().toString());
            r.put("status", "final");
            coding(r.putArray("category").addObject().putArray("coding"), OBSERVATION_CATEGORY, "exam", null);
            ObjectNode code = r.putObject("code");
            coding(code.putArray("coding"), systems.local("assessment"), "response-assessment", null);
            code.put("text", "Response assessment");
            r.putObject("subject").put("reference", patientRef);
            r.putArray("focus").addObject().put("reference", episodeRef(a.episodeId().toString()));
            r.put("effectiveDateTime", a.date().toString());
            coding(r.putObject("valueCodeableConcept").putArray("coding"), systems.local("assessed-response"),
                    a.category().name(), null);
            coding(r.putObject("method").putArray("coding"), systems.local("response-instrument"), a.instrument().name(), null);
            if (a.score() != null) {
                ObjectNode component = r.putArray("component").addObject();
                coding(component.putObject("code").putArray("coding"), systems.local("response-instrument"),
                        a.instrument().name(), null);
                component.putObject("valueQuantity").put("value", a.score());
            }
            if (a.note() != null) {
                r.putArray("note").addObject().put("text", a.note());
            }
        }

        /** A flare, relapse or remission (interop.md §1.6): local code, domain as value, focus on the DM Condition. */
        private void event(DiseaseEventResponse e) {
            ObjectNode r = resource("Observation", e.id());
            identifier(r, "event-id", e.id().toString());
            r.put("status", "final");
            coding(r.putArray("category").addObject().putArray("coding"), OBSERVATION_CATEGORY, "exam", null);
            ObjectNode code = r.putObject("code");
            coding(code.putArray("coding"), systems.local("event"), e.type().name(), null);
            code.put("text", "Dermatomyositis " + e.type().name().toLowerCase(Locale.ROOT));
            r.putObject("subject").put("reference", patientRef);
            ArrayNode focus = r.putArray("focus");
            focus.addObject().put("reference", conditionRef);
            if (e.episodeId() != null) {
                focus.addObject().put("reference", episodeRef(e.episodeId().toString()));
            }
            r.put("effectiveDateTime", e.date().toString());
            coding(r.putObject("valueCodeableConcept").putArray("coding"), systems.local("disease-domain"),
                    e.domain().name(), null);
        }

        /**
         * A contraindication or preference as a drug Flag: the kind as a Myoline code, the avoided drug (for
         * AVOID_DRUG) with its ATC, RxNorm and catalogue codes in an extension, the reason in another, and the
         * period it is in force; active while in force today.
         */
        private void flag(ContraindicationResponse c) {
            ObjectNode r = resource("Flag", c.id());
            identifier(r, "contraindication-id", c.id().toString());
            LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
            boolean inForce = !c.since().isAfter(today) && (c.until() == null || today.isBefore(c.until()));
            r.put("status", inForce ? "active" : "inactive");
            coding(r.putArray("category").addObject().putArray("coding"), FLAG_CATEGORY, "drug", "Drug");
            ObjectNode code = r.putObject("code");
            coding(code.putArray("coding"), systems.local("contraindication"), c.kind().name(), null);
            code.put("text", c.kind().name().replace('_', ' ').toLowerCase(Locale.ROOT)
                    + (c.drug() == null ? "" : " " + c.drug()) + (c.reason() == null ? "" : ": " + c.reason()));
            r.putObject("subject").put("reference", patientRef);
            ObjectNode period = r.putObject("period").put("start", c.since().toString());
            if (c.until() != null) {
                period.put("end", c.until().toString());
            }
            ArrayNode extensions = r.putArray("extension");
            if (c.drug() != null) {
                ObjectNode drug = extensions.addObject().put("url", systems.extension("avoided-drug"))
                        .putObject("valueCodeableConcept");
                ArrayNode codings = drug.putArray("coding");
                catalogue.find(c.drug()).ifPresent(d -> {
                    d.atc().forEach(atc -> coding(codings, ATC, atc.code(), null));
                    if (d.rxnormIngredient() != null) {
                        coding(codings, RXNORM, d.rxnormIngredient().code(), null);
                    }
                    drug.put("text", d.name());
                });
                coding(codings, systems.local("drug"), c.drug(), null);
            }
            if (c.reason() != null) {
                extensions.addObject().put("url", systems.extension("contraindication-reason")).put("valueString", c.reason());
            }
            if (extensions.isEmpty()) {
                r.remove("extension");
            }
        }

        private void carePlans() {
            String previous = null;
            for (Timeline.Line line : timeline.lines()) {
                ObjectNode r = resource("CarePlan", derived("line:" + line.number()));
                ArrayNode extensions = r.putArray("extension");
                extensions.addObject().put("url", systems.extension("line-number")).put("valueInteger", line.number());
                ObjectNode reason = extensions.addObject().put("url", systems.extension("line-start-reason"))
                        .putObject("valueCodeableConcept");
                coding(reason.putArray("coding"), systems.local("line-start-reason"), line.reason().name(), null);
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
                    activity.addObject().putArray("outcomeReference").addObject().put("reference", episodeRef(episodeId));
                }
                previous = lineRef(line);
            }
        }

        /**
         * The timeline picture as a document about the patient: the SVG inline in the attachment, so the document
         * travels with the export and needs no further request (and no token) to be shown.
         */
        private void timelinePicture() {
            ObjectNode r = resource("DocumentReference", derived("timeline-picture"));
            r.put("status", "current");
            ObjectNode type = r.putObject("type");
            coding(type.putArray("coding"), systems.local("document-type"), "treatment-timeline", "Treatment timeline");
            type.put("text", "Dermatomyositis treatment timeline");
            r.putObject("subject").put("reference", patientRef);
            r.put("description", "Lines of therapy, glucocorticoid exposure and events as known on " + assessment.asOf()
                    + "; Myoline rules " + rulesVersion + ". Decision support only.");
            ObjectNode attachment = r.putArray("content").addObject().putObject("attachment");
            attachment.put("contentType", "image/svg+xml");
            attachment.put("language", "en");
            attachment.put("data", java.util.Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8)));
            attachment.put("title", "Treatment timeline as of " + assessment.asOf());
            attachment.put("creation", assessment.asOf().toString());
            r.putObject("context").putArray("related").addObject().put("reference", conditionRef);
        }

        /** interop.md §1.7: one Observation per definition, method naming it, focus on the DM Condition. */
        private void refractoriness(Assessment.Variant variant) {
            ObjectNode r = resource("Observation", derived("refractoriness:" + variant.definition()));
            r.put("status", "final");
            ObjectNode code = r.putObject("code");
            coding(code.putArray("coding"), systems.local("assessment"), "dm-refractoriness", null);
            code.put("text", "Dermatomyositis refractoriness");
            r.putObject("subject").put("reference", patientRef);
            r.putArray("focus").addObject().put("reference", conditionRef);
            r.put("effectiveDateTime", assessment.asOf().toString());
            coding(r.putObject("valueCodeableConcept").putArray("coding"), systems.local("refractory-status"),
                    variant.status().name(), null);
            ObjectNode method = r.putObject("method");
            coding(method.putArray("coding"), systems.local("refractory-definition"), variant.definition(), null);
            method.put("text", variant.rule());
            r.putArray("note").addObject().put("text",
                    "Derived by Myoline rules " + rulesVersion + "; source: " + variant.source() + ". Decision support only.");
        }

        private ObjectNode resource(String type, UUID id) {
            ObjectNode resource = json.createObjectNode();
            resource.put("resourceType", type);
            if (withIds) {
                resource.put("id", id.toString());
            }
            built.add(Map.entry("urn:uuid:" + id, resource));
            return resource;
        }

        /** Bundle entries refer to each other by fullUrl; NDJSON lines by type and id. */
        private String ref(String type, UUID id) {
            return withIds ? type + "/" + id : "urn:uuid:" + id;
        }

        private void identifier(ObjectNode resource, String system, String value) {
            resource.withArray("identifier").addObject().put("system", systems.local(system)).put("value", value);
        }

        /** A stable id for a resource Myoline derives rather than stores. */
        private UUID derived(String name) {
            return UUID.nameUUIDFromBytes((patient.id() + ":" + name).getBytes(StandardCharsets.UTF_8));
        }

        private void quantity(ObjectNode quantity, BigDecimal value, String unit) {
            quantity.put("value", Decimals.canonical(value));
            quantity.put("unit", unit).put("system", UCUM).put("code", unit);
        }

        private void coding(ArrayNode codings, String system, String code, String display) {
            ObjectNode c = codings.addObject().put("system", system).put("code", code);
            if (display != null) {
                c.put("display", display);
            }
        }
    }
}
