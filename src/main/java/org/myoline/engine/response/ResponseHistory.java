package org.myoline.engine.response;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.myoline.engine.model.Assessment;

/**
 * Every dated response of one patient, recorded or computed, per course of a drug; and the dates on which a
 * confirmed deterioration followed a response (a flare, for glucocorticoid dependence).
 */
public record ResponseHistory(List<Assessment.Response> responses, List<LocalDate> flares, List<String> disagreements) {

    public static final ResponseHistory NONE = new ResponseHistory(List.of(), List.of(), List.of());

    /** The responses of the course that holds any of {@code episodeIds}, in date order. */
    public List<Assessment.Response> of(Collection<String> episodeIds) {
        return responses.stream().filter(r -> r.episodeIds().stream().anyMatch(episodeIds::contains)).toList();
    }
}
