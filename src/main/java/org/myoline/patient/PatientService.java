package org.myoline.patient;

import org.myoline.engine.model.Feature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.myoline.api.ApiException;
import org.myoline.api.ETags;
import org.myoline.api.Violations;
import org.myoline.audit.Audited;
import org.myoline.common.ReadOnly;
import org.myoline.common.Timestamps;

@ApplicationScoped
public class PatientService {

    @Inject
    PatientRepository patients;

    @Inject
    FeatureSpanRepository spans;

    @Inject
    PatientReader reader;

    @Inject
    org.myoline.audit.AccessRecorder access;

    @Inject
    org.myoline.api.MergePatch mergePatch;

    Clock clock = Clock.systemUTC();

    @Transactional
    public PatientResponse create(PatientRequest request) {
        validate(request);
        if (request.subtypeSince() != null) {
            throw ApiException.invalid("subtypeSince", "dates a conversion, so it applies when an update changes the "
                    + "subtype; a new patient has none yet");
        }
        if (patients.findByMrn(request.mrn()).isPresent()) {
            throw ApiException.conflict("A patient with MRN " + request.mrn() + " already exists");
        }
        Patient patient = new Patient();
        patient.id = UUID.randomUUID();
        patient.createdAt = Timestamps.now();
        apply(patient, request);
        patients.persistAndFlush(patient);
        patients.adjustTally(1);
        return response(patient);
    }

    /** One statement, no transaction (PatientReader); the answer is shaped as a write's. */
    public PatientResponse get(UUID id) {
        PatientReader.Read read = reader.read(id).orElseThrow(() -> ApiException.notFound("Patient", id));
        return PatientResponse.of(read.patient(), read.spans(), LocalDate.now(clock));
    }

    @Transactional
    /** One page by MRN order; a token limited to one patient (launch context) sees only that patient. */
    public PatientPage list(String mrn, int page, int size, java.util.Optional<UUID> only) {
        ReadOnly.session(patients.getEntityManager());
        List<Patient> found;
        long total;
        if (only.isPresent()) {
            List<Patient> visible = patients.findByIdOptional(only.get()).filter(p -> mrn == null || p.mrn.equals(mrn))
                    .stream().toList();
            found = page == 0 ? visible : List.of();
            total = visible.size();
        } else {
            found = patients.page(mrn, page, size);
            total = patients.countMatching(mrn);
        }
        List<FeatureSpan> dated = spans.forPatients(found.stream().map(p -> p.id).toList());
        LocalDate today = LocalDate.now(clock);
        var items = found.stream().map(p -> PatientResponse.of(p, dated, today)).toList();
        access.saw(found.stream().map(p -> p.id).toList());
        return PatientPage.of(items, page, size, total);
    }

    @Transactional
    public PatientResponse update(UUID id, PatientRequest request, String ifMatch) {
        validate(request);
        ETags.checkIfMatch(ifMatch, require(id).version);
        return replace(id, request);
    }

    /**
     * A partial update (JSON Merge Patch) over the stored patient: its own features (not the dated ones, which stay
     * dated), with If-Match, validation and audit as for a full replace.
     */
    @Transactional
    public PatientResponse patch(UUID id, com.fasterxml.jackson.databind.JsonNode patch, String ifMatch) {
        Patient patient = require(id);
        ETags.checkIfMatch(ifMatch, patient.version);
        PatientRequest stored = new PatientRequest(patient.mrn, patient.birthDate, patient.sex, patient.subtype,
                patient.diagnosisDate, patient.features.isEmpty() ? EnumSet.noneOf(Feature.class)
                        : EnumSet.copyOf(patient.features), patient.weightKg, patient.heightCm, null);
        return replace(id, mergePatch.apply(stored, patch, PatientRequest.class));
    }

    /**
     * Full replace without a version check: for the FHIR import, which matches a patient by identifier and
     * applies what the hospital's system sent (a conditional update in FHIR terms).
     */
    @Transactional
    public PatientResponse replace(UUID id, PatientRequest request) {
        validate(request);
        Patient patient = require(id);
        if (!patient.mrn.equals(request.mrn()) && patients.findByMrn(request.mrn()).isPresent()) {
            throw ApiException.conflict("A patient with MRN " + request.mrn() + " already exists");
        }
        changeSubtype(patient, request);
        apply(patient, request);
        patients.flush();
        return response(patient);
    }

    @Transactional
    public void delete(UUID id, String ifMatch) {
        Patient patient = require(id);
        ETags.checkIfMatch(ifMatch, patient.version);
        // Children are removed one by one through Hibernate, so each removal reaches the audit trail
        // (the schema's ON DELETE CASCADE is only the safety net).
        for (String entity : new String[] {"EpisodeAssessment", "FeatureSpan", "Contraindication", "DiseaseEvent", "Observation",
                "TreatmentEpisode"}) {
            for (Audited child : patients.getEntityManager()
                    .createQuery("from " + entity + " where patientId = :id", Audited.class)
                    .setParameter("id", id).getResultList()) {
                child.loadForAudit();
                patients.getEntityManager().remove(child);
            }
        }
        patient.loadForAudit();
        patients.delete(patient);
        patients.flush();
        patients.adjustTally(-1);
    }

    /** The patient with the features present today, dated ones included. */
    public PatientResponse response(Patient patient) {
        return PatientResponse.of(patient, spans.forPatient(patient.id), LocalDate.now(clock));
    }

    /**
     * A changed subtype with {@code subtypeSince} is a dated conversion, kept in the history; without it, a
     * correction: it also corrects what the last recorded conversion led to.
     */
    private void changeSubtype(Patient p, PatientRequest r) {
        List<SubtypeChange> history = p.subtypeChanges;
        SubtypeChange last = history.isEmpty() ? null : history.get(history.size() - 1);
        if (r.subtypeSince() == null) {
            if (last != null && r.subtype() != p.subtype) {
                last.to = r.subtype();
            }
            return;
        }
        new Violations()
                .check(r.subtype() != p.subtype, "subtypeSince", "dates a conversion, but the subtype does not change")
                .check(!r.subtypeSince().isAfter(LocalDate.now(clock)), "subtypeSince", "must not be in the future")
                .check(!r.subtypeSince().isBefore(r.birthDate()), "subtypeSince", "must not be before birthDate")
                .check(last == null || r.subtypeSince().isAfter(last.date), "subtypeSince",
                        "must be after the last recorded conversion (" + (last == null ? "" : last.date) + ")")
                .throwIfAny();
        history.add(new SubtypeChange(r.subtypeSince(), p.subtype, r.subtype()));
    }

    /** The patient or 404; for other capabilities that hang resources off a patient. */
    public Patient require(UUID id) {
        return patients.findByIdOptional(id).orElseThrow(() -> ApiException.notFound("Patient", id));
    }

    private void validate(PatientRequest r) {
        LocalDate today = LocalDate.now(clock);
        new Violations()
                .check(!r.birthDate().isAfter(today), "birthDate", "must not be in the future")
                .check(r.birthDate().getYear() >= 1900, "birthDate", "must be in 1900 or later")
                .check(r.diagnosisDate() == null || !r.diagnosisDate().isAfter(today), "diagnosisDate",
                        "must not be in the future")
                .check(r.diagnosisDate() == null || !r.diagnosisDate().isBefore(r.birthDate()), "diagnosisDate",
                        "must not be before birthDate")
                .throwIfAny();
    }

    private void apply(Patient p, PatientRequest r) {
        p.mrn = r.mrn();
        p.birthDate = r.birthDate();
        p.sex = r.sex();
        p.subtype = r.subtype();
        p.diagnosisDate = r.diagnosisDate();
        // A feature present today only through a dated record stays dated: sending back what a GET returned must
        // not turn it into "present since diagnosis".
        Set<Feature> datedOnly = EnumSet.noneOf(Feature.class);
        if (p.id != null) {
            LocalDate today = LocalDate.now(clock);
            spans.forPatient(p.id).stream().filter(f -> f.presentOn(today) && !p.features.contains(f.feature))
                    .forEach(f -> datedOnly.add(f.feature));
        }
        p.features.clear();
        if (r.features() != null) {
            r.features().stream().filter(f -> !datedOnly.contains(f)).forEach(p.features::add);
        }
        p.weightKg = r.weightKg();
        p.heightCm = r.heightCm();
        p.updatedAt = Timestamps.now();
    }
}
