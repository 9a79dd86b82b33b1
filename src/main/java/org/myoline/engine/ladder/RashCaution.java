package org.myoline.engine.ladder;

import java.util.List;
import org.myoline.engine.model.DrugProfile;
import org.myoline.engine.timeline.TimelineWarnings;

/** Drugs that may worsen the rash (TNF blockers) carry a caution wherever they are proposed. */
final class RashCaution implements LadderModifier {
    private final TimelineWarnings warnings;

    RashCaution(TimelineWarnings warnings) {
        this.warnings = warnings;
    }

    @Override
    public List<String> cautions(Ladder ladder, DrugProfile drug) {
        return warnings.cautions(drug);
    }
}
