package org.myoline.episode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.myoline.api.Violations;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.catalogue.Drug;
import org.myoline.engine.model.DoseUnit;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.patient.Patient;
import org.myoline.patient.PatientRecordRepository;
import org.myoline.patient.PatientRecordService;

/** A patient's treatment episodes: validated against the catalogue, plausible doses and dates in order. */
@ApplicationScoped
public class EpisodeService extends PatientRecordService<TreatmentEpisode, EpisodeRequest, EpisodeResponse> {

    /** Keeps one patient's history (and the listing that returns it whole) bounded. */
    public static final int MAX_EPISODES_PER_PATIENT = 5000;

    @Inject
    EpisodeRepository episodes;

    @Inject
    DrugCatalogue catalogue;

    EpisodeService() {
        super("Episode", MAX_EPISODES_PER_PATIENT, TreatmentEpisode::new, EpisodeResponse::of);
    }

    /** The episode's response assessments go with it, one by one, so each removal is audited. */
    @Override
    protected void beforeRemove(TreatmentEpisode episode) {
        for (org.myoline.audit.Audited child : episodes.getEntityManager()
                .createQuery("from EpisodeAssessment where episodeId = :id", org.myoline.audit.Audited.class)
                .setParameter("id", episode.id).getResultList()) {
            episodes.getEntityManager().remove(child);
        }
    }

    @Override
    protected PatientRecordRepository<TreatmentEpisode> records() {
        return episodes;
    }

    /** Rules that bean validation cannot express: catalogue membership, plausibility, dates in order. */
    @Override
    protected void validate(Patient patient, EpisodeRequest r) {
        Violations v = new Violations();
        v.check(catalogue.contains(r.drug()), "drug", "is not in the drug catalogue (GET /api/v1/drugs)");
        checkDose(v, "dose", r.dose());
        LocalDate start = r.startDate();
        LocalDate end = r.endDate();
        v.check(!start.isBefore(patient.birthDate), "startDate", "must not be before the patient's birthDate");
        v.check(end == null || !end.isBefore(start), "endDate", "must not be before startDate");
        v.check(r.stopReason() == null || end != null, "stopReason", "requires endDate: an ongoing episode has not stopped");
        catalogue.find(r.drug()).ifPresent(drug -> {
            boolean procedure = drug.drugClass() == Drug.DrugClass.PROCEDURE;
            boolean sessions = DoseUnit.SESSION.ucum().equals(r.dose().unit());
            v.check(procedure == sessions, "dose.unit", procedure ? r.drug() + " is a procedure: its dose is in {session}"
                    : "{session} is for procedures such as plasma exchange, not for " + r.drug());
        });
        ScheduleDto schedule = r.schedule();
        if (schedule != null) {
            DoseUnit unit = DoseUnit.fromUcum(r.dose().unit()).orElse(null);
            boolean daily = unit != null && unit.ucum().endsWith("/d");
            boolean weekly = unit != null && unit.ucum().endsWith("/wk");
            v.check(!schedule.empty(), "schedule", "must say at least one of interval, count, daysPerCourse, timesPerWeek");
            v.check(schedule.daysPerCourse() == null || daily, "schedule.daysPerCourse",
                    "applies to a daily rate (such as g/kg/d), not to " + r.dose().unit());
            v.check(schedule.timesPerWeek() == null || (!daily && !weekly), "schedule.timesPerWeek",
                    "applies to a fixed dose (such as mg or mg/kg), not to the rate " + r.dose().unit());
        }
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

    @Override
    protected void apply(TreatmentEpisode e, EpisodeRequest r) {
        e.drug = r.drug();
        e.route = r.route();
        e.dose = r.dose().toDose();
        e.startDate = r.startDate();
        e.endDate = r.endDate();
        e.doseChanges.clear();
        if (r.doseChanges() != null) {
            r.doseChanges().forEach(c -> e.doseChanges.add(new DoseChange(e.patientId, c.date(), c.dose().toDose())));
        }
        e.response = r.response() == null ? ResponseCategory.NOT_ASSESSED : r.response();
        e.stopReason = r.stopReason();
        e.courses = r.courses();
        e.notes = r.notes();
        e.schedule = r.schedule() == null || r.schedule().empty() ? null : r.schedule().toEntity();
    }
}
