package org.myoline.observation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.myoline.api.ApiException;
import org.myoline.api.ETags;
import org.myoline.api.Violations;
import org.myoline.common.Timestamps;
import org.myoline.engine.model.ObservationType;
import org.myoline.patient.Patient;
import org.myoline.patient.PatientRepository;

@ApplicationScoped
public class ObservationService {

    public static final int MAX_PER_PATIENT = 5000;

    /** Plausible ranges per type: values outside them are typing or unit errors (kg vs g, mm vs cm). */
    static final Map<ObservationType, double[]> RANGES = Map.of(
            ObservationType.WEIGHT_KG, new double[] {0.5, 400},
            ObservationType.HEIGHT_CM, new double[] {20, 260},
            ObservationType.CK_U_PER_L, new double[] {0, 1_000_000},
            ObservationType.MMT8, new double[] {0, 150},
            ObservationType.CDASI_ACTIVITY, new double[] {0, 100},
            ObservationType.TIS, new double[] {0, 100},
            ObservationType.PHYSICIAN_GLOBAL, new double[] {0, 10});

    @Inject
    ObservationRepository observations;

    @Inject
    PatientRepository patients;

    Clock clock = Clock.systemUTC();

    @Transactional
    public ObservationResponse create(UUID patientId, ObservationRequest r) {
        validate(requirePatient(patientId), r);
        if (observations.countForPatient(patientId) >= MAX_PER_PATIENT) {
            throw ApiException.conflict("Patient " + patientId + " already has the maximum of " + MAX_PER_PATIENT
                    + " observations");
        }
        Observation o = new Observation();
        o.id = UUID.randomUUID();
        o.patientId = patientId;
        o.date = r.date();
        o.type = r.type();
        o.value = r.value();
        o.createdAt = Timestamps.now();
        o.updatedAt = o.createdAt;
        observations.persistAndFlush(o);
        return ObservationResponse.of(o);
    }

    /** Replace without a version check: the FHIR import's conditional update by source identifier. */
    @Transactional
    public ObservationResponse replace(UUID patientId, UUID id, ObservationRequest r) {
        validate(requirePatient(patientId), r);
        Observation o = require(patientId, id);
        o.date = r.date();
        o.type = r.type();
        o.value = r.value();
        o.updatedAt = Timestamps.now();
        observations.flush();
        return ObservationResponse.of(o);
    }

    /** Delete without a version check: the FHIR import's answer to a source marked entered-in-error. */
    @Transactional
    public void remove(UUID patientId, UUID id) {
        observations.delete(require(patientId, id));
        observations.flush();
    }

    private void validate(Patient patient, ObservationRequest r) {
        double[] range = RANGES.get(r.type());
        new Violations()
                .check(!r.date().isAfter(LocalDate.now(clock)), "date", "must not be in the future")
                .check(!r.date().isBefore(patient.birthDate), "date", "must not be before the patient's birthDate")
                .check(r.value().doubleValue() >= range[0] && r.value().doubleValue() <= range[1], "value",
                        "must be between " + fmt(range[0]) + " and " + fmt(range[1]) + " for " + r.type())
                .throwIfAny();
    }

    @Transactional
    public List<ObservationResponse> list(UUID patientId) {
        requirePatient(patientId);
        return observations.forPatient(patientId).stream().map(ObservationResponse::of).toList();
    }

    @Transactional
    public ObservationResponse get(UUID patientId, UUID id) {
        requirePatient(patientId);
        return ObservationResponse.of(require(patientId, id));
    }

    @Transactional
    public void delete(UUID patientId, UUID id, String ifMatch) {
        requirePatient(patientId);
        Observation o = require(patientId, id);
        ETags.checkIfMatch(ifMatch, o.version);
        observations.delete(o);
        observations.flush();
    }

    private Observation require(UUID patientId, UUID id) {
        return observations.findForPatient(patientId, id).orElseThrow(() -> ApiException.notFound("Observation", id));
    }

    private Patient requirePatient(UUID patientId) {
        return patients.findByIdOptional(patientId).orElseThrow(() -> ApiException.notFound("Patient", patientId));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
