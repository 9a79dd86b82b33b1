package org.myoline.patient;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.myoline.api.ApiException;
import org.myoline.api.ETags;
import org.myoline.common.ReadOnly;
import org.myoline.common.Timestamps;

/**
 * What every kind of record hanging off a patient (episodes, observations, events…) does the same way: the
 * patient must exist (404), a patient holds at most {@link #maxPerPatient} of them (409), writes are
 * validated before anything is stored (400), updates and deletes check If-Match (428/412), and the FHIR
 * import may replace or remove by id without a version check. A kind says only how to validate, apply
 * and answer.
 *
 * @param <E> the entity
 * @param <Q> the request body
 * @param <R> the response body
 */
public abstract class PatientRecordService<E extends PatientScopedEntity, Q, R> {

    @Inject
    protected PatientRepository patients;

    @Inject
    org.myoline.api.MergePatch mergePatch;

    private final String kind;
    private final int maxPerPatient;
    private final Supplier<E> factory;
    private final Function<E, R> response;

    /**
     * @param kind what the API calls this kind in messages: Episode, Observation, Event
     * @param maxPerPatient keeps one patient's history (and the listing that returns it whole) bounded
     */
    protected PatientRecordService(String kind, int maxPerPatient, Supplier<E> factory, Function<E, R> response) {
        this.kind = kind;
        this.maxPerPatient = maxPerPatient;
        this.factory = factory;
        this.response = response;
    }

    protected abstract PatientRecordRepository<E> records();

    /** Rules bean validation cannot express, for this patient; throws a 400 naming each field. */
    protected abstract void validate(Patient patient, Q request);

    /** Copies the request onto the entity (not the id, patient or timestamps). */
    protected abstract void apply(E record, Q request);

    protected R response(E record) {
        return response.apply(record);
    }

    protected String kind() {
        return kind;
    }

    @Transactional
    public R create(UUID patientId, Q request) {
        // The patient and the cap's count in one statement: a write's round trips are most of its cost.
        PatientRecordRepository.PatientAndCount found = records().patientWithCount(patientId)
                .orElseThrow(() -> ApiException.notFound("Patient", patientId));
        Patient patient = found.patient();
        validate(patient, request);
        if (found.count() >= maxPerPatient) {
            throw ApiException.conflict("Patient " + patientId + " already has the maximum of " + maxPerPatient + " "
                    + kind().toLowerCase() + "s");
        }
        E record = factory.get();
        record.id = UUID.randomUUID();
        record.patientId = patientId;
        record.createdAt = Timestamps.now();
        apply(record, request);
        record.updatedAt = record.createdAt;
        records().persistAndFlush(record);
        return response(record);
    }

    @Transactional
    public List<R> list(UUID patientId) {
        ReadOnly.session(records().getEntityManager());
        requirePatient(patientId);
        return records().forPatient(patientId).stream().map(this::response).toList();
    }

    @Transactional
    public R get(UUID patientId, UUID id) {
        ReadOnly.session(records().getEntityManager());
        requirePatient(patientId);
        return response(require(patientId, id));
    }

    @Transactional
    public R update(UUID patientId, UUID id, Q request, String ifMatch) {
        requirePatient(patientId);
        ETags.checkIfMatch(ifMatch, require(patientId, id).version);
        return replace(patientId, id, request);
    }

    /**
     * A partial update (JSON Merge Patch) laid over the record as its response shows it, then validated and applied
     * as a full replace, with If-Match.
     */
    @Transactional
    public <P extends Record> R patch(UUID patientId, UUID id, com.fasterxml.jackson.databind.JsonNode patch,
            String ifMatch, Class<P> requestType) {
        requirePatient(patientId);
        E record = require(patientId, id);
        ETags.checkIfMatch(ifMatch, record.version);
        @SuppressWarnings("unchecked")
        Q request = (Q) mergePatch.apply(response(record), patch, requestType);
        return replace(patientId, id, request);
    }

    /** Full replace without a version check: the FHIR import's conditional update by source identifier. */
    @Transactional
    public R replace(UUID patientId, UUID id, Q request) {
        Patient patient = requirePatient(patientId);
        E record = require(patientId, id);
        validate(patient, request);
        apply(record, request);
        record.updatedAt = Timestamps.now();
        records().flush();
        return response(record);
    }

    @Transactional
    public void delete(UUID patientId, UUID id, String ifMatch) {
        requirePatient(patientId);
        ETags.checkIfMatch(ifMatch, require(patientId, id).version);
        remove(patientId, id);
    }

    /** Delete without a version check: the FHIR import's answer to a source marked entered-in-error. */
    @Transactional
    public void remove(UUID patientId, UUID id) {
        E record = require(patientId, id);
        beforeRemove(record);
        record.loadForAudit();
        records().delete(record);
        records().flush();
    }

    /** Records that hang off this one, removed through the ORM first so their removal reaches the audit trail. */
    protected void beforeRemove(E record) {
    }

    protected Patient requirePatient(UUID patientId) {
        return patients.findByIdOptional(patientId).orElseThrow(() -> ApiException.notFound("Patient", patientId));
    }

    protected E require(UUID patientId, UUID id) {
        return records().findForPatient(patientId, id).orElseThrow(() -> ApiException.notFound(kind(), id));
    }
}
