package org.myoline.engine.refractory;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import org.myoline.engine.context.Findings;
import org.myoline.engine.model.Assessment;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleSet;
import org.myoline.engine.rules.RuleSetException;

/**
 * The refractoriness definitions the rules file registers, in file order, each built from its rule at
 * start-up: an unknown class, a class that is not a {@link RefractoryDefinition} or bad parameters stop it.
 */
public final class RefractoryDefinitions {

    /** A registered definition: its name in answers, its rule and the class that judges it. */
    public record Registered(String name, Rule rule, RefractoryDefinition definition) {
    }

    private static final String DEFAULT_PACKAGE = RefractoryDefinitions.class.getPackageName() + ".";

    private final List<Registered> definitions;
    private final String defaultName;

    public RefractoryDefinitions(RuleSet ruleSet, RuleSet.Binder rules) {
        List<Registered> list = new ArrayList<>();
        for (Rule rule : ruleSet.definitions()) {
            rules.take(rule.id());
            list.add(new Registered(rule.refractoryDefinition().name(), rule, instantiate(rule, rules)));
        }
        this.definitions = List.copyOf(list);
        this.defaultName = ruleSet.defaultDefinition();
    }

    public List<Registered> all() {
        return definitions;
    }

    public String defaultName() {
        return defaultName;
    }

    /** Every definition's status for one patient, recording their criteria; untreated patients are NO_TREATMENT. */
    public List<Assessment.Variant> judge(RefractoryFacts facts, boolean treated, Findings findings) {
        List<Assessment.Variant> variants = new ArrayList<>();
        for (Registered r : definitions) {
            Assessment.RefractoryStatus status = r.definition().judge(facts, findings);
            variants.add(new Assessment.Variant(r.name(), treated ? status : Assessment.RefractoryStatus.NO_TREATMENT,
                    r.rule().id(), r.rule().citation()));
        }
        return variants;
    }

    private static RefractoryDefinition instantiate(Rule rule, RuleSet.Binder rules) {
        String name = rule.refractoryDefinition().implementation();
        if (name == null || name.isBlank()) {
            throw new RuleSetException(rule.origin() + ": rule " + rule.id() + ": refractoryDefinition.implementation is missing");
        }
        String className = name.contains(".") ? name : DEFAULT_PACKAGE + name;
        Class<?> type;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            type = Class.forName(className, true, loader != null ? loader : RefractoryDefinitions.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new RuleSetException(rule.origin() + ": rule " + rule.id() + ": no class " + className);
        }
        if (!RefractoryDefinition.class.isAssignableFrom(type)) {
            throw new RuleSetException(rule.origin() + ": rule " + rule.id() + ": " + className + " is not a "
                    + RefractoryDefinition.class.getSimpleName());
        }
        try {
            Constructor<?> constructor = type.getConstructor(Rule.class, RuleSet.Binder.class);
            return (RefractoryDefinition) constructor.newInstance(rule, rules);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new RuleSetException(rule.origin() + ": rule " + rule.id() + ": " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new RuleSetException(rule.origin() + ": rule " + rule.id() + ": " + className
                    + " needs a public constructor (Rule, RuleSet.Binder)");
        }
    }
}
