package org.myoline.cohort;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.myoline.api.ApiException;
import org.myoline.catalogue.Drug;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.clinical.EngineFactory;
import org.myoline.engine.model.DrugProfile;

/**
 * The outcome table of one drug (reproducing how series such as seed 001 report IVIg outcomes), computed
 * in one streamed pass over the cohort.
 */
@ApplicationScoped
public class CohortService {
    /** Average month length, so "6.2 months" means what a reader expects. */
    static final double DAYS_PER_MONTH = 365.25 / 12;
    private static final Set<String> RESPONDED = Set.of("MAJOR", "PARTIAL");
    private static final Set<String> SKIN_PREDOMINANT = Set.of("AMYOPATHIC", "HYPOMYOPATHIC");

    static final List<CohortOutcomeResponse.Definition> DEFINITIONS = List.of(
            new CohortOutcomeResponse.Definition("cohort", "Patients with at least one episode of the drug; from/to select "
                    + "patients whose first episode of the drug starts in the window."),
            new CohortOutcomeResponse.Definition("era", "Episodes of the drug separated by no more than its persistence "
                    + "(catalogue; IVIg 42 days after the last course) form one era (domain.md §5.4)."),
            new CohortOutcomeResponse.Definition("responses", "Per patient, the last recorded response of the first era "
                    + "(investigator-judged major/partial/none, as series report it: domain.md §3.5)."),
            new CohortOutcomeResponse.Definition("responseRate", "MAJOR or PARTIAL over patients with an assessed response; "
                    + "95% Wilson score interval."),
            new CohortOutcomeResponse.Definition("courses", "Sum of courses over all the patient's episodes of the drug, an "
                    + "episode without a count being one course."),
            new CohortOutcomeResponse.Definition("relapse", "Among MAJOR responders whose first era has ended, a RELAPSE "
                    + "event after the era's end; months from era end (Bounfour 2014, PMID 23906502, measures from the "
                    + "last course). Kaplan–Meier censors at the patient's last recorded date (latest episode end, "
                    + "observation or event; today for ongoing episodes)."),
            new CohortOutcomeResponse.Definition("retreatment", "Relapsed patients with a later episode of the drug; "
                    + "responded = MAJOR or PARTIAL recorded on that new era."),
            new CohortOutcomeResponse.Definition("subtypeChanges", "Amyopathic or hypomyopathic patients whose record now "
                    + "lists the MUSCLE feature, or with a MUSCLE-domain flare or relapse after the first era started "
                    + "(design rule; domain.md §0: ADM may convert, 6/27 in the IVIg series)."));

    @Inject
    CohortReader reader;

    @Inject
    DrugCatalogue catalogue;

    Clock clock = Clock.systemUTC();

    @Transactional
    public CohortOutcomeResponse outcomes(CohortFilter filter) {
        Drug drug = catalogue.find(filter.drug()).orElseThrow(
                () -> ApiException.invalid("drug", "is not in the drug catalogue (GET /api/v1/drugs)"));
        DrugProfile profile = EngineFactory.profile(drug);
        Accumulator acc = new Accumulator(profile);
        try {
            reader.read(filter, LocalDate.now(clock), acc::add);
        } catch (SQLException e) {
            throw new IllegalStateException("cohort query failed", e);
        }
        return acc.result(filter);
    }

    /** Running totals over the streamed patients; keeps per-patient numbers only where a median needs them. */
    static final class Accumulator {
        private final DrugProfile drug;
        private int patients;
        private final Map<String, Integer> responses = new LinkedHashMap<>(
                Map.of("MAJOR", 0, "PARTIAL", 0, "NONE", 0, "NOT_ASSESSED", 0));
        private final List<Double> courses = new ArrayList<>();
        private int responders;
        private int relapsed;
        private final List<Double> monthsToRelapse = new ArrayList<>();
        private final List<Statistics.Observation> survival = new ArrayList<>();
        private int retreated;
        private int retreatedResponded;
        private int adverseEventStops;
        private int skinPredominant;
        private int developedMuscleDisease;

        Accumulator(DrugProfile drug) {
            this.drug = drug;
        }

        void add(CohortReader.PatientRows p) {
            patients++;
            List<List<CohortReader.EpisodeRow>> eras = eras(p.episodes());
            List<CohortReader.EpisodeRow> first = eras.get(0);
            String response = lastResponse(first);
            responses.merge(response, 1, Integer::sum);
            courses.add((double) p.episodes().stream().mapToInt(e -> e.courses() == null ? 1 : e.courses()).sum());
            if (p.episodes().stream().anyMatch(e -> "ADVERSE_EVENT".equals(e.stopReason()))) {
                adverseEventStops++;
            }
            LocalDate eraStart = first.get(0).start();
            LocalDate eraEnd = end(first);
            if (response.equals("MAJOR") && eraEnd != null) {
                responders++;
                LocalDate relapse = p.events().stream().filter(v -> v.type().equals("RELAPSE") && v.date().isAfter(eraEnd))
                        .map(CohortReader.EventRow::date).findFirst().orElse(null);
                if (relapse != null) {
                    relapsed++;
                    double months = ChronoUnit.DAYS.between(eraEnd, relapse) / DAYS_PER_MONTH;
                    monthsToRelapse.add(months);
                    survival.add(new Statistics.Observation(months, true));
                    List<CohortReader.EpisodeRow> again = eras.stream().filter(era -> era.get(0).start().isAfter(relapse))
                            .findFirst().orElse(null);
                    if (again != null) {
                        retreated++;
                        if (RESPONDED.contains(lastResponse(again))) {
                            retreatedResponded++;
                        }
                    }
                } else {
                    LocalDate last = p.lastRecorded() == null || p.lastRecorded().isBefore(eraEnd) ? eraEnd : p.lastRecorded();
                    survival.add(new Statistics.Observation(ChronoUnit.DAYS.between(eraEnd, last) / DAYS_PER_MONTH, false));
                }
            }
            if (SKIN_PREDOMINANT.contains(p.subtype())) {
                skinPredominant++;
                boolean muscleEvent = p.events().stream().anyMatch(v -> v.domain().equals("MUSCLE")
                        && !v.type().equals("REMISSION") && !v.date().isBefore(eraStart));
                if (p.hasMuscleFeature() || muscleEvent) {
                    developedMuscleDisease++;
                }
            }
        }

        private List<List<CohortReader.EpisodeRow>> eras(List<CohortReader.EpisodeRow> episodes) {
            List<List<CohortReader.EpisodeRow>> eras = new ArrayList<>();
            List<CohortReader.EpisodeRow> current = new ArrayList<>();
            LocalDate coverage = null;
            for (CohortReader.EpisodeRow e : episodes) {
                if (!current.isEmpty() && !drug.continuesEra(coverage, e.start())) {
                    eras.add(current);
                    current = new ArrayList<>();
                }
                LocalDate end = drug.coverageEnd(e.end());
                coverage = current.isEmpty() ? end : coverage == null || end == null ? null : end.isAfter(coverage) ? end : coverage;
                current.add(e);
            }
            eras.add(current);
            return eras;
        }

        private static String lastResponse(List<CohortReader.EpisodeRow> era) {
            String response = "NOT_ASSESSED";
            for (CohortReader.EpisodeRow e : era) {
                if (e.response() != null && !e.response().equals("NOT_ASSESSED")) {
                    response = e.response();
                }
            }
            return response;
        }

        private static LocalDate end(List<CohortReader.EpisodeRow> era) {
            LocalDate end = null;
            for (CohortReader.EpisodeRow e : era) {
                if (e.end() == null) {
                    return null;
                }
                end = end == null || e.end().isAfter(end) ? e.end() : end;
            }
            return end;
        }

        CohortOutcomeResponse result(CohortFilter f) {
            int assessed = responses.get("MAJOR") + responses.get("PARTIAL") + responses.get("NONE");
            Statistics.KaplanMeier km = Statistics.kaplanMeier(survival);
            return new CohortOutcomeResponse(drug.code(),
                    new CohortOutcomeResponse.Filters(f.subtype() == null ? null : f.subtype().name(),
                            f.feature() == null ? null : f.feature().name(), f.from(), f.to()),
                    patients, Map.copyOf(responses),
                    rate(Statistics.wilson(responses.get("MAJOR") + responses.get("PARTIAL"), assessed)),
                    rate(Statistics.wilson(responses.get("MAJOR"), assessed)),
                    new CohortOutcomeResponse.Courses(round(Statistics.mean(courses), 2), Statistics.median(courses),
                            courses.stream().mapToInt(Double::intValue).min().stream().boxed().findFirst().orElse(null),
                            courses.stream().mapToInt(Double::intValue).max().stream().boxed().findFirst().orElse(null),
                            courses.stream().mapToInt(Double::intValue).sum()),
                    new CohortOutcomeResponse.Relapse(responders, relapsed, rate(Statistics.wilson(relapsed, responders)),
                            round(Statistics.median(monthsToRelapse), 2),
                            new CohortOutcomeResponse.KaplanMeierCurve(round(km.medianTime(), 2), km.steps().stream()
                                    .map(s -> new CohortOutcomeResponse.Step(round(s.time(), 2), s.atRisk(), s.events(),
                                            round(s.survival(), 4)))
                                    .toList())),
                    new CohortOutcomeResponse.Retreatment(retreated, retreatedResponded), adverseEventStops,
                    new CohortOutcomeResponse.SubtypeChanges(skinPredominant, developedMuscleDisease), DEFINITIONS);
        }

        private static CohortOutcomeResponse.Rate rate(Statistics.Proportion p) {
            return new CohortOutcomeResponse.Rate(p.numerator(), p.denominator(), round(p.value(), 4), round(p.ci95Low(), 4),
                    round(p.ci95High(), 4));
        }

        private static Double round(Double v, int places) {
            if (v == null) {
                return null;
            }
            double scale = Math.pow(10, places);
            return Math.round(v * scale) / scale;
        }
    }
}
