package org.myoline.engine.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Everything the engine knows about one patient: plain values, no persistence or framework types.
 * Episodes may come in any order; the engine sorts what it needs.
 */
public record History(Patient patient, List<Episode> episodes, List<Observation> observations, List<Event> events) {

    public History {
        episodes = List.copyOf(episodes);
        observations = observations == null ? List.of() : List.copyOf(observations);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** Weight and height here are the patient's current values, used when no dated observation applies. */
    public record Patient(LocalDate birthDate, Subtype subtype, Set<Feature> features, LocalDate diagnosisDate,
            Double weightKg, Double heightCm) {
        public Patient {
            features = features == null ? Set.of() : Set.copyOf(features);
        }
    }

    public record Dose(double value, DoseUnit unit) {
    }

    public record DoseStep(LocalDate date, Dose dose) {
    }

    /** {@code end} null = ongoing; {@code courses} null = not recorded. */
    public record Episode(String id, String drug, Route route, Dose dose, LocalDate start, LocalDate end,
            List<DoseStep> doseChanges, ResponseCategory response, StopReason stopReason, Integer courses) {
        public Episode {
            doseChanges = doseChanges == null ? List.of() : List.copyOf(doseChanges);
            response = response == null ? ResponseCategory.NOT_ASSESSED : response;
        }
    }

    public record Observation(LocalDate date, ObservationType type, double value) {
    }

    public record Event(LocalDate date, EventType type, DiseaseDomain domain, String episodeId) {
    }
}
