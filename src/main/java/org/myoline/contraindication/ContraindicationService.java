package org.myoline.contraindication;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import org.myoline.api.Violations;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.engine.model.ContraindicationKind;
import org.myoline.patient.Patient;
import org.myoline.patient.PatientRecordRepository;
import org.myoline.patient.PatientRecordService;

/** A patient's dated contraindications and preferences. */
@ApplicationScoped
public class ContraindicationService
        extends PatientRecordService<Contraindication, ContraindicationRequest, ContraindicationResponse> {

    public static final int MAX_PER_PATIENT = 100;

    @Inject
    ContraindicationRepository contraindications;

    @Inject
    DrugCatalogue catalogue;

    Clock clock = Clock.systemUTC();

    ContraindicationService() {
        super("Contraindication", MAX_PER_PATIENT, Contraindication::new, ContraindicationResponse::of);
    }

    @Override
    protected PatientRecordRepository<Contraindication> records() {
        return contraindications;
    }

    @Override
    protected void validate(Patient patient, ContraindicationRequest r) {
        boolean named = r.kind() == ContraindicationKind.AVOID_DRUG;
        new Violations()
                .check(!r.since().isAfter(LocalDate.now(clock)), "since", "must not be in the future")
                .check(!r.since().isBefore(patient.birthDate), "since", "must not be before the patient's birthDate")
                .check(r.until() == null || r.until().isAfter(r.since()), "until", "must be after since")
                .check(!named || r.drug() != null, "drug", "is required for AVOID_DRUG")
                .check(named || r.drug() == null, "drug", "is only for AVOID_DRUG; " + r.kind() + " names its drugs in the rules")
                .check(r.drug() == null || catalogue.contains(r.drug()), "drug",
                        "is not in the drug catalogue (GET /api/v1/drugs)")
                .throwIfAny();
    }

    @Override
    protected void apply(Contraindication c, ContraindicationRequest r) {
        c.kind = r.kind();
        c.drug = r.drug();
        c.since = r.since();
        c.until = r.until();
        c.reason = r.reason();
    }
}
