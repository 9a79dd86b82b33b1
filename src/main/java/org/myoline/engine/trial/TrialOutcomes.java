package org.myoline.engine.trial;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.myoline.engine.model.Assessment;

/**
 * What the disease-modifying trials came to: drugs failed after an adequate trial, drugs not tolerated,
 * trials stopped short of adequacy, ongoing trials below the adequate dose, and which drugs have had an
 * adequate trial at all. {@code immunosuppressants} are the failed or not tolerated drugs of the
 * immunosuppressant classes, in the order they failed. {@code otherIntolerances} are the other drugs stopped for an
 * adverse event (glucocorticoids, background and calcinosis agents): listed and never proposed as new, but not
 * counted by the refractoriness definitions.
 */
public record TrialOutcomes(List<Assessment.FailedDrug> failed, List<Assessment.FailedDrug> intolerances,
        List<Assessment.InadequateTrial> inadequate, List<Subtherapeutic> subtherapeutic, Set<String> adequatelyTried,
        Set<String> immunosuppressants, List<String> immunosuppressantEvidence,
        List<Assessment.FailedDrug> otherIntolerances, List<Underway> underway) {

    /** A trial being given that has not yet had an adequate dose, duration or courses, and has not failed. */
    public record Underway(String drug, List<String> missing, List<String> episodeIds, String targetDose) {
    }

    /** An ongoing trial whose dose in force is below the adequate dose. */
    public record Subtherapeutic(String drug, String currentDose, String targetDose, List<String> episodeIds,
            String source) {
    }

    /** Failures first, then intolerances: every drug that counts against the patient's options. */
    public List<Assessment.FailedDrug> failuresAndIntolerances() {
        List<Assessment.FailedDrug> all = new ArrayList<>(failed);
        all.addAll(intolerances);
        return all;
    }

    public Set<String> excludedDrugs() {
        Set<String> excluded = new LinkedHashSet<>();
        failuresAndIntolerances().forEach(f -> excluded.add(f.drug()));
        otherIntolerances.forEach(f -> excluded.add(f.drug()));
        return excluded;
    }

    /** Every drug stopped for an adverse event, with its date: the list an answer shows. */
    public List<Assessment.FailedDrug> allIntolerances() {
        List<Assessment.FailedDrug> all = new ArrayList<>(intolerances);
        all.addAll(otherIntolerances);
        return all;
    }

    /** The date a drug was stopped for an adverse event, if it was. */
    public java.util.Optional<Assessment.FailedDrug> intoleranceOf(String drug) {
        return allIntolerances().stream().filter(f -> f.drug().equals(drug)).findFirst();
    }
}
