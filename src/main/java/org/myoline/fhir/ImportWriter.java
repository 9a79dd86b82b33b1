package org.myoline.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.myoline.api.ApiException;
import org.myoline.api.ProblemDetail;
import org.myoline.catalogue.Drug;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.common.Timestamps;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.Subtype;
import org.myoline.assessment.EpisodeAssessmentRepository;
import org.myoline.assessment.EpisodeAssessmentRequest;
import org.myoline.assessment.EpisodeAssessmentService;
import org.myoline.episode.DoseChangeDto;
import org.myoline.episode.DoseDto;
import org.myoline.episode.EpisodeRepository;
import org.myoline.episode.EpisodeRequest;
import org.myoline.episode.EpisodeResponse;
import org.myoline.episode.EpisodeService;
import org.myoline.event.DiseaseEventRepository;
import org.myoline.event.DiseaseEventRequest;
import org.myoline.event.DiseaseEventService;
import org.myoline.fhir.ImportPlan.PatientUnit;
import org.myoline.fhir.ImportPlan.RecordUnit;
import org.myoline.fhir.ImportPlan.Source;
import org.myoline.observation.ObservationRepository;
import org.myoline.observation.ObservationRequest;
import org.myoline.observation.ObservationService;
import org.myoline.contraindication.ContraindicationRepository;
import org.myoline.contraindication.ContraindicationRequest;
import org.myoline.contraindication.ContraindicationService;
import org.myoline.patient.FeatureSpanRepository;
import org.myoline.patient.FeatureSpanRequest;
import org.myoline.patient.FeatureSpanService;
import org.myoline.patient.PatientRepository;
import org.myoline.patient.PatientRequest;
import org.myoline.patient.PatientResponse;
import org.myoline.patient.PatientService;
import org.myoline.patient.Sex;

/**
 * Writes one unit of an {@link ImportPlan} through the same services (and so the same validation, limits and
 * audit trail) as the native API, inside the caller's transaction. A unit that cannot be written throws
 * {@link UnitFailed} after marking its entries, so the caller rolls back what the unit touched.
 */
@ApplicationScoped
public class ImportWriter {
    static final String CREATED = "201 Created";
    static final String OK = "200 OK";

    @Inject
    org.myoline.security.PatientScope scope;

    @Inject
    PatientService patientService;

    @Inject
    PatientRepository patients;

    @Inject
    EpisodeService episodeService;

    @Inject
    EpisodeRepository episodes;

    @Inject
    ObservationService observationService;

    @Inject
    ObservationRepository observations;

    @Inject
    DiseaseEventService eventService;

    @Inject
    DiseaseEventRepository events;

    @Inject
    EpisodeAssessmentService assessmentService;

    @Inject
    EpisodeAssessmentRepository assessments;

    @Inject
    FeatureSpanService featureSpanService;

    @Inject
    FeatureSpanRepository featureSpans;

    @Inject
    ContraindicationService contraindicationService;

    @Inject
    ContraindicationRepository contraindications;

    @Inject
    FhirSourceRepository sources;

    @Inject
    DrugCatalogue catalogue;

    @Inject
    Validator validator;

    @Inject
    ObjectMapper json;

    /** A unit could not be written; its entries carry the reasons. */
    static final class UnitFailed extends RuntimeException {
        UnitFailed() {
            super(null, null, false, false);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Patients

    /**
     * A token limited to one patient (launch context) may import only into that patient: every patient the plan
     * resolves to, and every stored patient its records name, is checked before anything is written (403).
     */
    void checkScope(ImportPlan plan) {
        if (!scope.scoped()) {
            return;
        }
        for (PatientUnit u : plan.patients) {
            Optional<PatientResponse> existing = existingPatient(u);
            if (existing.isEmpty()) {
                scope.requireUnscoped("create a patient");
            } else {
                scope.require(existing.get().id());
            }
        }
        for (ImportPlan.RecordUnit r : plan.records) {
            if (r.patient.stored() != null) {
                scope.require(r.patient.stored());
            }
        }
        for (ImportPlan.PatientKey key : plan.patientOfEntry.values()) {
            if (key.stored() != null) {
                scope.require(key.stored());
            }
        }
    }

    UUID patient(PatientUnit u, ImportPlan plan) {
        int first = u.patientEntry != null ? u.patientEntry : u.entries.get(0);
        Optional<PatientResponse> existing = existingPatient(u);
        PatientRequest request = existing.map(p -> merged(u, p)).orElseGet(() -> created(u, plan, first));
        if (request == null) {
            throw failed(plan, u.entries);
        }
        try {
            check(validator.validate(request), plan, first, "Patient");
        } catch (UnitFailed e) {
            throw failed(plan, u.entries);
        }
        try {
            if (existing.isEmpty()) {
                PatientResponse created = patientService.create(request);
                done(plan, u.entries, CREATED, "/api/v1/patients/" + created.id(), null);
                return created.id();
            }
            UUID id = existing.get().id();
            if (request.equals(requestOf(existing.get()))) {
                done(plan, u.entries, OK, "/api/v1/patients/" + id, "unchanged");
            } else {
                patientService.replace(id, request);
                done(plan, u.entries, OK, "/api/v1/patients/" + id, "updated");
            }
            return id;
        } catch (ApiException e) {
            throw failed(plan, u.entries, first, "Patient", e);
        }
    }

    private Optional<PatientResponse> existingPatient(PatientUnit u) {
        UUID id = u.key.stored() != null ? u.key.stored() : u.myolineId;
        if (id == null && u.mrn != null) {
            id = patients.findByMrn(u.mrn).map(p -> p.id).orElse(null);
        }
        // Not PatientService.get: that marks the session read-only, and this transaction writes.
        return id == null ? Optional.empty() : patients.findByIdOptional(id).map(patientService::response);
    }

    /** What the import says, laid over what Myoline has: features are only ever added, never dropped. */
    private PatientRequest merged(PatientUnit u, PatientResponse p) {
        Set<Feature> features = p.features().isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(p.features());
        features.addAll(u.features);
        LocalDate birthDate = or(u.birthDate, p.birthDate());
        LocalDate diagnosisDate = or(u.diagnosisDate, p.diagnosisDate());
        Subtype subtype = u.subtype == null || u.subtypeFromAge ? p.subtype() : u.subtype;
        return new PatientRequest(or(u.mrn, p.mrn()), birthDate, or(u.sex, p.sex()), subtype, diagnosisDate,
                features, or(u.weightKg, p.weightKg()), or(u.heightCm, p.heightCm()), null);
    }

    private PatientRequest created(PatientUnit u, ImportPlan plan, int entry) {
        if (u.patientEntry == null) {
            plan.error(entry, "Condition.subject", "names a patient Myoline does not store");
            return null;
        }
        if (u.birthDate == null) {
            plan.error(entry, "Patient.birthDate", "is required for a new patient");
        }
        if (u.subtype == null) {
            plan.error(entry, "Patient", "a new patient needs a dermatomyositis Condition in the same import "
                    + "(SNOMED CT 396230008 or ICD-10 M33.0/M33.1): Myoline takes the subtype from it");
        }
        if (u.birthDate == null || u.subtype == null || u.mrn == null) {
            return null;
        }
        Subtype subtype = u.subtype;
        if (u.subtypeFromAge) {
            LocalDate onset = u.diagnosisDate != null ? u.diagnosisDate : LocalDate.now();
            subtype = Period.between(u.birthDate, onset).getYears() < 18 ? Subtype.JUVENILE : Subtype.CLASSIC;
        }
        return new PatientRequest(u.mrn, u.birthDate, u.sex == null ? Sex.unknown : u.sex, subtype, u.diagnosisDate,
                u.features, u.weightKg, u.heightCm, null);
    }

    private static PatientRequest requestOf(PatientResponse p) {
        return new PatientRequest(p.mrn(), p.birthDate(), p.sex(), p.subtype(), p.diagnosisDate(),
                p.features().isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(p.features()),
                p.weightKg(), p.heightCm(), null);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Episodes, observations, events

    void record(RecordUnit u, UUID patientId, Map<Integer, UUID> episodeByEntry, ImportPlan plan) {
        List<Integer> entries = u.entries();
        Map<FhirSource.Key, FhirSource> known = new LinkedHashMap<>();
        for (Source s : u.sources) {
            FhirSource row = sources.findById(s.key());
            if (row != null) {
                if (!row.patientId.equals(patientId)) {
                    plan.error(s.entry(), s.resourceType() + ".identifier", "identifier " + s.system() + "|" + s.value()
                            + " was imported for another patient");
                    throw failed(plan, entries);
                }
                known.put(s.key(), row);
            }
        }
        Set<UUID> targets = new HashSet<>();
        known.values().forEach(row -> targets.add(row.targetId));
        if (u.ownId != null && exists(u.kind, patientId, u.ownId)) {
            targets.add(u.ownId);
        }
        if (targets.size() > 1) {
            plan.error(entries.get(0), u.sources.get(0).resourceType(), "its identifiers point at different Myoline records " + targets);
            throw failed(plan, entries);
        }
        UUID target = targets.stream().findFirst().orElse(null);
        String path = switch (u.kind) {
            case EPISODE -> "/api/v1/patients/" + patientId + "/episodes/";
            case OBSERVATION -> "/api/v1/patients/" + patientId + "/observations/";
            case EVENT -> "/api/v1/patients/" + patientId + "/events/";
            case ASSESSMENT -> "/api/v1/patients/" + patientId + "/episodes/"
                    + (u.episodeEntry == null ? null : episodeByEntry.get(u.episodeEntry)) + "/assessments/";
            case FEATURE -> "/api/v1/patients/" + patientId + "/features/";
            case CONTRAINDICATION -> "/api/v1/patients/" + patientId + "/contraindications/";
        };
        if (u.enteredInError) {
            if (target != null) {
                remove(u.kind, patientId, target);
                done(plan, entries, OK, null, "removed: the source marks it entered-in-error");
            } else {
                done(plan, entries, OK, null, "entered-in-error and never imported: nothing to remove");
            }
            return;
        }
        // What a resource says, not how it is written, decides whether anything changed: the hash is over its facts.
        boolean unchanged = target != null && known.size() == u.sources.size()
                && u.sources.stream().allMatch(s -> known.get(s.key()).contentHash.equals(hash(s.facts())));
        if (unchanged) {
            entries.forEach(i -> episodeByEntry.put(i, target));
            done(plan, entries, OK, path + target, "unchanged");
            return;
        }
        UUID into = target != null ? target : u.kind == ImportPlan.Kind.EPISODE ? adjacent(u, patientId) : null;
        Written result;
        try {
            result = switch (u.kind) {
                case EPISODE -> episode(u, patientId, into, plan);
                case OBSERVATION -> observation(u, patientId, into, plan);
                case EVENT -> event(u, patientId, into, episodeByEntry, plan);
                case ASSESSMENT -> assessment(u, patientId, into, episodeByEntry, plan);
                case FEATURE -> feature(u, patientId, into, plan);
                case CONTRAINDICATION -> contraindication(u, patientId, into, plan);
            };
        } catch (ApiException e) {
            throw failed(plan, entries, entries.get(0), u.sources.get(0).resourceType(), e);
        } catch (UnitFailed e) {
            throw failed(plan, entries);
        }
        UUID written = result.id();
        for (Source s : u.sources) {
            FhirSource row = known.get(s.key());
            if (row == null) {
                row = new FhirSource();
                row.key = s.key();
                row.patientId = patientId;
            }
            row.targetType = FhirSource.TargetType.valueOf(u.kind.name());
            row.targetId = written;
            row.facts = write(s.facts());
            row.contentHash = hash(s.facts());
            row.importedAt = Timestamps.now();
            sources.persist(row);
        }
        entries.forEach(i -> episodeByEntry.put(i, written));
        if (into == null) {
            done(plan, entries, CREATED, path + written, null);
        } else {
            done(plan, entries, OK, path + written, !result.changed() ? "unchanged"
                    : target == null ? "continues an episode imported before" : "updated");
        }
    }

    /** The record written (or found already saying the same), and whether anything changed. */
    private record Written(UUID id, boolean changed) {
    }

    /**
     * Courses sent without their earlier ones (an incremental feed) continue the episode of the same drug whose
     * administrations lie within the drug's persistence window of theirs.
     */
    private UUID adjacent(RecordUnit u, UUID patientId) {
        List<ImportFacts.Medication> mine = medications(u.sources.stream().map(Source::facts).toList());
        if (mine.isEmpty() || !mine.stream().allMatch(ImportFacts.Medication::administration)) {
            return null;
        }
        String drug = mine.get(0).drug();
        int window = catalogue.find(drug).map(Drug::persistenceDays).orElse(0);
        Map<UUID, List<ImportFacts.Medication>> byEpisode = new LinkedHashMap<>();
        for (FhirSource row : sources.list("patientId = ?1 and key.resourceType = ?2 and targetType = ?3", patientId,
                "MedicationAdministration", FhirSource.TargetType.EPISODE)) {
            ImportFacts facts = read(row.facts);
            if (facts instanceof ImportFacts.Medication m && m.drug().equals(drug)) {
                byEpisode.computeIfAbsent(row.targetId, k -> new ArrayList<>()).add(m);
            }
        }
        for (Map.Entry<UUID, List<ImportFacts.Medication>> e : byEpisode.entrySet()) {
            for (ImportFacts.Medication theirs : e.getValue()) {
                for (ImportFacts.Medication m : mine) {
                    long gap = Math.abs(m.start().toEpochDay() - theirs.start().toEpochDay());
                    if (gap <= window) {
                        return e.getKey();
                    }
                }
            }
        }
        return null;
    }

    /**
     * The episode from every source that feeds it: those sent now and those stored from earlier imports. A
     * statement or order gives the period, dose steps and stop reason; administrations are its courses (or,
     * without an order, the whole episode: first to last course, a dose step where the dose changes); the
     * latest response Observation gives the response.
     */
    private Written episode(RecordUnit u, UUID patientId, UUID target, ImportPlan plan) {
        List<ImportFacts> all = new ArrayList<>();
        Set<FhirSource.Key> sent = new HashSet<>();
        u.sources.forEach(s -> {
            all.add(s.facts());
            sent.add(s.key());
        });
        Optional<EpisodeResponse> existing = Optional.empty();
        if (target != null) {
            existing = episodes.findForPatient(patientId, target).map(EpisodeResponse::of);
            for (FhirSource row : sources.forTarget(target)) {
                if (!sent.contains(row.key)) {
                    all.add(read(row.facts));
                }
            }
        }
        List<ImportFacts.Medication> medications = medications(all);
        List<ImportFacts.Medication> periods = medications.stream().filter(m -> !m.administration()).toList();
        List<ImportFacts.Medication> courses = medications.stream().filter(ImportFacts.Medication::administration)
                .sorted(Comparator.comparing(ImportFacts.Medication::start)).toList();
        int first = u.entries().get(0);
        if (periods.size() > 1) {
            plan.error(first, u.sources.get(0).resourceType(), "more than one statement or order feeds one episode");
            throw failed(plan, u.entries());
        }
        if (medications.isEmpty()) {
            plan.error(first, u.sources.get(0).resourceType(), "a response needs the treatment it is about in the same import");
            throw failed(plan, u.entries());
        }
        ImportFacts.Medication base = periods.isEmpty() ? courses.get(0) : periods.get(0);
        List<ImportFacts.DoseStep> steps = new ArrayList<>(base.doses());
        LocalDate start = base.start();
        LocalDate end = base.end();
        Integer count = base.courses();
        if (!courses.isEmpty()) {
            LocalDate firstCourse = courses.get(0).start();
            LocalDate lastCourse = courses.get(courses.size() - 1).start();
            start = start.isBefore(firstCourse) ? start : firstCourse;
            if (periods.isEmpty()) {
                end = lastCourse;
                steps = new ArrayList<>();
                for (ImportFacts.Medication c : courses) {
                    ImportFacts.DoseStep d = c.doses().get(0);
                    if (steps.isEmpty() || !same(steps.get(steps.size() - 1), d)) {
                        steps.add(new ImportFacts.DoseStep(c.start(), d.value(), d.unit()));
                    }
                }
            } else if (end != null && lastCourse.isAfter(end)) {
                end = lastCourse;
            }
            count = courses.size();
        }
        ImportFacts.DoseStep startDose = steps.get(0);
        List<DoseChangeDto> changes = steps.subList(1, steps.size()).stream()
                .map(s -> new DoseChangeDto(s.date(), new DoseDto(s.value(), s.unit()))).toList();
        ResponseCategory response = all.stream().filter(f -> f instanceof ImportFacts.Response).map(f -> (ImportFacts.Response) f)
                .max(Comparator.comparing(ImportFacts.Response::date)).map(ImportFacts.Response::response)
                .orElse(existing.map(EpisodeResponse::response).orElse(null));
        String notes = base.notes() != null ? base.notes() : existing.map(EpisodeResponse::notes).orElse(null);
        EpisodeRequest request = new EpisodeRequest(base.drug(), base.route(), new DoseDto(startDose.value(), startDose.unit()),
                start, end, changes.isEmpty() ? null : changes, response, base.stopReason(), count, notes,
                base.schedule() != null ? base.schedule() : existing.map(EpisodeResponse::schedule).orElse(null));
        check(validator.validate(request), plan, first, u.sources.get(0).resourceType());
        if (target == null) {
            return new Written(episodeService.create(patientId, request).id(), true);
        }
        if (existing.isPresent() && normalised(request).equals(normalised(requestOf(existing.get())))) {
            return new Written(target, false);
        }
        return new Written(episodeService.replace(patientId, target, request).id(), true);
    }

    private static EpisodeRequest requestOf(EpisodeResponse e) {
        return new EpisodeRequest(e.drug(), e.route(), e.dose(), e.startDate(), e.endDate(), e.doseChanges(), e.response(),
                e.stopReason(), e.courses(), e.notes(), e.schedule());
    }

    /** Equal meaning, equal value: 2.0 mg is 2 mg, no dose changes is an empty list, no response is NOT_ASSESSED. */
    private static EpisodeRequest normalised(EpisodeRequest r) {
        List<DoseChangeDto> changes = r.doseChanges() == null ? List.of() : r.doseChanges().stream()
                .map(c -> new DoseChangeDto(c.date(), normalised(c.dose()))).toList();
        return new EpisodeRequest(r.drug(), r.route(), normalised(r.dose()), r.startDate(), r.endDate(), changes,
                r.response() == null ? ResponseCategory.NOT_ASSESSED : r.response(), r.stopReason(), r.courses(), r.notes(),
                r.schedule());
    }

    private static DoseDto normalised(DoseDto d) {
        return new DoseDto(d.value().stripTrailingZeros(), d.unit());
    }

    private static boolean same(ImportFacts.DoseStep a, ImportFacts.DoseStep b) {
        return a.unit().equals(b.unit()) && a.value().compareTo(b.value()) == 0;
    }

    private static List<ImportFacts.Medication> medications(List<ImportFacts> facts) {
        return facts.stream().filter(f -> f instanceof ImportFacts.Medication).map(f -> (ImportFacts.Medication) f).toList();
    }

    private Written observation(RecordUnit u, UUID patientId, UUID target, ImportPlan plan) {
        ImportFacts.Measurement m = (ImportFacts.Measurement) u.sources.get(0).facts();
        ObservationRequest request = new ObservationRequest(m.date(), m.type(), m.value(), m.upperLimit());
        check(validator.validate(request), plan, u.sources.get(0).entry(), "Observation");
        if (target == null) {
            return new Written(observationService.create(patientId, request).id(), true);
        }
        boolean same = observations.findForPatient(patientId, target).map(o -> o.date.equals(m.date()) && o.type == m.type()
                && o.value.compareTo(m.value()) == 0 && Objects.equals(o.upperLimit == null ? null : o.upperLimit.stripTrailingZeros(),
                        m.upperLimit() == null ? null : m.upperLimit().stripTrailingZeros())).orElse(false);
        return same ? new Written(target, false) : new Written(observationService.replace(patientId, target, request).id(), true);
    }

    private Written event(RecordUnit u, UUID patientId, UUID target, Map<Integer, UUID> episodeByEntry, ImportPlan plan) {
        ImportFacts.Event e = (ImportFacts.Event) u.sources.get(0).facts();
        UUID episode = u.episodeEntry == null ? null : episodeByEntry.get(u.episodeEntry);
        DiseaseEventRequest request = new DiseaseEventRequest(e.date(), e.type(), e.domain(), episode);
        check(validator.validate(request), plan, u.sources.get(0).entry(), "Observation");
        if (target == null) {
            return new Written(eventService.create(patientId, request).id(), true);
        }
        boolean same = events.findForPatient(patientId, target).map(v -> v.date.equals(e.date()) && v.type == e.type()
                && v.domain == e.domain() && Objects.equals(v.episodeId, episode)).orElse(false);
        return same ? new Written(target, false) : new Written(eventService.replace(patientId, target, request).id(), true);
    }

    private Written assessment(RecordUnit u, UUID patientId, UUID target, Map<Integer, UUID> episodeByEntry, ImportPlan plan) {
        ImportFacts.Assessment a = (ImportFacts.Assessment) u.sources.get(0).facts();
        UUID episode = u.episodeEntry == null ? null : episodeByEntry.get(u.episodeEntry);
        EpisodeAssessmentRequest body = new EpisodeAssessmentRequest(a.date(), a.category(), a.instrument(), a.score(),
                a.note());
        check(validator.validate(body), plan, u.sources.get(0).entry(), "Observation");
        EpisodeAssessmentService.Input request = new EpisodeAssessmentService.Input(episode, body);
        if (target == null) {
            return new Written(assessmentService.create(patientId, request).id(), true);
        }
        boolean same = assessments.findForPatient(patientId, target).map(x -> x.episodeId.equals(episode)
                && x.date.equals(a.date()) && x.category == a.category() && x.instrument == a.instrument()
                && Objects.equals(x.note, a.note()) && (x.score == null ? a.score() == null
                        : a.score() != null && x.score.compareTo(a.score()) == 0)).orElse(false);
        return same ? new Written(target, false) : new Written(assessmentService.replace(patientId, target, request).id(), true);
    }

    private Written feature(RecordUnit u, UUID patientId, UUID target, ImportPlan plan) {
        ImportFacts.DatedFeature f = (ImportFacts.DatedFeature) u.sources.get(0).facts();
        FeatureSpanRequest request = new FeatureSpanRequest(f.feature(), f.onset(), f.resolved());
        check(validator.validate(request), plan, u.sources.get(0).entry(), "Condition");
        if (target == null) {
            return new Written(featureSpanService.create(patientId, request).id(), true);
        }
        boolean same = featureSpans.findForPatient(patientId, target).map(x -> x.feature == f.feature()
                && x.onset.equals(f.onset()) && Objects.equals(x.resolved, f.resolved())).orElse(false);
        return same ? new Written(target, false) : new Written(featureSpanService.replace(patientId, target, request).id(), true);
    }

    private Written contraindication(RecordUnit u, UUID patientId, UUID target, ImportPlan plan) {
        ImportFacts.Avoidance a = (ImportFacts.Avoidance) u.sources.get(0).facts();
        ContraindicationRequest request = new ContraindicationRequest(a.kind(), a.drug(), a.since(), a.until(), a.reason());
        check(validator.validate(request), plan, u.sources.get(0).entry(), "Flag");
        if (target == null) {
            return new Written(contraindicationService.create(patientId, request).id(), true);
        }
        boolean same = contraindications.findForPatient(patientId, target).map(x -> x.kind == a.kind()
                && Objects.equals(x.drug, a.drug()) && x.since.equals(a.since()) && Objects.equals(x.until, a.until())
                && Objects.equals(x.reason, a.reason())).orElse(false);
        return same ? new Written(target, false)
                : new Written(contraindicationService.replace(patientId, target, request).id(), true);
    }

    private boolean exists(ImportPlan.Kind kind, UUID patientId, UUID id) {
        return switch (kind) {
            case EPISODE -> episodes.findForPatient(patientId, id).isPresent();
            case OBSERVATION -> observations.findForPatient(patientId, id).isPresent();
            case EVENT -> events.findForPatient(patientId, id).isPresent();
            case ASSESSMENT -> assessments.findForPatient(patientId, id).isPresent();
            case FEATURE -> featureSpans.findForPatient(patientId, id).isPresent();
            case CONTRAINDICATION -> contraindications.findForPatient(patientId, id).isPresent();
        };
    }

    private void remove(ImportPlan.Kind kind, UUID patientId, UUID id) {
        sources.delete("targetId", id);
        switch (kind) {
            case EPISODE -> episodeService.remove(patientId, id);
            case OBSERVATION -> observationService.remove(patientId, id);
            case EVENT -> eventService.remove(patientId, id);
            case ASSESSMENT -> assessmentService.remove(patientId, id);
            case FEATURE -> featureSpanService.remove(patientId, id);
            case CONTRAINDICATION -> contraindicationService.remove(patientId, id);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void done(ImportPlan plan, List<Integer> entries, String status, String location, String note) {
        for (int i : entries) {
            ImportPlan.EntryResult r = plan.result(i);
            r.status = status;
            r.location = location;
            if (note != null) {
                r.notes.add(note);
            }
        }
    }

    private <T> void check(Set<ConstraintViolation<T>> violations, ImportPlan plan, int entry, String type) {
        if (!violations.isEmpty()) {
            violations.forEach(v -> plan.error(entry, type, v.getPropertyPath() + " " + v.getMessage()));
            throw new UnitFailed();
        }
    }

    private static UnitFailed failed(ImportPlan plan, List<Integer> entries) {
        for (int i : entries) {
            if (!plan.failed(i)) {
                plan.error(i, null, "not written: another resource of the same record was rejected");
            }
        }
        return new UnitFailed();
    }

    private static UnitFailed failed(ImportPlan plan, List<Integer> entries, int entry, String type, ApiException e) {
        List<ProblemDetail.FieldError> errors = e.errors();
        if (errors == null || errors.isEmpty()) {
            plan.error(entry, type, e.getMessage());
        } else {
            errors.forEach(f -> plan.error(entry, type, f.field() + " " + f.message()));
        }
        return failed(plan, entries);
    }

    private String write(ImportFacts facts) {
        try {
            return json.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hash(ImportFacts facts) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(facts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ImportFacts read(String facts) {
        try {
            return json.readValue(facts, ImportFacts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable import facts", e);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
