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
import org.myoline.engine.ClinicalEngine;
import org.myoline.engine.model.AssessedResponse;
import org.myoline.engine.model.History;
import org.myoline.engine.model.Subtype;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.timeline.Era;

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
                    + "(catalogue; IVIg 42 days after the last course) form one era (docs/clinical-evidence.md §5)."),
            new CohortOutcomeResponse.Definition("responses", "Per patient, the response of the first era: where the "
                    + "patient has full IMACS core sets, the category computed from the last one in the era against the "
                    + "baseline before it (2016 ACR/EULAR Total Improvement Score: major = MAJOR, moderate or minimal = "
                    + "PARTIAL, below minimal or a confirmed deterioration = NONE; docs/clinical-evidence.md §8.1); "
                    + "otherwise the last recorded response (investigator-judged, as series report it: §8.3)."),
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
                    + "(design rule; docs/clinical-evidence.md §1: ADM may convert, 6/27 in the IVIg series)."));

    @Inject
    CohortReader reader;

    @Inject
    DrugCatalogue catalogue;

    @Inject
    ClinicalEngine engine;

    @Inject
    org.myoline.audit.AccessRecorder access;

    Clock clock = Clock.systemUTC();

    @Transactional
    public CohortOutcomeResponse outcomes(CohortFilter filter) {
        Drug drug = catalogue.find(filter.drug()).orElseThrow(
                () -> ApiException.invalid("drug", "is not in the drug catalogue (GET /api/v1/drugs)"));
        Accumulator acc = new Accumulator(drug.code(), engine, LocalDate.now(clock));
        try {
            reader.read(filter, LocalDate.now(clock), p -> {
                access.saw(p.patientId());
                acc.add(p);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cohort query failed", e);
        }
        return acc.result(filter);
    }

    /** Running totals over the streamed patients; keeps per-patient numbers only where a median needs them. */
    static final class Accumulator {
        private final String drug;
        private final ClinicalEngine engine;
        private final LocalDate today;
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

        Accumulator(String drug, ClinicalEngine engine, LocalDate today) {
            this.drug = drug;
            this.engine = engine;
            this.today = today;
        }

        void add(CohortReader.PatientRows p) {
            patients++;
            List<History.Episode> episodes = episodes(p.episodes());
            List<Era> engineEras = engine.eras(episodes);
            List<List<CohortReader.EpisodeRow>> eras = engineEras.stream()
                    .map(era -> era.ids().stream().map(id -> p.episodes().get(Integer.parseInt(id))).toList()).toList();
            List<CohortReader.EpisodeRow> first = eras.get(0);
            String response = computed(p, episodes, Set.copyOf(engineEras.get(0).ids())).orElse(lastResponse(first));
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

        /** The patient's episodes of the drug as the engine's records, with their index as id. */
        private List<History.Episode> episodes(List<CohortReader.EpisodeRow> rows) {
            List<History.Episode> episodes = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                CohortReader.EpisodeRow r = rows.get(i);
                episodes.add(new History.Episode(Integer.toString(i), drug, null, null, r.start(), r.end(), List.of(),
                        null, r.stopReason() == null ? null : StopReason.valueOf(r.stopReason()), r.courses()));
            }
            return episodes;
        }

        /**
         * The response the service computed from the IMACS core set for the first era (the last full set in it,
         * against the baseline before it), as MAJOR, PARTIAL or NONE; empty without core sets.
         */
        private java.util.Optional<String> computed(CohortReader.PatientRows p, List<History.Episode> episodes,
                Set<String> ids) {
            if (p.coreSet().isEmpty()) {
                return java.util.Optional.empty();
            }
            History history = new History(new History.Patient(p.birthDate(), Subtype.valueOf(p.subtype()), null,
                    p.diagnosisDate(), null, null), episodes, p.coreSet(), List.of());
            return engine.responses(history, today, today).stream()
                    .filter(r -> r.computed() != null && r.episodeIds().stream().anyMatch(ids::contains))
                    .reduce((a, b) -> b).map(r -> r.category() == AssessedResponse.WORSENING ? "NONE" : r.category().name());
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
            return new CohortOutcomeResponse(drug,
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
