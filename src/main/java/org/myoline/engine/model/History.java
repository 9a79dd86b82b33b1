package org.myoline.engine.model;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the engine knows about one patient: plain values, no persistence or framework types.
 * Episodes may come in any order; the engine sorts what it needs.
 */
public record History(Patient patient, List<Episode> episodes, List<Observation> observations, List<Event> events,
        List<ResponseAssessment> assessments) {

    public History {
        episodes = List.copyOf(episodes);
        observations = observations == null ? List.of() : List.copyOf(observations);
        events = events == null ? List.of() : List.copyOf(events);
        assessments = assessments == null ? List.of() : List.copyOf(assessments);
    }

    public History(Patient patient, List<Episode> episodes, List<Observation> observations, List<Event> events) {
        this(patient, episodes, observations, events, List.of());
    }

    /**
     * Weight and height here are the patient's current values, used when no dated observation applies.
     * {@code features} are present since diagnosis; {@code featureSpans} are dated (onset, and resolution if
     * any). {@code subtype} is the current subset; {@code subtypeChanges} date any conversion.
     */
    public record Patient(LocalDate birthDate, Subtype subtype, Set<Feature> features, LocalDate diagnosisDate,
            Double weightKg, Double heightCm, List<FeatureSpan> featureSpans, List<SubtypeChange> subtypeChanges,
            List<Contraindication> contraindications) {
        public Patient {
            features = features == null ? Set.of() : Set.copyOf(features);
            featureSpans = featureSpans == null ? List.of() : List.copyOf(featureSpans);
            contraindications = contraindications == null ? List.of() : List.copyOf(contraindications);
            subtypeChanges = subtypeChanges == null ? List.of()
                    : subtypeChanges.stream().sorted(java.util.Comparator.comparing(SubtypeChange::date)).toList();
        }

        public Patient(LocalDate birthDate, Subtype subtype, Set<Feature> features, LocalDate diagnosisDate,
                Double weightKg, Double heightCm) {
            this(birthDate, subtype, features, diagnosisDate, weightKg, heightCm, List.of(), List.of(), List.of());
        }

        public Patient(LocalDate birthDate, Subtype subtype, Set<Feature> features, LocalDate diagnosisDate,
                Double weightKg, Double heightCm, List<FeatureSpan> featureSpans, List<SubtypeChange> subtypeChanges) {
            this(birthDate, subtype, features, diagnosisDate, weightKg, heightCm, featureSpans, subtypeChanges, List.of());
        }

        /** The contraindications and preferences in force on {@code date}. */
        public List<Contraindication> contraindicationsOn(LocalDate date) {
            return contraindications.stream().filter(c -> c.activeOn(date)).toList();
        }

        /** Features present on {@code date}: those since diagnosis and the dated ones begun and not yet resolved. */
        public Set<Feature> featuresOn(LocalDate date) {
            Set<Feature> present = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
            for (FeatureSpan span : featureSpans) {
                if (span.presentOn(date)) {
                    present.add(span.feature());
                }
            }
            return present;
        }

        /** The subtype on {@code date}: the latest conversion by then, else what the first conversion was from. */
        public Subtype subtypeOn(LocalDate date) {
            if (subtypeChanges.isEmpty()) {
                return subtype;
            }
            Subtype on = subtypeChanges.get(0).from();
            for (SubtypeChange c : subtypeChanges) {
                if (!c.date().isAfter(date)) {
                    on = c.to();
                }
            }
            return on;
        }
    }

    /** A feature present from {@code onset} until the day before {@code resolved} (null = still present). */
    public record FeatureSpan(Feature feature, LocalDate onset, LocalDate resolved) {
        public boolean presentOn(LocalDate date) {
            return !onset.isAfter(date) && (resolved == null || date.isBefore(resolved));
        }
    }

    /** A reason to avoid a group of drugs from {@code since} until the day before {@code until} (null: still). */
    /** {@code drug} (a catalogue code) is set for {@link ContraindicationKind#AVOID_DRUG} only. */
    public record Contraindication(ContraindicationKind kind, String drug, LocalDate since, LocalDate until, String reason) {
        public boolean activeOn(LocalDate date) {
            return !since.isAfter(date) && (until == null || date.isBefore(until));
        }
    }

    /** A conversion from one subset to another on {@code date} (amyopathic to classic, say). */
    public record SubtypeChange(LocalDate date, Subtype from, Subtype to) {
    }

    public record Dose(double value, DoseUnit unit) {
    }

    public record DoseStep(LocalDate date, Dose dose) {
    }

    /**
     * The intended regimen of an episode: courses or doses every {@code intervalDays}, {@code count} of them,
     * each course over {@code daysPerCourse} consecutive days, or a fixed dose {@code timesPerWeek}. Any may be
     * null.
     */
    public record Schedule(Integer intervalDays, Integer count, Integer daysPerCourse, Integer timesPerWeek) {
    }

    /** {@code end} null = ongoing; {@code courses} null = not recorded; {@code schedule} null = not recorded. */
    public record Episode(String id, String drug, Route route, Dose dose, LocalDate start, LocalDate end,
            List<DoseStep> doseChanges, ResponseCategory response, StopReason stopReason, Integer courses,
            Schedule schedule) {
        public Episode {
            doseChanges = doseChanges == null ? List.of() : List.copyOf(doseChanges);
            response = response == null ? ResponseCategory.NOT_ASSESSED : response;
        }

        public Episode(String id, String drug, Route route, Dose dose, LocalDate start, LocalDate end,
                List<DoseStep> doseChanges, ResponseCategory response, StopReason stopReason, Integer courses) {
            this(id, drug, route, dose, start, end, doseChanges, response, stopReason, courses, null);
        }
    }

    /** {@code upperLimit} is the laboratory's upper limit of normal, for muscle enzymes; null otherwise. */
    public record Observation(LocalDate date, ObservationType type, double value, Double upperLimit) {
        public Observation(LocalDate date, ObservationType type, double value) {
            this(date, type, value, null);
        }
    }

    public record Event(LocalDate date, EventType type, DiseaseDomain domain, String episodeId) {
    }

    /** A dated judgement of how an episode's drug is working, as recorded at a visit. */
    public record ResponseAssessment(String id, String episodeId, LocalDate date, AssessedResponse category,
            String instrument, Double score) {
    }
}
