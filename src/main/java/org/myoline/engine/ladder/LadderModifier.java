package org.myoline.engine.ladder;

import java.util.List;
import java.util.Optional;
import org.myoline.engine.model.DrugProfile;

/**
 * One clinical situation that changes the escalation ladder (a feature, an age group, a trial's state, a patient's
 * contraindication). Each records its criterion, and may put steps ahead of the tier ladder, prefer candidates
 * within a tier, add steps after it, refuse or move back a drug, or attach cautions to any proposed step.
 */
public interface LadderModifier {

    /** Steps ahead of the tier ladder, and this modifier's criterion when it is decided up front. */
    default void before(Ladder ladder) {
    }

    /** Whether a candidate ranks ahead of the others of its tier. */
    default boolean prefers(Ladder ladder, DrugProfile candidate) {
        return false;
    }

    /** Steps, warnings and criteria after the tier ladder. */
    default void after(Ladder ladder) {
    }

    /** Cautions attached to a step proposing {@code drug}. */
    default List<String> cautions(Ladder ladder, DrugProfile drug) {
        return List.of();
    }

    /** Why {@code drug} must not be proposed for this patient, if it must not (a contraindication). */
    default Optional<String> refuses(Ladder ladder, DrugProfile drug) {
        return Optional.empty();
    }

    /** Why a step proposing {@code drug} moves to the end of the list, if it does. */
    default Optional<String> movesBack(Ladder ladder, DrugProfile drug) {
        return Optional.empty();
    }
}
