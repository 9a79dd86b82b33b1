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
    static final Map<ObservationType, double[]> RANGES = Map.ofEntries(
            Map.entry(ObservationType.WEIGHT_KG, new double[] {0.5, 400}),
            Map.entry(ObservationType.HEIGHT_CM, new double[] {20, 260}),
            Map.entry(ObservationType.CK_U_PER_L, new double[] {0, 1_000_000}),
            Map.entry(ObservationType.ALDOLASE_U_PER_L, new double[] {0, 100_000}),
            Map.entry(ObservationType.ALT_U_PER_L, new double[] {0, 100_000}),
            Map.entry(ObservationType.AST_U_PER_L, new double[] {0, 100_000}),
            Map.entry(ObservationType.LDH_U_PER_L, new double[] {0, 100_000}),
            Map.entry(ObservationType.MMT8, new double[] {0, 150}),
            Map.entry(ObservationType.MMT8_80, new double[] {0, 80}),
            Map.entry(ObservationType.CMAS, new double[] {0, 52}),
            Map.entry(ObservationType.HAQ, new double[] {0, 3}),
            Map.entry(ObservationType.CHAQ, new double[] {0, 3}),
            Map.entry(ObservationType.CDASI_ACTIVITY, new double[] {0, 100}),
            Map.entry(ObservationType.TIS, new double[] {0, 100}),
            Map.entry(ObservationType.PHYSICIAN_GLOBAL, new double[] {0, 10}),
            Map.entry(ObservationType.PATIENT_GLOBAL, new double[] {0, 10}),
            Map.entry(ObservationType.EXTRAMUSCULAR_GLOBAL, new double[] {0, 10}));

    /** Laboratory values that carry an upper limit of normal. */
    static final java.util.Set<ObservationType> ENZYMES = java.util.EnumSet.of(ObservationType.CK_U_PER_L,
            ObservationType.ALDOLASE_U_PER_L, ObservationType.ALT_U_PER_L, ObservationType.AST_U_PER_L,
            ObservationType.LDH_U_PER_L);

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
        o.upperLimit = r.upperLimit();
    }

    @Override
    protected void validate(Patient patient, ObservationRequest r) {
        double[] range = RANGES.get(r.type());
        new Violations()
                .check(!r.date().isAfter(LocalDate.now(clock)), "date", "must not be in the future")
                .check(!r.date().isBefore(patient.birthDate), "date", "must not be before the patient's birthDate")
                .check(r.value().doubleValue() >= range[0] && r.value().doubleValue() <= range[1], "value",
                        "must be between " + fmt(range[0]) + " and " + fmt(range[1]) + " for " + r.type())
                .check(r.upperLimit() == null || ENZYMES.contains(r.type()), "upperLimit",
                        "applies to muscle enzymes (CK, aldolase, ALT, AST, LDH), not to " + r.type())
                .throwIfAny();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
