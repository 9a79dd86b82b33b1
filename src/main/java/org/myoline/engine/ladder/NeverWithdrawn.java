package org.myoline.engine.ladder;

import java.util.List;
import org.myoline.engine.timeline.TimelineWarnings;

/** Withdrawn drugs are never proposed ({@link Ladder} refuses them); the rule is reported as applied. */
final class NeverWithdrawn implements LadderModifier {
    private final TimelineWarnings warnings;

    NeverWithdrawn(TimelineWarnings warnings) {
        this.warnings = warnings;
    }

    @Override
    public void after(Ladder ladder) {
        ladder.findings().criterion(warnings.withdrawnRule(), true, "withdrawn drugs are never suggested", List.of());
    }
}
