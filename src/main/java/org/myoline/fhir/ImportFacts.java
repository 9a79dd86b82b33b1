package org.myoline.fhir;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.myoline.assessment.EpisodeAssessment;
import org.myoline.engine.model.AssessedResponse;
import org.myoline.engine.model.ContraindicationKind;
import org.myoline.engine.model.DiseaseDomain;
import org.myoline.engine.model.Feature;
import org.myoline.engine.model.EventType;
import org.myoline.engine.model.ObservationType;
import org.myoline.engine.model.ResponseCategory;
import org.myoline.engine.model.Route;
import org.myoline.engine.model.StopReason;
import org.myoline.episode.ScheduleDto;

/**
 * What one imported FHIR resource says, in Myoline's terms. Stored with its source row (fhir_source.facts) so a
 * record fed by several resources can be rebuilt when only some of them are sent again.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ImportFacts.Medication.class, name = "medication"),
        @JsonSubTypes.Type(value = ImportFacts.Response.class, name = "response"),
        @JsonSubTypes.Type(value = ImportFacts.Measurement.class, name = "measurement"),
        @JsonSubTypes.Type(value = ImportFacts.Event.class, name = "event"),
        @JsonSubTypes.Type(value = ImportFacts.Assessment.class, name = "assessment"),
        @JsonSubTypes.Type(value = ImportFacts.DatedFeature.class, name = "feature"),
        @JsonSubTypes.Type(value = ImportFacts.Avoidance.class, name = "contraindication")})
sealed interface ImportFacts {

    /** A dose from a date on, in one of Myoline's dose units. */
    record DoseStep(LocalDate date, BigDecimal value, String unit) {
    }

    /**
     * A MedicationStatement or MedicationRequest (a period of treatment) or a MedicationAdministration (one
     * course: start = end = the day it was given). {@code end} is null while ongoing.
     */
    record Medication(String source, String drug, Route route, List<DoseStep> doses, LocalDate start, LocalDate end,
            StopReason stopReason, Integer courses, String notes, ScheduleDto schedule) implements ImportFacts {
        boolean administration() {
            return "MedicationAdministration".equals(source);
        }
    }

    record Response(LocalDate date, ResponseCategory response) implements ImportFacts {
    }

    record Measurement(LocalDate date, ObservationType type, BigDecimal value, BigDecimal upperLimit) implements ImportFacts {
    }

    record Event(LocalDate date, EventType type, DiseaseDomain domain) implements ImportFacts {
    }

    /** A dated response assessment of the medication it focuses on. */
    record Assessment(LocalDate date, AssessedResponse category, EpisodeAssessment.Instrument instrument, BigDecimal score,
            String note) implements ImportFacts {
    }

    /** A feature with its onset and, if it resolved, abatement. */
    record DatedFeature(Feature feature, LocalDate onset, LocalDate resolved) implements ImportFacts {
    }

    /** A contraindication or preference (a drug Flag) with the period it is in force. */
    record Avoidance(ContraindicationKind kind, String drug, LocalDate since, LocalDate until, String reason)
            implements ImportFacts {
    }
}
