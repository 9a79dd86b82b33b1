package org.myoline.engine.refractory;

import org.myoline.engine.context.Findings;
import org.myoline.engine.model.Assessment;

/**
 * One definition of refractory disease. Each is a class named by a rule of the rules file
 * ({@code refractoryDefinition.implementation}) with a public constructor taking that {@link
 * org.myoline.engine.rules.Rule} and the {@link org.myoline.engine.rules.RuleSet.Binder}; it binds its own
 * parameters there, so a bad value stops start-up. Adding a definition means a rule in the rules file, one
 * class, and its tests.
 */
public interface RefractoryDefinition {

    /**
     * The status under this definition for a treated patient, with the definition's criteria recorded. An
     * untreated patient is NO_TREATMENT under every definition; the engine decides that before asking.
     */
    Assessment.RefractoryStatus judge(RefractoryFacts facts, Findings findings);
}
