package org.myoline.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.myoline.engine.model.AssessedResponse;
import org.myoline.engine.model.ContraindicationKind;
import org.myoline.engine.model.DiseaseDomain;
import org.myoline.engine.model.DoseUnit;
import org.myoline.engine.model.EventType;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.History;
import org.myoline.engine.model.ObservationType;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.StopReason;
import org.myoline.engine.model.Subtype;

/** Terse histories for rule tests: days are counted from {@link #DAY0}. */
final class HistoryBuilder {
    static final LocalDate DAY0 = LocalDate.of(2020, 1, 1);

    private Subtype subtype = Subtype.CLASSIC;
    private LocalDate birth = LocalDate.of(1970, 1, 1);
    private Double weight;
    private Double height;
    private final Set<Feature> features = EnumSet.noneOf(Feature.class);
    private final List<History.Episode> episodes = new ArrayList<>();
    private final List<History.Observation> observations = new ArrayList<>();
    private final List<History.Event> events = new ArrayList<>();
    private final List<History.ResponseAssessment> assessments = new ArrayList<>();
    private final List<History.FeatureSpan> spans = new ArrayList<>();
    private final List<History.SubtypeChange> conversions = new ArrayList<>();
    private final List<History.Contraindication> contraindications = new ArrayList<>();
    private int seq;

    static HistoryBuilder adult() {
        return new HistoryBuilder();
    }

    static HistoryBuilder juvenile() {
        HistoryBuilder b = new HistoryBuilder();
        b.subtype = Subtype.JUVENILE;
        b.birth = LocalDate.of(2012, 1, 1);
        return b;
    }

    static LocalDate day(int n) {
        return DAY0.plusDays(n);
    }

    HistoryBuilder weight(double kg) {
        this.weight = kg;
        return this;
    }

    HistoryBuilder height(double cm) {
        this.height = cm;
        return this;
    }

    HistoryBuilder subtype(Subtype s) {
        this.subtype = s;
        return this;
    }

    HistoryBuilder feature(Feature f) {
        features.add(f);
        return this;
    }

    /** Starts an episode; finish it with the returned builder's methods. */
    EpisodeBuilder give(String drug, double dose, String unit, int fromDay) {
        return new EpisodeBuilder(drug, dose, unit, fromDay);
    }

    HistoryBuilder observe(ObservationType type, int day, double value) {
        observations.add(new History.Observation(day(day), type, value));
        return this;
    }

    HistoryBuilder event(EventType type, int day) {
        events.add(new History.Event(day(day), type, DiseaseDomain.GLOBAL, null));
        return this;
    }

    /** A laboratory value with its upper limit of normal. */
    HistoryBuilder lab(ObservationType type, int day, double value, double upperLimit) {
        observations.add(new History.Observation(day(day), type, value, upperLimit));
        return this;
    }

    /** A dated response assessment of the episode with this id. */
    HistoryBuilder assess(String episodeId, int day, AssessedResponse category) {
        assessments.add(new History.ResponseAssessment(null, episodeId, day(day), category, "INVESTIGATOR", null));
        return this;
    }

    /** A feature present from {@code onset} until the day before {@code resolved} (null: still present). */
    HistoryBuilder featureFrom(Feature f, int onset, Integer resolved) {
        spans.add(new History.FeatureSpan(f, day(onset), resolved == null ? null : day(resolved)));
        return this;
    }

    /** A disease event in one domain, optionally about one episode. */
    HistoryBuilder event(EventType type, int day, DiseaseDomain domain, String episodeId) {
        events.add(new History.Event(day(day), type, domain, episodeId));
        return this;
    }

    /** A contraindication or preference from {@code since} until the day before {@code until} (null: in force). */
    HistoryBuilder avoid(ContraindicationKind kind, String drug, int since, Integer until) {
        contraindications.add(new History.Contraindication(kind, drug, day(since), until == null ? null : day(until),
                "test"));
        return this;
    }

    HistoryBuilder converted(int day, Subtype from, Subtype to) {
        conversions.add(new History.SubtypeChange(day(day), from, to));
        this.subtype = to;
        return this;
    }

    History build() {
        return new History(new History.Patient(birth, subtype, features, null, weight, height, spans, conversions,
                contraindications),
                episodes, observations, events, assessments);
    }

    final class EpisodeBuilder {
        private final String drug;
        private final History.Dose dose;
        private final int from;
        private Route route = Route.ORAL;
        private Integer to;
        private ResponseCategory response;
        private StopReason stop;
        private Integer courses;
        private final List<History.DoseStep> changes = new ArrayList<>();
        private String id;
        private History.Schedule schedule;

        EpisodeBuilder(String drug, double dose, String unit, int from) {
            this.drug = drug;
            this.dose = new History.Dose(dose, DoseUnit.fromUcum(unit).orElseThrow());
            this.from = from;
        }

        EpisodeBuilder route(Route r) {
            route = r;
            return this;
        }

        EpisodeBuilder until(int day) {
            to = day;
            return this;
        }

        EpisodeBuilder response(ResponseCategory r) {
            response = r;
            return this;
        }

        EpisodeBuilder stop(StopReason s) {
            stop = s;
            return this;
        }

        EpisodeBuilder courses(int n) {
            courses = n;
            return this;
        }

        EpisodeBuilder change(int day, double value, String unit) {
            changes.add(new History.DoseStep(day(day), new History.Dose(value, DoseUnit.fromUcum(unit).orElseThrow())));
            return this;
        }

        EpisodeBuilder schedule(Integer intervalDays, Integer count, Integer daysPerCourse, Integer timesPerWeek) {
            schedule = new History.Schedule(intervalDays, count, daysPerCourse, timesPerWeek);
            return this;
        }

        EpisodeBuilder id(String id) {
            this.id = id;
            return this;
        }

        /** Adds the episode and returns to the history. */
        HistoryBuilder done() {
            episodes.add(new History.Episode(id != null ? id : drug + "-" + (++seq), drug, route, dose, day(from),
                    to == null ? null : day(to), changes, response, stop, courses, schedule));
            return HistoryBuilder.this;
        }
    }
}
