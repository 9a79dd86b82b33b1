package org.myoline.episode;

import org.myoline.engine.model.ResponseCategory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.myoline.api.ApiException;
import org.myoline.api.ETags;
import org.myoline.api.Violations;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.common.ReadOnly;
import org.myoline.common.Timestamps;
import org.myoline.patient.Patient;
import org.myoline.patient.PatientRepository;

@ApplicationScoped
public class EpisodeService {

    /** Keeps one patient's history (and the listing that returns it whole) bounded. */
    public static final int MAX_EPISODES_PER_PATIENT = 5000;

    @Inject
    EpisodeRepository episodes;

    @Inject
    PatientRepository patients;

    @Inject
    DrugCatalogue catalogue;

    @Transactional
    public EpisodeResponse create(UUID patientId, EpisodeRequest request) {
        Patient patient = requirePatient(patientId);
        validate(patient, request);
        if (episodes.countForPatient(patientId) >= MAX_EPISODES_PER_PATIENT) {
            throw ApiException.conflict("Patient " + patientId + " already has the maximum of "
                    + MAX_EPISODES_PER_PATIENT + " episodes");
        }
        TreatmentEpisode episode = new TreatmentEpisode();
        episode.id = UUID.randomUUID();
        episode.patientId = patientId;
        episode.createdAt = Timestamps.now();
        apply(episode, request);
        episodes.persistAndFlush(episode);
        return EpisodeResponse.of(episode);
    }

    @Transactional
    public List<EpisodeResponse> list(UUID patientId) {
        ReadOnly.session(episodes.getEntityManager());
        requirePatient(patientId);
        return episodes.forPatient(patientId).stream().map(EpisodeResponse::of).toList();
    }

    @Transactional
    public EpisodeResponse get(UUID patientId, UUID episodeId) {
        ReadOnly.session(episodes.getEntityManager());
        requirePatient(patientId);
        return EpisodeResponse.of(require(patientId, episodeId));
    }

    @Transactional
    public EpisodeResponse update(UUID patientId, UUID episodeId, EpisodeRequest request, String ifMatch) {
        requirePatient(patientId);
        ETags.checkIfMatch(ifMatch, require(patientId, episodeId).version);
        return replace(patientId, episodeId, request);
    }

    /** Full replace without a version check: the FHIR import's conditional update by source identifier. */
    @Transactional
    public EpisodeResponse replace(UUID patientId, UUID episodeId, EpisodeRequest request) {
        Patient patient = requirePatient(patientId);
        TreatmentEpisode episode = require(patientId, episodeId);
        validate(patient, request);
        apply(episode, request);
        episodes.flush();
        return EpisodeResponse.of(episode);
    }

    @Transactional
    public void delete(UUID patientId, UUID episodeId, String ifMatch) {
        requirePatient(patientId);
        ETags.checkIfMatch(ifMatch, require(patientId, episodeId).version);
        remove(patientId, episodeId);
    }

    /** Delete without a version check: the FHIR import's answer to a source marked entered-in-error. */
    @Transactional
    public void remove(UUID patientId, UUID episodeId) {
        TreatmentEpisode episode = require(patientId, episodeId);
        episode.loadForAudit();
        episodes.delete(episode);
        episodes.flush();
    }

    private Patient requirePatient(UUID patientId) {
        return patients.findByIdOptional(patientId).orElseThrow(() -> ApiException.notFound("Patient", patientId));
    }

    private TreatmentEpisode require(UUID patientId, UUID episodeId) {
        return episodes.findForPatient(patientId, episodeId)
                .orElseThrow(() -> ApiException.notFound("Episode", episodeId));
    }

    /** Rules that bean validation cannot express: catalogue membership, plausibility, dates in order. */
    private void validate(Patient patient, EpisodeRequest r) {
        Violations v = new Violations();
        v.check(catalogue.contains(r.drug()), "drug", "is not in the drug catalogue (GET /api/v1/drugs)");
        checkDose(v, "dose", r.dose());
        LocalDate start = r.startDate();
        LocalDate end = r.endDate();
        v.check(!start.isBefore(patient.birthDate), "startDate", "must not be before the patient's birthDate");
        v.check(end == null || !end.isBefore(start), "endDate", "must not be before startDate");
        v.check(r.stopReason() == null || end != null, "stopReason", "requires endDate: an ongoing episode has not stopped");
        List<DoseChangeDto> changes = r.doseChanges() == null ? List.of() : r.doseChanges();
        LocalDate previous = null;
        for (int i = 0; i < changes.size(); i++) {
            DoseChangeDto change = changes.get(i);
            String field = "doseChanges[" + i + "]";
            if (change.date().isBefore(start) || (end != null && change.date().isAfter(end))) {
                v.add(field + ".date", "must lie inside the episode (startDate to endDate)");
            }
            if (previous != null && !change.date().isAfter(previous)) {
                v.add(field + ".date", "must be after the previous dose change");
            }
            previous = change.date();
            checkDose(v, field + ".dose", change.dose());
        }
        v.throwIfAny();
    }

    private void checkDose(Violations v, String field, DoseDto dose) {
        catalogue.unit(dose.unit()).ifPresent(limit -> v.check(dose.value().doubleValue() <= limit.maxValue(),
                field + ".value", "is implausibly high for " + dose.unit() + " (at most "
                        + java.math.BigDecimal.valueOf(limit.maxValue()).stripTrailingZeros().toPlainString()
                        + "): check the unit"));
    }

    private void apply(TreatmentEpisode e, EpisodeRequest r) {
        e.drug = r.drug();
        e.route = r.route();
        e.dose = r.dose().toDose();
        e.startDate = r.startDate();
        e.endDate = r.endDate();
        e.doseChanges.clear();
        if (r.doseChanges() != null) {
            r.doseChanges().forEach(c -> e.doseChanges.add(new DoseChange(c.date(), c.dose().toDose())));
        }
        e.response = r.response() == null ? ResponseCategory.NOT_ASSESSED : r.response();
        e.stopReason = r.stopReason();
        e.courses = r.courses();
        e.notes = r.notes();
        e.updatedAt = Timestamps.now();
    }
}
