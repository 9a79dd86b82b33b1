package org.myoline.fhir;

import static org.myoline.fhir.FhirCodes.ATC;
import static org.myoline.fhir.FhirCodes.ICD10;
import static org.myoline.fhir.FhirCodes.ICD10_CM;
import static org.myoline.fhir.FhirCodes.LOINC;
import static org.myoline.fhir.FhirCodes.RXNORM;
import static org.myoline.fhir.FhirCodes.SNOMED;
import static org.myoline.fhir.FhirCodes.UCUM;
import static org.myoline.fhir.FhirCodes.V2_0203;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.hl7.fhir.r4.model.Type;
import org.myoline.catalogue.Drug;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.assessment.EpisodeAssessment;
import org.myoline.engine.model.AssessedResponse;
import org.myoline.engine.model.ContraindicationKind;
import org.myoline.engine.model.DiseaseDomain;
import org.myoline.engine.model.DoseUnit;
import org.myoline.engine.model.EventType;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.ObservationType;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.model.Subtype;
import org.myoline.episode.ScheduleDto;
import org.myoline.fhir.ImportPlan.PatientKey;
import org.myoline.fhir.ImportPlan.PatientUnit;
import org.myoline.fhir.ImportPlan.RecordUnit;
import org.myoline.fhir.ImportPlan.Source;
import org.myoline.patient.Sex;

/**
 * Reads parsed FHIR R4 resources into an {@link ImportPlan}: which patient each resource belongs to, which
 * Myoline record it becomes and what it says (interop.md §1 read backwards). Touches no database: what it needs
 * to know about stored patients comes in as two lookups.
 *
 * <p>Understood: Patient (MRN from the identifier typed v2-0203 MR in the deployment's MRN system),
 * Condition (dermatomyositis by SNOMED CT 396230008 or ICD-10 / ICD-10-CM M33.0x and M33.1x; features by
 * SNOMED CT or Myoline codes), MedicationStatement, MedicationRequest and MedicationAdministration (drug by
 * RxNorm, ATC or Myoline code through the catalogue), Observation (LOINC body weight, height and CK; Myoline
 * codes for scores, events and responses), Flag (a Myoline contraindication kind). Anything else is reported as ignored, never silently dropped.
 */
final class InboundMapper {

    /** An entry as parsed: its position in the Bundle (or line in the NDJSON file) and its resource. */
    record Entry(int index, String fullUrl, Resource resource) {
    }

    /** A line that is JSON but not a valid FHIR resource, kept to find the patient it belongs to. */
    record Unreadable(int index, com.fasterxml.jackson.databind.JsonNode json) {
    }

    /**
     * Ties an unreadable line to its patient, from its subject or patient reference (or, for a Patient, its id or
     * MRN), so that the patient is rejected whole rather than written without it. A line naming no patient that
     * can be found stays an error of its own.
     */
    void attribute(Unreadable line) {
        com.fasterxml.jackson.databind.JsonNode r = line.json();
        Optional<PatientKey> key = Optional.empty();
        if ("Patient".equals(r.path("resourceType").asText())) {
            String id = r.path("id").asText(null);
            Entry same = id == null ? null : byReference.get("Patient/" + id);
            key = same != null ? Optional.of(PatientKey.ofEntry(same.index())) : Optional.empty();
            for (com.fasterxml.jackson.databind.JsonNode identifier : r.path("identifier")) {
                if (key.isEmpty() && systems.mrn().equals(identifier.path("system").asText())) {
                    key = mrnKey(identifier.path("value").asText());
                }
            }
        } else {
            for (String field : List.of("subject", "patient")) {
                com.fasterxml.jackson.databind.JsonNode ref = r.path(field);
                if (key.isEmpty() && ref.isObject()) {
                    Reference reference = new Reference();
                    if (ref.path("reference").isTextual()) {
                        reference.setReference(ref.path("reference").asText());
                    }
                    if (ref.path("identifier").isObject()) {
                        reference.setIdentifier(new Identifier().setSystem(ref.path("identifier").path("system").asText(null))
                                .setValue(ref.path("identifier").path("value").asText(null)));
                    }
                    key = findSubject(reference);
                }
            }
        }
        key.ifPresent(k -> plan.patientOfEntry.put(line.index(), k));
    }

    private Optional<PatientKey> mrnKey(String mrn) {
        for (PatientUnit unit : patientUnits.values()) {
            if (mrn.equals(unit.mrn)) {
                return Optional.of(unit.key);
            }
        }
        return stored.byMrn(mrn).map(PatientKey::ofStored);
    }

    /** What the mapper may ask about stored patients. */
    interface Patients {
        boolean exists(UUID id);

        Optional<UUID> byMrn(String mrn);
    }

    private final DrugCatalogue catalogue;
    private final FhirSystems systems;
    private final Patients stored;
    private final ImportPlan plan = new ImportPlan();
    private final Map<String, Entry> byReference = new HashMap<>();
    private final Map<PatientKey, PatientUnit> patientUnits = new LinkedHashMap<>();
    private final Map<Integer, RecordUnit> unitByMedicationEntry = new HashMap<>();
    private final Map<String, Set<String>> drugsByCode = new HashMap<>();

    InboundMapper(DrugCatalogue catalogue, FhirSystems systems, Patients stored) {
        this.catalogue = catalogue;
        this.systems = systems;
        this.stored = stored;
        for (Drug drug : catalogue.all()) {
            index(systems.local("drug"), drug.code(), drug.code());
            drug.atc().forEach(atc -> index(ATC, atc.code(), drug.code()));
            if (drug.rxnormIngredient() != null) {
                index(RXNORM, drug.rxnormIngredient().code(), drug.code());
            }
            drug.additionalRxcuis().forEach(rxcui -> index(RXNORM, rxcui, drug.code()));
        }
    }

    private void index(String system, String code, String drug) {
        drugsByCode.computeIfAbsent(system + "|" + code, k -> new LinkedHashSet<>()).add(drug);
    }

    /** Entries that failed to parse are already marked as errors in {@code parseErrors}. */
    ImportPlan map(List<Entry> entries, ImportPlan parseErrors) {
        plan.results.putAll(parseErrors.results);
        plan.entryCount = parseErrors.entryCount;
        for (Entry e : entries) {
            if (e.fullUrl() != null) {
                byReference.put(e.fullUrl(), e);
            }
            if (e.resource().hasIdElement() && e.resource().getIdElement().hasIdPart()) {
                byReference.put(e.resource().fhirType() + "/" + e.resource().getIdElement().getIdPart(), e);
            }
        }
        entries.stream().filter(e -> e.resource() instanceof Patient).forEach(e -> patient(e, (Patient) e.resource()));
        entries.stream().filter(e -> e.resource() instanceof Condition).forEach(e -> condition(e, (Condition) e.resource()));
        entries.stream().filter(e -> e.resource() instanceof MedicationStatement || e.resource() instanceof MedicationRequest)
                .forEach(this::treatment);
        administrations(entries.stream().filter(e -> e.resource() instanceof MedicationAdministration).toList());
        entries.stream().filter(e -> e.resource() instanceof Observation).forEach(e -> observation(e, (Observation) e.resource()));
        entries.stream().filter(e -> e.resource() instanceof Flag).forEach(e -> flag(e, (Flag) e.resource()));
        for (Entry e : entries) {
            if (e.resource() instanceof Medication) {
                plan.note(e.index(), "Medication: read where a medication resource refers to it");
            } else if (e.resource() instanceof CarePlan) {
                plan.note(e.index(), "CarePlan: lines of therapy are derived by Myoline from the "
                        + "history; recomputed, not imported");
            } else if (e.resource() instanceof org.hl7.fhir.r4.model.DocumentReference) {
                plan.note(e.index(), "DocumentReference: documents (such as the timeline picture) are rendered by "
                        + "Myoline from the history; not imported");
            } else if (!understood(e.resource())) {
                plan.warning(e.index(), e.resource().fhirType() + " is not a resource Myoline imports; ignored");
            }
        }
        plan.patients.addAll(patientUnits.values());
        return plan;
    }

    private static boolean understood(Resource r) {
        return r instanceof Patient || r instanceof Condition || r instanceof MedicationStatement
                || r instanceof MedicationRequest || r instanceof MedicationAdministration || r instanceof Observation
                || r instanceof Flag;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Contraindications and preferences

    /**
     * A Flag coded with a Myoline contraindication kind is a contraindication or preference: in force from
     * period.start until period.end; for AVOID_DRUG the avoided-drug extension names the drug. Other Flags are
     * not Myoline's to read.
     */
    private void flag(Entry e, Flag f) {
        int i = e.index();
        Optional<ContraindicationKind> kind = f.getCode().getCoding().stream()
                .filter(c -> systems.local("contraindication").equals(c.getSystem()))
                .map(c -> enumValue(ContraindicationKind.class, c.getCode())).flatMap(Optional::stream).findFirst();
        if (kind.isEmpty()) {
            plan.warning(i, "Flag code is not a Myoline contraindication kind (" + systems.local("contraindication")
                    + "); ignored");
            return;
        }
        Optional<PatientKey> key = subject(f.getSubject(), i, "Flag.subject");
        Optional<Identifier> identifier = identifier(f, i);
        LocalDate since = f.getPeriod().hasStartElement() ? date(f.getPeriod().getStartElement(), i, "Flag.period.start") : null;
        if (since == null && !f.getPeriod().hasStartElement()) {
            plan.error(i, "Flag.period.start", "a contraindication needs the date it is in force from");
        }
        LocalDate until = f.getPeriod().hasEndElement() ? date(f.getPeriod().getEndElement(), i, "Flag.period.end") : null;
        String drug = null;
        Extension avoided = f.getExtensionByUrl(systems.extension("avoided-drug"));
        if (avoided != null && avoided.getValue() instanceof CodeableConcept cc) {
            Set<String> drugs = new LinkedHashSet<>();
            for (Coding c : cc.getCoding()) {
                drugs.addAll(drugsByCode.getOrDefault(c.getSystem() + "|" + c.getCode(), Set.of()));
            }
            drug = cc.getCoding().stream().filter(c -> systems.local("drug").equals(c.getSystem())).map(Coding::getCode)
                    .filter(drugs::contains).findFirst().orElse(drugs.size() == 1 ? drugs.iterator().next() : null);
            if (drug == null) {
                plan.error(i, "Flag.extension", "the avoided drug is not one catalogue drug (GET /api/v1/drugs)");
                return;
            }
        }
        Extension why = f.getExtensionByUrl(systems.extension("contraindication-reason"));
        String reason = why != null && why.getValue() != null ? why.getValue().primitiveValue() : null;
        if (key.isEmpty() || identifier.isEmpty() || since == null) {
            return;
        }
        RecordUnit unit = new RecordUnit(ImportPlan.Kind.CONTRAINDICATION, key.get());
        unit.ownId = ownId(identifier.get(), "contraindication-id");
        unit.enteredInError = f.getStatus() == Flag.FlagStatus.ENTEREDINERROR;
        unit.sources.add(source(e, identifier.get(), new ImportFacts.Avoidance(kind.get(), drug, since, until, reason)));
        plan.records.add(unit);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Patient and Conditions

    private void patient(Entry e, Patient p) {
        int i = e.index();
        PatientUnit unit = new PatientUnit(PatientKey.ofEntry(i));
        plan.patientOfEntry.put(i, unit.key);
        unit.patientEntry = i;
        unit.entries.add(i);
        for (Identifier id : p.getIdentifier()) {
            if (systems.local("patient").equals(id.getSystem())) {
                uuid(id.getValue()).filter(stored::exists).ifPresent(uuid -> unit.myolineId = uuid);
            } else if (isMrn(id)) {
                if (systems.mrn().equals(id.getSystem())) {
                    unit.mrn = id.getValue();
                }
            }
        }
        if (unit.mrn == null) {
            plan.error(i, "Patient.identifier", "needs the medical record number: an identifier typed "
                    + V2_0203 + "|MR with system " + systems.mrn() + " (myoline.fhir.mrn-system)");
        }
        if (p.hasBirthDateElement()) {
            unit.birthDate = date(p.getBirthDateElement(), i, "Patient.birthDate");
        }
        if (p.hasGender()) {
            unit.sex = switch (p.getGender()) {
                case FEMALE -> Sex.female;
                case MALE -> Sex.male;
                case OTHER -> Sex.other;
                default -> Sex.unknown;
            };
        }
        unit.weightKg = bodySize(p, "body-weight", "kg", i);
        unit.heightCm = bodySize(p, "body-height", "cm", i);
        patientUnits.put(unit.key, unit);
    }

    private static boolean isMrn(Identifier id) {
        return id.getType().getCoding().stream().anyMatch(c -> V2_0203.equals(c.getSystem()) && "MR".equals(c.getCode()));
    }

    private BigDecimal bodySize(Patient p, String name, String unit, int entry) {
        Extension ext = p.getExtensionByUrl(systems.extension(name));
        if (ext == null) {
            return null;
        }
        if (!(ext.getValue() instanceof Quantity q) || !unit.equals(q.getCode()) || !q.hasValue()) {
            plan.error(entry, "Patient.extension('" + systems.extension(name) + "')", "must be a valueQuantity in " + unit);
            return null;
        }
        return q.getValue();
    }

    private void condition(Entry e, Condition c) {
        int i = e.index();
        Optional<PatientKey> key = subject(c.getSubject(), i, "Condition.subject");
        if (key.isEmpty()) {
            return;
        }
        List<Coding> codes = c.getCode().getCoding();
        Set<Feature> dated = features(codes);
        if (dated.size() == 1 && (c.hasOnsetDateTimeType() || c.hasOnsetPeriod()) && c.hasIdentifier()
                && dermatomyositis(codes, patientUnits.computeIfAbsent(key.get(), PatientUnit::new)).isEmpty()) {
            datedFeature(e, c, key.get(), dated.iterator().next());
            return;
        }
        if (inactive(c)) {
            plan.warning(i, "Condition is not active or not confirmed; ignored");
            return;
        }
        PatientUnit unit = patientUnits.computeIfAbsent(key.get(), PatientUnit::new);
        Optional<Subtype> subtype = dermatomyositis(codes, unit);
        Set<Feature> features = features(codes);
        if (subtype.isPresent()) {
            if (unit.conditionEntry != null) {
                plan.error(i, "Condition", "a second dermatomyositis Condition for the same patient (the first is entry "
                        + unit.conditionEntry + ")");
                return;
            }
            unit.conditionEntry = i;
            unit.subtype = subtype.get();
            if (c.hasOnsetDateTimeType()) {
                unit.diagnosisDate = date(c.getOnsetDateTimeType(), i, "Condition.onsetDateTime");
            } else if (c.hasOnsetPeriod() && c.getOnsetPeriod().hasStartElement()) {
                unit.diagnosisDate = date(c.getOnsetPeriod().getStartElement(), i, "Condition.onsetPeriod.start");
            }
        } else if (features.isEmpty()) {
            plan.warning(i, "Condition code is neither dermatomyositis nor a feature Myoline tracks; ignored");
            return;
        }
        unit.features.addAll(features);
        unit.entries.add(i);
    }

    /** A feature Condition with an onset (and, if resolved, an abatement) is a dated feature of its own. */
    private void datedFeature(Entry e, Condition c, PatientKey key, Feature feature) {
        int i = e.index();
        Optional<Identifier> identifier = identifier(c, i);
        LocalDate onset = c.hasOnsetDateTimeType() ? date(c.getOnsetDateTimeType(), i, "Condition.onsetDateTime")
                : c.getOnsetPeriod().hasStartElement() ? date(c.getOnsetPeriod().getStartElement(), i, "Condition.onsetPeriod.start")
                        : null;
        LocalDate resolved = c.hasAbatementDateTimeType() ? date(c.getAbatementDateTimeType(), i, "Condition.abatementDateTime")
                : null;
        boolean refuted = c.getVerificationStatus().getCoding().stream()
                .anyMatch(x -> Set.of("refuted", "entered-in-error").contains(x.getCode()));
        if (onset == null) {
            plan.error(i, "Condition.onset[x]", "a dated feature needs its onset date");
        }
        if (identifier.isEmpty() || onset == null) {
            return;
        }
        RecordUnit unit = new RecordUnit(ImportPlan.Kind.FEATURE, key);
        unit.ownId = ownId(identifier.get(), "feature-id");
        unit.enteredInError = refuted;
        unit.sources.add(source(e, identifier.get(), new ImportFacts.DatedFeature(feature, onset, resolved)));
        plan.records.add(unit);
    }

    private static boolean inactive(Condition c) {
        boolean inactiveClinical = c.getClinicalStatus().getCoding().stream()
                .anyMatch(x -> Set.of("inactive", "resolved", "remission").contains(x.getCode()));
        boolean notConfirmed = c.getVerificationStatus().getCoding().stream()
                .anyMatch(x -> Set.of("refuted", "entered-in-error").contains(x.getCode()));
        return inactiveClinical || notConfirmed;
    }

    /**
     * The subtype a dermatomyositis Condition gives (docs/clinical-evidence.md §9): a Myoline subtype code wins; ICD-10 M33.0x
     * is juvenile; ICD-10-CM M33.13 is amyopathic adult DM; other M33.1x is adult (classic) DM; SNOMED CT
     * 396230008 alone says neither, so age at onset decides (docs/clinical-evidence.md §1: juvenile DM = onset before 18 years).
     */
    private Optional<Subtype> dermatomyositis(List<Coding> codes, PatientUnit unit) {
        for (Coding c : codes) {
            if (systems.local("subtype").equals(c.getSystem())) {
                Optional<Subtype> local = enumValue(Subtype.class, c.getCode());
                if (local.isPresent()) {
                    unit.subtypeBasis = "Myoline subtype " + c.getCode();
                    return local;
                }
            }
        }
        boolean snomed = false;
        for (Coding c : codes) {
            String code = c.getCode() == null ? "" : c.getCode();
            boolean icd = ICD10.equals(c.getSystem()) || ICD10_CM.equals(c.getSystem());
            if (icd && code.startsWith("M33.0")) {
                unit.subtypeBasis = "ICD-10 " + code;
                return Optional.of(Subtype.JUVENILE);
            }
            if (ICD10_CM.equals(c.getSystem()) && code.equals("M33.13")) {
                unit.subtypeBasis = "ICD-10-CM M33.13";
                return Optional.of(Subtype.AMYOPATHIC);
            }
            if (icd && code.startsWith("M33.1")) {
                unit.subtypeBasis = "ICD-10 " + code;
                return Optional.of(Subtype.CLASSIC);
            }
            snomed |= SNOMED.equals(c.getSystem()) && FhirCodes.SNOMED_DERMATOMYOSITIS.equals(code);
        }
        if (!snomed) {
            return Optional.empty();
        }
        unit.subtypeBasis = "SNOMED CT 396230008 without an adult or juvenile code: juvenile if onset before 18 years";
        unit.subtypeFromAge = true;
        return Optional.of(Subtype.CLASSIC);
    }

    private Set<Feature> features(List<Coding> codes) {
        Set<Feature> features = new LinkedHashSet<>();
        for (Coding c : codes) {
            if (systems.local("feature").equals(c.getSystem())) {
                enumValue(Feature.class, c.getCode()).ifPresent(features::add);
            } else if (SNOMED.equals(c.getSystem())) {
                FhirCodes.featureFromSnomed(c.getCode()).ifPresent(features::add);
            } else if (ICD10_CM.equals(c.getSystem()) && c.getCode() != null && c.getCode().matches("M33\\.[01]2")) {
                features.add(Feature.MUSCLE);
            }
        }
        return features;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Medication resources

    private void treatment(Entry e) {
        int i = e.index();
        Resource r = e.resource();
        String type = r.fhirType();
        Optional<Identifier> identifier = identifier(r, i);
        Reference subject = r instanceof MedicationStatement ms ? ms.getSubject() : ((MedicationRequest) r).getSubject();
        Optional<PatientKey> key = subject(subject, i, type + ".subject");
        if (identifier.isEmpty() || key.isEmpty()) {
            return;
        }
        String status = r instanceof MedicationStatement ms ? (ms.hasStatus() ? ms.getStatus().toCode() : null)
                : ((MedicationRequest) r).hasStatus() ? ((MedicationRequest) r).getStatus().toCode() : null;
        if (status == null) {
            plan.error(i, type + ".status", "is required (1..1 in FHIR R4)");
            return;
        }
        MedicationRequest.MedicationRequestIntent intent = r instanceof MedicationRequest mr ? mr.getIntent() : null;
        if (Set.of("intended", "not-taken", "draft", "cancelled").contains(status)
                || intent == MedicationRequest.MedicationRequestIntent.PROPOSAL
                || intent == MedicationRequest.MedicationRequestIntent.OPTION) {
            plan.warning(i, type + " with status " + status + (intent != null ? " and intent " + intent.toCode() : "")
                    + " is not treatment given; ignored");
            return;
        }
        RecordUnit unit = new RecordUnit(ImportPlan.Kind.EPISODE, key.get());
        unit.ownId = ownId(identifier.get(), "episode");
        unitByMedicationEntry.put(i, unit);
        if ("entered-in-error".equals(status)) {
            unit.enteredInError = true;
            unit.sources.add(source(e, identifier.get(), null));
            plan.records.add(unit);
            return;
        }
        Optional<String> drug = drug(r instanceof MedicationStatement ms ? ms.getMedication() : ((MedicationRequest) r).getMedication(),
                i, type, routeHint(r));
        if (drug.isEmpty()) {
            unitByMedicationEntry.remove(i);
            return;
        }
        List<Dosage> dosages = r instanceof MedicationStatement ms ? ms.getDosage() : ((MedicationRequest) r).getDosageInstruction();
        ImportFacts.Medication facts = r instanceof MedicationStatement ms
                ? statement(ms, drug.get(), dosages, i) : request((MedicationRequest) r, drug.get(), dosages, i);
        if (facts != null) {
            unit.sources.add(source(e, identifier.get(), facts));
            plan.records.add(unit);
        } else {
            unitByMedicationEntry.remove(i);
        }
    }

    private ImportFacts.Medication statement(MedicationStatement ms, String drug, List<Dosage> dosages, int i) {
        LocalDate start = null;
        LocalDate end = null;
        if (ms.hasEffectivePeriod()) {
            Period p = ms.getEffectivePeriod();
            start = p.hasStartElement() ? date(p.getStartElement(), i, "MedicationStatement.effectivePeriod.start") : null;
            end = p.hasEndElement() ? date(p.getEndElement(), i, "MedicationStatement.effectivePeriod.end") : null;
        } else if (ms.hasEffectiveDateTimeType()) {
            start = date(ms.getEffectiveDateTimeType(), i, "MedicationStatement.effectiveDateTime");
        }
        String status = ms.getStatus().toCode();
        List<CodeableConcept> reasons = ms.getStatusReason();
        return medication("MedicationStatement", drug, dosages, start, end, status, reasons, notes(ms.getNote()), i);
    }

    private ImportFacts.Medication request(MedicationRequest mr, String drug, List<Dosage> dosages, int i) {
        LocalDate start = null;
        LocalDate end = null;
        Period validity = mr.getDispenseRequest().getValidityPeriod();
        if (validity.hasStartElement()) {
            start = date(validity.getStartElement(), i, "MedicationRequest.dispenseRequest.validityPeriod.start");
        }
        if (validity.hasEndElement()) {
            end = date(validity.getEndElement(), i, "MedicationRequest.dispenseRequest.validityPeriod.end");
        }
        if (start == null && mr.hasAuthoredOnElement()) {
            start = date(mr.getAuthoredOnElement(), i, "MedicationRequest.authoredOn");
        }
        List<CodeableConcept> reasons = mr.hasStatusReason() ? List.of(mr.getStatusReason()) : List.of();
        return medication("MedicationRequest", drug, dosages, start, end, mr.getStatus().toCode(), reasons,
                notes(mr.getNote()), i);
    }

    /** The common reading of a statement or an order: dose steps, dates, status and stop reason. */
    private ImportFacts.Medication medication(String type, String drug, List<Dosage> dosages, LocalDate start,
            LocalDate end, String status, List<CodeableConcept> reasons, String notes, int i) {
        String dosagePath = type.equals("MedicationRequest") ? "MedicationRequest.dosageInstruction" : type + ".dosage";
        List<Dosage> ordered = new ArrayList<>(dosages);
        ordered.sort(Comparator.comparing((Dosage d) -> d.hasSequence() ? d.getSequence() : 0)
                .thenComparing(d -> boundsStart(d) == null ? "" : boundsStart(d)));
        List<ImportFacts.DoseStep> steps = new ArrayList<>();
        Route route = null;
        Integer courses = null;
        ScheduleDto schedule = null;
        for (int k = 0; k < ordered.size(); k++) {
            Dosage d = ordered.get(k);
            String path = dosagePath + "[" + dosages.indexOf(d) + "]";
            Period bounds = d.getTiming().getRepeat().hasBoundsPeriod() ? d.getTiming().getRepeat().getBoundsPeriod() : null;
            LocalDate from = bounds != null && bounds.hasStartElement()
                    ? date(bounds.getStartElement(), i, path + ".timing.repeat.boundsPeriod.start") : null;
            if (k == 0) {
                start = start == null ? from : (from != null && from.isBefore(start) ? from : start);
                LocalDate lastEnd = lastBoundsEnd(ordered, i);
                if (lastEnd != null && (end == null || lastEnd.isAfter(end))) {
                    end = lastEnd;
                }
                courses = d.getTiming().getRepeat().hasCount() ? d.getTiming().getRepeat().getCount() : null;
                schedule = schedule(d.getTiming().getRepeat(), drug, i, path + ".timing.repeat");
            } else if (from == null) {
                plan.error(i, path + ".timing.repeat.boundsPeriod.start", "a dose change needs the date it starts");
                continue;
            }
            if (route == null && d.hasRoute()) {
                route = route(d.getRoute(), i, path + ".route");
            }
            ImportFacts.DoseStep step = dose(d, drug, k == 0 ? start : from, i, path);
            if (step != null) {
                steps.add(step);
            }
        }
        if (start == null) {
            plan.error(i, type, "needs a start date (effective[x], dispenseRequest.validityPeriod.start, "
                    + "authoredOn or a dosage boundsPeriod.start)");
        }
        if (steps.isEmpty()) {
            plan.error(i, dosagePath, "needs a dose: doseAndRate.doseQuantity with a UCUM code (" + DoseUnit.LIST
                    + ", or mg, g, mg/kg or mg/m2 per administration with a daily or weekly timing)");
        }
        if (route == null) {
            plan.error(i, dosagePath + ".route", "needs a route: SNOMED CT 26643006 oral, 47625008 IV, 34206005 SC, "
                    + "78421000 IM, 6064005 topical (or the text ORAL, IV, SC, IM, TOPICAL)");
        }
        boolean ended = Set.of("completed", "stopped").contains(status);
        if (!ended) {
            end = null;
        } else if (end == null) {
            plan.error(i, type, "has status " + status + " but no end date (effectivePeriod.end, "
                    + "dispenseRequest.validityPeriod.end or the last dosage boundsPeriod.end)");
        }
        StopReason stopReason = ended ? stopReason(reasons, status) : null;
        if (plan.failed(i)) {
            return null;
        }
        return new ImportFacts.Medication(type, drug, route, steps, start, end, stopReason, courses, notes, schedule);
    }

    /**
     * The intended regimen: Myoline's schedule extensions (its own export), or for an infusion the standard
     * frequency of one course per period (IVIg every 4 weeks). Null when neither says anything.
     */
    private ScheduleDto schedule(Timing.TimingRepeatComponent repeat, String drug, int i, String path) {
        ScheduleDto.Interval interval = null;
        Integer count = null;
        Integer days = null;
        Integer perWeek = null;
        for (Extension ext : repeat.getExtension()) {
            String url = ext.getUrl();
            if (systems.extension("schedule-interval").equals(url) && ext.getValue() instanceof Duration d && d.hasValue()) {
                interval = new ScheduleDto.Interval(d.getValue().intValue(), d.hasCode() ? d.getCode() : d.getUnit());
            } else if (systems.extension("planned-count").equals(url) && ext.getValue() instanceof IntegerType n) {
                count = n.getValue();
            } else if (systems.extension("days-per-course").equals(url) && ext.getValue() instanceof IntegerType n) {
                days = n.getValue();
            } else if (systems.extension("times-per-week").equals(url) && ext.getValue() instanceof IntegerType n) {
                perWeek = n.getValue();
            }
        }
        boolean courseBased = catalogue.find(drug).map(Drug::courseBased).orElse(false);
        if (interval == null && courseBased && repeat.hasFrequency() && repeat.getFrequency() == 1 && repeat.hasPeriod()
                && repeat.hasPeriodUnit() && repeat.getPeriod().signum() > 0
                && repeat.getPeriod().stripTrailingZeros().scale() <= 0) {
            String unit = switch (repeat.getPeriodUnit()) {
                case D -> "d";
                case WK -> "wk";
                case MO -> "mo";
                default -> null;
            };
            if (unit != null) {
                interval = new ScheduleDto.Interval(repeat.getPeriod().intValue(), unit);
            }
        }
        if (interval != null && (interval.value() == null || interval.value() < 1 || interval.value() > 365
                || !Set.of("d", "wk", "mo").contains(interval.unit()))) {
            plan.error(i, path, "a schedule interval must be 1 to 365 d, wk or mo");
            return null;
        }
        ScheduleDto s = new ScheduleDto(interval, count, days, perWeek);
        return interval == null && count == null && days == null && perWeek == null ? null : s;
    }

    private static String boundsStart(Dosage d) {
        Timing.TimingRepeatComponent repeat = d.getTiming().getRepeat();
        return repeat.hasBoundsPeriod() && repeat.getBoundsPeriod().hasStart()
                ? repeat.getBoundsPeriod().getStartElement().getValueAsString() : null;
    }

    private LocalDate lastBoundsEnd(List<Dosage> dosages, int i) {
        LocalDate last = null;
        for (Dosage d : dosages) {
            Timing.TimingRepeatComponent repeat = d.getTiming().getRepeat();
            if (repeat.hasBoundsPeriod() && repeat.getBoundsPeriod().hasEndElement()) {
                LocalDate end = date(repeat.getBoundsPeriod().getEndElement(), i, "dosage.timing.repeat.boundsPeriod.end");
                if (end != null && (last == null || end.isAfter(last))) {
                    last = end;
                }
            }
        }
        return last;
    }

    /**
     * A stop reason from statusReason (interop.md §1.5): Myoline's own code wins, then the mCODE termination
     * codes; a completed treatment has none unless it says why; a stopped one without a known code is OTHER.
     */
    private StopReason stopReason(List<CodeableConcept> reasons, String status) {
        StopReason standard = null;
        for (CodeableConcept reason : reasons) {
            for (Coding c : reason.getCoding()) {
                if (systems.local("stop-reason").equals(c.getSystem())) {
                    Optional<StopReason> local = enumValue(StopReason.class, c.getCode());
                    if (local.isPresent()) {
                        return local.get();
                    }
                }
                if (standard == null) {
                    standard = FhirCodes.stopReason(c.getSystem(), c.getCode()).orElse(null);
                }
            }
        }
        if (standard != null) {
            return standard;
        }
        return "stopped".equals(status) ? StopReason.OTHER : null;
    }

    /**
     * MedicationAdministrations are single courses. Those that name their order ({@code request}) become
     * courses of that order's episode; the others are grouped per patient and drug, and a course given within
     * the drug's persistence window (catalogue persistenceDays) of the previous one continues its episode.
     */
    private void administrations(List<Entry> entries) {
        record Group(PatientKey patient, String drug) {
        }
        Map<Group, List<Source>> loose = new LinkedHashMap<>();
        for (Entry e : entries) {
            int i = e.index();
            MedicationAdministration ma = (MedicationAdministration) e.resource();
            Optional<Identifier> identifier = identifier(ma, i);
            Optional<PatientKey> key = subject(ma.getSubject(), i, "MedicationAdministration.subject");
            if (identifier.isEmpty() || key.isEmpty()) {
                continue;
            }
            String status = ma.getStatus() == null ? "unknown" : ma.getStatus().toCode();
            if (Set.of("not-done", "entered-in-error").contains(status)) {
                plan.warning(i, "MedicationAdministration with status " + status + " is not a course given; ignored");
                continue;
            }
            Route routeHint = ma.getDosage().hasRoute() ? route(ma.getDosage().getRoute(), -1, "") : null;
            Optional<String> drug = drug(ma.getMedication(), i, "MedicationAdministration", routeHint);
            ImportFacts.Medication facts = drug.map(d -> administration(ma, d, i)).orElse(null);
            if (facts == null) {
                continue;
            }
            Source source = source(e, identifier.get(), facts);
            RecordUnit order = ma.hasRequest() ? medicationUnit(ma.getRequest()) : null;
            if (order != null) {
                if (!order.patient.equals(key.get())) {
                    plan.error(i, "MedicationAdministration.request", "the order belongs to another patient");
                    continue;
                }
                order.sources.add(source);
                unitByMedicationEntry.put(i, order);
            } else {
                loose.computeIfAbsent(new Group(key.get(), drug.get()), k -> new ArrayList<>()).add(source);
            }
        }
        for (Map.Entry<Group, List<Source>> group : loose.entrySet()) {
            List<Source> courses = new ArrayList<>(group.getValue());
            courses.sort(Comparator.comparing(c -> ((ImportFacts.Medication) c.facts()).start()));
            int window = catalogue.find(group.getKey().drug()).map(Drug::persistenceDays).orElse(0);
            RecordUnit unit = null;
            LocalDate previous = null;
            for (Source course : courses) {
                LocalDate date = ((ImportFacts.Medication) course.facts()).start();
                if (unit == null || date.isAfter(previous.plusDays(window))) {
                    unit = new RecordUnit(ImportPlan.Kind.EPISODE, group.getKey().patient());
                    plan.records.add(unit);
                }
                unit.sources.add(course);
                unitByMedicationEntry.put(course.entry(), unit);
                previous = date;
            }
        }
    }

    private RecordUnit medicationUnit(Reference reference) {
        Entry target = resolve(reference);
        return target == null ? null : unitByMedicationEntry.get(target.index());
    }

    private ImportFacts.Medication administration(MedicationAdministration ma, String drug, int i) {
        LocalDate date = null;
        if (ma.hasEffectiveDateTimeType()) {
            date = date(ma.getEffectiveDateTimeType(), i, "MedicationAdministration.effectiveDateTime");
        } else if (ma.hasEffectivePeriod() && ma.getEffectivePeriod().hasStartElement()) {
            date = date(ma.getEffectivePeriod().getStartElement(), i, "MedicationAdministration.effectivePeriod.start");
        } else {
            plan.error(i, "MedicationAdministration.effective[x]", "needs the date the course was given");
        }
        MedicationAdministration.MedicationAdministrationDosageComponent dosage = ma.getDosage();
        Route route = dosage.hasRoute() ? route(dosage.getRoute(), i, "MedicationAdministration.dosage.route") : null;
        if (route == null && !plan.failed(i)) {
            plan.error(i, "MedicationAdministration.dosage.route", "needs a route (SNOMED CT route code or ORAL, IV, SC, IM, TOPICAL)");
        }
        ImportFacts.DoseStep step = null;
        if (!dosage.hasDose()) {
            plan.error(i, "MedicationAdministration.dosage.dose", "needs the dose given, with a UCUM code");
        } else {
            step = quantity(dosage.getDose(), null, drug, date, i, "MedicationAdministration.dosage.dose");
        }
        if (plan.failed(i)) {
            return null;
        }
        return new ImportFacts.Medication("MedicationAdministration", drug, route, List.of(step), date, date, null, 1, null,
                null);
    }

    private static Route routeHint(Resource r) {
        List<Dosage> dosages = r instanceof MedicationStatement ms ? ms.getDosage() : ((MedicationRequest) r).getDosageInstruction();
        for (Dosage d : dosages) {
            for (Coding c : d.getRoute().getCoding()) {
                if (SNOMED.equals(c.getSystem()) && "6064005".equals(c.getCode())) {
                    return Route.TOPICAL;
                }
            }
            if ("TOPICAL".equalsIgnoreCase(d.getRoute().getText())) {
                return Route.TOPICAL;
            }
        }
        return null;
    }

    /**
     * The catalogue drug a medication names: Myoline's code, RxNorm ingredient or ATC (interop.md §1.4), from
     * the concept itself or a referenced (contained or bundled) Medication. A drug Myoline does not catalogue
     * is not a dermatomyositis treatment here: the entry is ignored with a warning, never guessed.
     */
    private Optional<String> drug(Type medication, int i, String type, Route route) {
        CodeableConcept concept = null;
        if (medication instanceof CodeableConcept cc) {
            concept = cc;
        } else if (medication instanceof Reference ref) {
            Resource target = ref.getResource() instanceof Resource contained ? contained : null;
            if (target == null) {
                Entry bundled = resolve(ref);
                target = bundled == null ? null : bundled.resource();
            }
            if (target instanceof Medication m) {
                concept = m.getCode();
            } else {
                plan.error(i, type + ".medicationReference", "must point at a Medication in the same Bundle or contained");
                return Optional.empty();
            }
        }
        if (concept == null || !concept.hasCoding()) {
            plan.warning(i, type + " has no coded medication; ignored");
            return Optional.empty();
        }
        Set<String> candidates = null;
        for (Coding c : concept.getCoding()) {
            Set<String> drugs = drugsByCode.get(c.getSystem() + "|" + c.getCode());
            if (drugs != null) {
                if (candidates == null) {
                    candidates = new LinkedHashSet<>(drugs);
                } else {
                    Set<String> both = new LinkedHashSet<>(candidates);
                    both.retainAll(drugs);
                    if (both.isEmpty()) {
                        plan.error(i, type + ".medication", "its codes name different catalogue drugs: " + candidates + " and " + drugs);
                        return Optional.empty();
                    }
                    candidates = both;
                }
            }
        }
        if (candidates == null) {
            String codes = concept.getCoding().stream().map(c -> c.getSystem() + "|" + c.getCode()).collect(Collectors.joining(", "));
            plan.warning(i, "medication " + codes + " is not in Myoline's drug catalogue (GET /api/v1/drugs); ignored");
            return Optional.empty();
        }
        if (candidates.size() > 1) {
            // One RxNorm ingredient for a topical and a systemic form (tacrolimus): the route decides.
            Set<String> byRoute = candidates.stream().filter(code -> catalogue.find(code)
                    .map(d -> (d.drugClass() == Drug.DrugClass.TOPICAL) == (route == Route.TOPICAL)).orElse(false))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (byRoute.size() == 1) {
                candidates = byRoute;
            } else {
                plan.error(i, type + ".medication", "names more than one catalogue drug " + candidates
                        + ": add an ATC code or Myoline's drug code");
                return Optional.empty();
            }
        }
        return Optional.of(candidates.iterator().next());
    }

    private Route route(CodeableConcept concept, int i, String path) {
        for (Coding c : concept.getCoding()) {
            if (systems.local("route").equals(c.getSystem())) {
                Optional<Route> local = enumValue(Route.class, c.getCode());
                if (local.isPresent()) {
                    return local.get();
                }
            }
            if (SNOMED.equals(c.getSystem())) {
                if ("6064005".equals(c.getCode())) {
                    return Route.TOPICAL;
                }
                Optional<Route> route = FhirCodes.routeFromSnomed(c.getCode());
                if (route.isPresent()) {
                    return route.get();
                }
            }
        }
        if (concept.hasText()) {
            Optional<Route> byText = enumValue(Route.class, concept.getText().trim().toUpperCase(Locale.ROOT));
            if (byText.isPresent()) {
                return byText.get();
            }
        }
        if (i >= 0) {
            plan.error(i, path, "is not a route Myoline knows (SNOMED CT 26643006, 47625008, 34206005, 78421000, 6064005)");
        }
        return null;
    }

    private ImportFacts.DoseStep dose(Dosage d, String drug, LocalDate from, int i, String path) {
        if (!d.hasDoseAndRate() || !d.getDoseAndRateFirstRep().hasDoseQuantity()) {
            if (d.hasDoseAndRate() && d.getDoseAndRateFirstRep().hasDoseRange()) {
                plan.error(i, path + ".doseAndRate[0].doseRange", "a dose range is not a dose: send doseQuantity");
            }
            return null;
        }
        return quantity(d.getDoseAndRateFirstRep().getDoseQuantity(), d.getTiming(), drug, from, i,
                path + ".doseAndRate[0].doseQuantity");
    }

    /**
     * A UCUM dose in one of Myoline's units. An EHR usually sends the dose per administration with a timing
     * (15 mg once a week): a per-administration mg, g, mg/kg or mg/m2 with a daily or weekly frequency becomes
     * the daily or weekly dose Myoline records (mg/wk); without a timing the unit stays per course.
     */
    private ImportFacts.DoseStep quantity(Quantity q, Timing timing, String drug, LocalDate from, int i, String path) {
        if (!q.hasValue()) {
            plan.error(i, path + ".value", "is missing");
            return null;
        }
        if (q.hasSystem() && !UCUM.equals(q.getSystem())) {
            plan.error(i, path + ".system", "must be " + UCUM);
            return null;
        }
        String code = q.hasCode() ? q.getCode() : q.getUnit();
        BigDecimal value = q.getValue();
        Timing.TimingRepeatComponent repeat = timing == null ? null : timing.getRepeat();
        boolean ownSchedule = repeat != null && repeat.getExtension().stream()
                .anyMatch(x -> x.getUrl() != null && x.getUrl().startsWith(systems.extension("")));
        boolean scheduled = repeat != null && repeat.hasFrequency() && repeat.hasPeriod() && repeat.hasPeriodUnit()
                && !ownSchedule && !catalogue.find(drug).map(Drug::courseBased).orElse(false);
        if (scheduled && Set.of("mg", "g", "mg/kg", "mg/m2").contains(code)) {
            String per = switch (repeat.getPeriodUnit()) {
                case D -> "d";
                case WK -> "wk";
                default -> null;
            };
            if (repeat.getPeriod().signum() <= 0 || repeat.getFrequency() <= 0) {
                plan.error(i, "timing.repeat", "frequency and period must be greater than 0");
                return null;
            }
            if (per != null && !("mg/m2".equals(code) && "d".equals(per))) {
                BigDecimal perPeriod = value.multiply(BigDecimal.valueOf(repeat.getFrequency()))
                        .divide(repeat.getPeriod(), 4, RoundingMode.HALF_UP);
                if ("g".equals(code)) {
                    perPeriod = perPeriod.multiply(BigDecimal.valueOf(1000));
                    code = "mg";
                }
                code = code + "/" + per;
                value = perPeriod.stripTrailingZeros();
            }
        }
        if (DoseUnit.fromUcum(code).isEmpty()) {
            plan.error(i, path + ".code", "'" + code + "' is not a dose unit Myoline records (" + DoseUnit.LIST + ")");
            return null;
        }
        return new ImportFacts.DoseStep(from, value, code);
    }

    private static String notes(List<Annotation> notes) {
        String text = notes.stream().map(Annotation::getText).filter(t -> t != null && !t.isBlank())
                .collect(Collectors.joining("\n"));
        return text.isEmpty() ? null : text.length() > 4000 ? text.substring(0, 4000) : text;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Observations: measurements, disease events, responses to treatment

    private void observation(Entry e, Observation o) {
        int i = e.index();
        List<Coding> codes = o.getCode().getCoding();
        if (codes.stream().anyMatch(c -> systems.local("assessment").equals(c.getSystem()) && "dm-refractoriness".equals(c.getCode()))) {
            plan.note(i, "refractoriness is derived by Myoline from the history; recomputed, not imported");
            return;
        }
        Optional<PatientKey> key = subject(o.getSubject(), i, "Observation.subject");
        if (key.isEmpty()) {
            return;
        }
        String status = o.getStatus() == null ? "unknown" : o.getStatus().toCode();
        if (Set.of("cancelled", "registered").contains(status)) {
            plan.warning(i, "Observation with status " + status + " has no result; ignored");
            return;
        }
        boolean enteredInError = "entered-in-error".equals(status);
        if (codes.stream().anyMatch(c -> systems.local("assessment").equals(c.getSystem()) && "treatment-response".equals(c.getCode()))) {
            response(e, o, key.get());
            return;
        }
        if (codes.stream().anyMatch(c -> systems.local("assessment").equals(c.getSystem()) && "response-assessment".equals(c.getCode()))) {
            assessment(e, o, key.get(), enteredInError);
            return;
        }
        Optional<EventType> event = codes.stream().filter(c -> systems.local("event").equals(c.getSystem()))
                .map(c -> enumValue(EventType.class, c.getCode())).flatMap(Optional::stream).findFirst();
        if (event.isPresent()) {
            diseaseEvent(e, o, key.get(), event.get(), enteredInError);
            return;
        }
        Optional<ObservationType> type = codes.stream().filter(c -> systems.local("observation").equals(c.getSystem()))
                .map(c -> enumValue(ObservationType.class, c.getCode())).flatMap(Optional::stream).findFirst()
                .or(() -> codes.stream().filter(c -> LOINC.equals(c.getSystem()))
                        .map(c -> FhirCodes.observationFromLoinc(c.getCode())).flatMap(Optional::stream).findFirst());
        if (type.isEmpty()) {
            plan.warning(i, "Observation code is not one Myoline records (LOINC 29463-7, 8302-2, 2157-6 or a Myoline code); ignored");
            return;
        }
        Optional<Identifier> identifier = identifier(o, i);
        LocalDate date = effective(o, i);
        BigDecimal value = enteredInError ? BigDecimal.ONE : measurement(o, type.get(), i);
        if (identifier.isEmpty() || date == null || value == null) {
            return;
        }
        RecordUnit unit = new RecordUnit(ImportPlan.Kind.OBSERVATION, key.get());
        unit.ownId = ownId(identifier.get(), "observation-id");
        unit.enteredInError = enteredInError;
        BigDecimal upperLimit = null;
        if (o.hasReferenceRange() && o.getReferenceRangeFirstRep().hasHigh() && o.getReferenceRangeFirstRep().getHigh().hasValue()) {
            upperLimit = o.getReferenceRangeFirstRep().getHigh().getValue().stripTrailingZeros();
        }
        unit.sources.add(source(e, identifier.get(), new ImportFacts.Measurement(date, type.get(), value, upperLimit)));
        plan.records.add(unit);
    }

    /** A dated response assessment joins the episode of the medication resource it focuses on as its own record. */
    private void assessment(Entry e, Observation o, PatientKey key, boolean enteredInError) {
        int i = e.index();
        Optional<Identifier> identifier = identifier(o, i);
        LocalDate date = effective(o, i);
        Optional<AssessedResponse> category = o.getValue() instanceof CodeableConcept cc
                ? cc.getCoding().stream().filter(c -> systems.local("assessed-response").equals(c.getSystem()))
                        .map(c -> enumValue(AssessedResponse.class, c.getCode())).flatMap(Optional::stream).findFirst()
                : Optional.empty();
        Optional<EpisodeAssessment.Instrument> instrument = o.getMethod().getCoding().stream()
                .filter(c -> systems.local("response-instrument").equals(c.getSystem()))
                .map(c -> enumValue(EpisodeAssessment.Instrument.class, c.getCode())).flatMap(Optional::stream).findFirst();
        if (category.isEmpty()) {
            plan.error(i, "Observation.valueCodeableConcept", "an assessment needs a " + systems.local("assessed-response")
                    + " code (MAJOR, PARTIAL, NONE, WORSENING)");
        }
        Integer episodeEntry = null;
        for (Reference focus : o.getFocus()) {
            Entry target = resolve(focus);
            if (target != null && unitByMedicationEntry.containsKey(target.index())) {
                episodeEntry = target.index();
            }
        }
        if (episodeEntry == null) {
            plan.error(i, "Observation.focus", "an assessment must focus on a medication resource in the same import");
        }
        if (identifier.isEmpty() || date == null || category.isEmpty() || episodeEntry == null) {
            return;
        }
        BigDecimal score = null;
        if (o.hasComponent() && o.getComponentFirstRep().getValue() instanceof Quantity q && q.hasValue()) {
            score = q.getValue().stripTrailingZeros();
        }
        RecordUnit unit = new RecordUnit(ImportPlan.Kind.ASSESSMENT, key);
        unit.ownId = ownId(identifier.get(), "assessment-id");
        unit.enteredInError = enteredInError;
        unit.episodeEntry = episodeEntry;
        unit.sources.add(source(e, identifier.get(), new ImportFacts.Assessment(date, category.get(),
                instrument.orElse(EpisodeAssessment.Instrument.OTHER), score, notes(o.getNote()))));
        plan.records.add(unit);
    }

    /** The value in the unit Myoline keeps: kg, cm, U/L or the score itself; lb and g, in and m are converted. */
    private BigDecimal measurement(Observation o, ObservationType type, int i) {
        if (!(o.getValue() instanceof Quantity q) || !q.hasValue()) {
            plan.error(i, "Observation.valueQuantity", "needs a numeric value");
            return null;
        }
        String unit = q.hasCode() ? q.getCode() : q.getUnit();
        BigDecimal v = q.getValue();
        Map<String, BigDecimal> factors = switch (type) {
            case WEIGHT_KG -> Map.of("kg", BigDecimal.ONE, "g", new BigDecimal("0.001"), "[lb_av]", new BigDecimal("0.45359237"));
            case HEIGHT_CM -> Map.of("cm", BigDecimal.ONE, "m", new BigDecimal("100"), "[in_i]", new BigDecimal("2.54"));
            case CK_U_PER_L, ALDOLASE_U_PER_L, ALT_U_PER_L, AST_U_PER_L, LDH_U_PER_L ->
                    Map.of("U/L", BigDecimal.ONE, "[IU]/L", BigDecimal.ONE);
            default -> null;
        };
        if (factors == null) {
            return v;
        }
        BigDecimal factor = unit == null ? null : factors.get(unit);
        if (factor == null) {
            plan.error(i, "Observation.valueQuantity.code", "'" + unit + "' is not a unit for " + type + " " + factors.keySet());
            return null;
        }
        return v.multiply(factor).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private void diseaseEvent(Entry e, Observation o, PatientKey key, EventType type, boolean enteredInError) {
        int i = e.index();
        Optional<Identifier> identifier = identifier(o, i);
        LocalDate date = effective(o, i);
        Optional<DiseaseDomain> domain = o.getValue() instanceof CodeableConcept cc
                ? cc.getCoding().stream().filter(c -> systems.local("disease-domain").equals(c.getSystem()))
                        .map(c -> enumValue(DiseaseDomain.class, c.getCode())).flatMap(Optional::stream).findFirst()
                : Optional.empty();
        if (domain.isEmpty()) {
            plan.error(i, "Observation.valueCodeableConcept", "an event needs its organ domain as a "
                    + systems.local("disease-domain") + " code (MUSCLE, SKIN, LUNG, GI, GLOBAL)");
        }
        if (identifier.isEmpty() || date == null || domain.isEmpty()) {
            return;
        }
        RecordUnit unit = new RecordUnit(ImportPlan.Kind.EVENT, key);
        unit.ownId = ownId(identifier.get(), "event-id");
        unit.enteredInError = enteredInError;
        for (Reference focus : o.getFocus()) {
            Entry target = resolve(focus);
            if (target != null && unitByMedicationEntry.containsKey(target.index())) {
                unit.episodeEntry = target.index();
            }
        }
        unit.sources.add(source(e, identifier.get(), new ImportFacts.Event(date, type, domain.get())));
        plan.records.add(unit);
    }

    /** A response joins the episode of the medication resource it focuses on. */
    private void response(Entry e, Observation o, PatientKey key) {
        int i = e.index();
        Optional<Identifier> identifier = identifier(o, i);
        LocalDate date = effective(o, i);
        Optional<ResponseCategory> value = o.getValue() instanceof CodeableConcept cc
                ? cc.getCoding().stream().filter(c -> systems.local("response").equals(c.getSystem()))
                        .map(c -> enumValue(ResponseCategory.class, c.getCode())).flatMap(Optional::stream).findFirst()
                : Optional.empty();
        RecordUnit episode = null;
        for (Reference focus : o.getFocus()) {
            RecordUnit unit = medicationUnit(focus);
            if (unit != null) {
                episode = unit;
            }
        }
        if (value.isEmpty()) {
            plan.error(i, "Observation.valueCodeableConcept", "a response needs a " + systems.local("response")
                    + " code (MAJOR, PARTIAL, NONE, NOT_ASSESSED)");
        }
        if (episode == null) {
            plan.error(i, "Observation.focus", "a response must focus on a medication resource in the same import");
        } else if (!episode.patient.equals(key)) {
            plan.error(i, "Observation.subject", "the treatment it focuses on belongs to another patient");
            return;
        }
        if (identifier.isEmpty() || date == null || value.isEmpty() || episode == null) {
            return;
        }
        episode.sources.add(source(e, identifier.get(), new ImportFacts.Response(date, value.get())));
        unitByMedicationEntry.putIfAbsent(i, episode);
    }

    private LocalDate effective(Observation o, int i) {
        if (o.hasEffectiveDateTimeType()) {
            return date(o.getEffectiveDateTimeType(), i, "Observation.effectiveDateTime");
        }
        if (o.hasEffectivePeriod() && o.getEffectivePeriod().hasStartElement()) {
            return date(o.getEffectivePeriod().getStartElement(), i, "Observation.effectivePeriod.start");
        }
        plan.error(i, "Observation.effective[x]", "needs the date of the observation");
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------
    // References, identifiers, dates

    /**
     * The patient a resource belongs to: a Patient in the same import (by fullUrl or Type/id), a stored patient
     * by Myoline id (Patient/{uuid}), or by the MRN in the reference's identifier.
     */
    private Optional<PatientKey> subject(Reference subject, int i, String path) {
        Optional<PatientKey> key = findSubject(subject);
        key.ifPresentOrElse(k -> plan.patientOfEntry.put(i, k), () -> plan.error(i, path,
                "does not name a Patient in this import or one Myoline stores (reference '" + subject.getReference() + "')"));
        return key;
    }

    private Optional<PatientKey> findSubject(Reference subject) {
        Entry target = resolve(subject);
        if (target != null && target.resource() instanceof Patient) {
            return Optional.of(PatientKey.ofEntry(target.index()));
        }
        if (subject.hasReference() && subject.getReference().startsWith("Patient/")) {
            Optional<UUID> id = uuid(subject.getReference().substring("Patient/".length())).filter(stored::exists);
            if (id.isPresent()) {
                return Optional.of(PatientKey.ofStored(id.get()));
            }
        }
        if (subject.hasIdentifier() && systems.mrn().equals(subject.getIdentifier().getSystem())) {
            String mrn = subject.getIdentifier().getValue();
            for (PatientUnit unit : patientUnits.values()) {
                if (mrn.equals(unit.mrn)) {
                    return Optional.of(unit.key);
                }
            }
            Optional<UUID> id = stored.byMrn(mrn);
            if (id.isPresent()) {
                return Optional.of(PatientKey.ofStored(id.get()));
            }
        }
        return Optional.empty();
    }

    private Entry resolve(Reference reference) {
        if (!reference.hasReference()) {
            return null;
        }
        String ref = reference.getReference();
        Entry e = byReference.get(ref);
        if (e == null && ref.contains("/")) {
            String[] parts = ref.split("/");
            if (parts.length >= 2) {
                e = byReference.get(parts[parts.length - 2] + "/" + parts[parts.length - 1]);
            }
        }
        return e;
    }

    /** Myoline recognises a resource again by its business identifier, so every imported record needs one. */
    private Optional<Identifier> identifier(Resource r, int i) {
        List<Identifier> ids = List.of();
        if (r instanceof MedicationStatement ms) {
            ids = ms.getIdentifier();
        } else if (r instanceof MedicationRequest mr) {
            ids = mr.getIdentifier();
        } else if (r instanceof MedicationAdministration ma) {
            ids = ma.getIdentifier();
        } else if (r instanceof Observation o) {
            ids = o.getIdentifier();
        } else if (r instanceof Condition c) {
            ids = c.getIdentifier();
        } else if (r instanceof Flag f) {
            ids = f.getIdentifier();
        }
        Optional<Identifier> usable = ids.stream().filter(id -> id.hasSystem() && id.hasValue()).findFirst();
        if (usable.isEmpty()) {
            plan.error(i, r.fhirType() + ".identifier", "needs an identifier with system and value: Myoline uses it to "
                    + "recognise the resource when it is sent again");
        } else if (usable.get().getSystem().length() > 255 || usable.get().getValue().length() > 255) {
            plan.error(i, r.fhirType() + ".identifier", "system and value must each be at most 255 characters");
            return Optional.empty();
        }
        return usable;
    }

    private UUID ownId(Identifier identifier, String system) {
        return systems.local(system).equals(identifier.getSystem()) ? uuid(identifier.getValue()).orElse(null) : null;
    }

    private Source source(Entry e, Identifier identifier, ImportFacts facts) {
        return new Source(e.index(), e.resource().fhirType(), identifier.getSystem(), identifier.getValue(), facts);
    }

    /** A calendar day: Myoline's history is kept in days, so a year or month alone is not enough. */
    private LocalDate date(BaseDateTimeType value, int i, String path) {
        if (value.getValue() == null) {
            return null;
        }
        if (value.getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal()) {
            plan.error(i, path, "needs a full date (year, month and day), got '" + value.getValueAsString() + "'");
            return null;
        }
        String text = value.getValueAsString();
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (RuntimeException e) {
            plan.error(i, path, "is not a date (YYYY-MM-DD), got '" + text + "'");
            return null;
        }
    }

    static Optional<UUID> uuid(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static <E extends Enum<E>> Optional<E> enumValue(Class<E> type, String code) {
        try {
            return code == null ? Optional.empty() : Optional.of(Enum.valueOf(type, code));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
