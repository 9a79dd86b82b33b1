package org.myoline.patient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import org.myoline.api.Violations;

/** A patient's dated features: each begins on its onset and, if it resolved, ends the day before. */
@ApplicationScoped
public class FeatureSpanService extends PatientRecordService<FeatureSpan, FeatureSpanRequest, FeatureSpanResponse> {

    public static final int MAX_PER_PATIENT = 200;

    @Inject
    FeatureSpanRepository spans;

    Clock clock = Clock.systemUTC();

    FeatureSpanService() {
        super("Feature", MAX_PER_PATIENT, FeatureSpan::new, FeatureSpanResponse::of);
    }

    @Override
    protected PatientRecordRepository<FeatureSpan> records() {
        return spans;
    }

    @Override
    protected void validate(Patient patient, FeatureSpanRequest r) {
        LocalDate today = LocalDate.now(clock);
        new Violations()
                .check(!r.onset().isAfter(today), "onset", "must not be in the future")
                .check(!r.onset().isBefore(patient.birthDate), "onset", "must not be before the patient's birthDate")
                .check(r.resolved() == null || r.resolved().isAfter(r.onset()), "resolved", "must be after onset")
                .check(r.resolved() == null || !r.resolved().isAfter(today), "resolved", "must not be in the future")
                .throwIfAny();
    }

    @Override
    protected void apply(FeatureSpan f, FeatureSpanRequest r) {
        f.feature = r.feature();
        f.onset = r.onset();
        f.resolved = r.resolved();
    }
}
