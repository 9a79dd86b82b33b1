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
 * immunosuppressant classes, in the order they failed.
 */
public record TrialOutcomes(List<Assessment.FailedDrug> failed, List<Assessment.FailedDrug> intolerances,
        List<Assessment.InadequateTrial> inadequate, List<Subtherapeutic> subtherapeutic, Set<String> adequatelyTried,
        Set<String> immunosuppressants, List<String> immunosuppressantEvidence) {

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
        return excluded;
    }
}
