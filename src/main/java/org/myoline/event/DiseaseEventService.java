package org.myoline.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.myoline.api.ApiException;
import org.myoline.api.ETags;
import org.myoline.api.Violations;
import org.myoline.common.Timestamps;
import org.myoline.episode.EpisodeRepository;
import org.myoline.patient.Patient;
import org.myoline.patient.PatientRepository;

@ApplicationScoped
public class DiseaseEventService {

    public static final int MAX_PER_PATIENT = 5000;

    @Inject
    DiseaseEventRepository events;

    @Inject
    PatientRepository patients;

    @Inject
    EpisodeRepository episodes;

    Clock clock = Clock.systemUTC();

    @Transactional
    public DiseaseEventResponse create(UUID patientId, DiseaseEventRequest r) {
        validate(requirePatient(patientId), r);
        if (events.countForPatient(patientId) >= MAX_PER_PATIENT) {
            throw ApiException.conflict("Patient " + patientId + " already has the maximum of " + MAX_PER_PATIENT + " events");
        }
        DiseaseEvent e = new DiseaseEvent();
        e.id = UUID.randomUUID();
        e.patientId = patientId;
        e.date = r.date();
        e.type = r.type();
        e.domain = r.domain();
        e.episodeId = r.episodeId();
        e.createdAt = Timestamps.now();
        e.updatedAt = e.createdAt;
        events.persistAndFlush(e);
        return DiseaseEventResponse.of(e);
    }

    /** Replace without a version check: the FHIR import's conditional update by source identifier. */
    @Transactional
    public DiseaseEventResponse replace(UUID patientId, UUID id, DiseaseEventRequest r) {
        validate(requirePatient(patientId), r);
        DiseaseEvent e = require(patientId, id);
        e.date = r.date();
        e.type = r.type();
        e.domain = r.domain();
        e.episodeId = r.episodeId();
        e.updatedAt = Timestamps.now();
        events.flush();
        return DiseaseEventResponse.of(e);
    }

    /** Delete without a version check: the FHIR import's answer to a source marked entered-in-error. */
    @Transactional
    public void remove(UUID patientId, UUID id) {
        events.delete(require(patientId, id));
        events.flush();
    }

    private void validate(Patient patient, DiseaseEventRequest r) {
        UUID patientId = patient.id;
        new Violations()
                .check(!r.date().isAfter(LocalDate.now(clock)), "date", "must not be in the future")
                .check(!r.date().isBefore(patient.birthDate), "date", "must not be before the patient's birthDate")
                .check(r.episodeId() == null || episodes.findForPatient(patientId, r.episodeId()).isPresent(), "episodeId",
                        "is not an episode of this patient")
                .throwIfAny();
    }

    @Transactional
    public List<DiseaseEventResponse> list(UUID patientId) {
        requirePatient(patientId);
        return events.forPatient(patientId).stream().map(DiseaseEventResponse::of).toList();
    }

    @Transactional
    public DiseaseEventResponse get(UUID patientId, UUID id) {
        requirePatient(patientId);
        return DiseaseEventResponse.of(require(patientId, id));
    }

    @Transactional
    public void delete(UUID patientId, UUID id, String ifMatch) {
        requirePatient(patientId);
        DiseaseEvent e = require(patientId, id);
        ETags.checkIfMatch(ifMatch, e.version);
        events.delete(e);
        events.flush();
    }

    private DiseaseEvent require(UUID patientId, UUID id) {
        return events.findForPatient(patientId, id).orElseThrow(() -> ApiException.notFound("Event", id));
    }

    private Patient requirePatient(UUID patientId) {
        return patients.findByIdOptional(patientId).orElseThrow(() -> ApiException.notFound("Patient", patientId));
    }
}
