package org.myoline.patient;

import org.myoline.engine.model.Feature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
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

    Clock clock = Clock.systemUTC();

    @Transactional
    public PatientResponse create(PatientRequest request) {
        validate(request);
        if (patients.findByMrn(request.mrn()).isPresent()) {
            throw ApiException.conflict("A patient with MRN " + request.mrn() + " already exists");
        }
        Patient patient = new Patient();
        patient.id = UUID.randomUUID();
        patient.createdAt = Timestamps.now();
        apply(patient, request);
        patients.persistAndFlush(patient);
        patients.adjustTally(1);
        return PatientResponse.of(patient);
    }

    @Transactional
    public PatientResponse get(UUID id) {
        ReadOnly.session(patients.getEntityManager());
        return PatientResponse.of(require(id));
    }

    @Transactional
    public PatientPage list(String mrn, int page, int size) {
        ReadOnly.session(patients.getEntityManager());
        var items = patients.page(mrn, page, size).stream().map(PatientResponse::of).toList();
        return PatientPage.of(items, page, size, patients.countMatching(mrn));
    }

    @Transactional
    public PatientResponse update(UUID id, PatientRequest request, String ifMatch) {
        validate(request);
        ETags.checkIfMatch(ifMatch, require(id).version);
        return replace(id, request);
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
        apply(patient, request);
        patients.flush();
        return PatientResponse.of(patient);
    }

    @Transactional
    public void delete(UUID id, String ifMatch) {
        Patient patient = require(id);
        ETags.checkIfMatch(ifMatch, patient.version);
        // Children are removed one by one through Hibernate, so each removal reaches the audit trail
        // (the schema's ON DELETE CASCADE is only the safety net).
        for (String entity : new String[] {"DiseaseEvent", "Observation", "TreatmentEpisode"}) {
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
        p.features.clear();
        if (r.features() != null) {
            p.features.addAll(r.features().isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(r.features()));
        }
        p.weightKg = r.weightKg();
        p.heightCm = r.heightCm();
        p.updatedAt = Timestamps.now();
    }
}
