package org.myoline.observation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.myoline.api.Violations;
import org.myoline.engine.model.ObservationType;
import org.myoline.patient.Patient;
import org.myoline.patient.PatientRecordRepository;
import org.myoline.patient.PatientRecordService;

/** A patient's dated measurements, each within the plausible range of its type. */
@ApplicationScoped
public class ObservationService extends PatientRecordService<Observation, ObservationRequest, ObservationResponse> {

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

    Clock clock = Clock.systemUTC();

    ObservationService() {
        super("Observation", MAX_PER_PATIENT, Observation::new, ObservationResponse::of);
    }

    @Override
    protected PatientRecordRepository<Observation> records() {
        return observations;
    }

    @Override
    protected void apply(Observation o, ObservationRequest r) {
        o.date = r.date();
        o.type = r.type();
        o.value = r.value();
    }

    @Override
    protected void validate(Patient patient, ObservationRequest r) {
        double[] range = RANGES.get(r.type());
        new Violations()
                .check(!r.date().isAfter(LocalDate.now(clock)), "date", "must not be in the future")
                .check(!r.date().isBefore(patient.birthDate), "date", "must not be before the patient's birthDate")
                .check(r.value().doubleValue() >= range[0] && r.value().doubleValue() <= range[1], "value",
                        "must be between " + fmt(range[0]) + " and " + fmt(range[1]) + " for " + r.type())
                .throwIfAny();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
