package org.myoline.engine.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The effective clinical rules: every rule the engine applies, in file order, and the refractoriness
 * definition answers lead with. {@code version} identifies the rule set and catalogue in every answer (a name
 * and a hash of their content, set by whoever loaded them).
 */
public final class RuleSet {

    private final String version;
    private final Map<String, Rule> rules;
    private final String defaultDefinition;

    /** @param origin names the file(s) the rules came from, for messages */
    public RuleSet(String version, List<Rule> rules, String defaultDefinition, String origin) {
        this.version = version;
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (Rule rule : rules) {
            if (byId.put(rule.id(), rule) != null) {
                throw new RuleSetException(rule.origin() + ": rule " + rule.id() + " is defined twice");
            }
        }
        this.rules = java.util.Collections.unmodifiableMap(byId);
        this.defaultDefinition = defaultDefinition;
        List<String> names = definitions().stream().map(r -> r.refractoryDefinition().name()).toList();
        if (names.isEmpty()) {
            throw new RuleSetException(origin + ": the rules define no refractoriness definition");
        }
        if (new LinkedHashSet<>(names).size() != names.size()) {
            throw new RuleSetException(origin + ": refractoriness definition names repeat: " + names);
        }
        if (!names.contains(defaultDefinition)) {
            throw new RuleSetException(origin + ": defaultDefinition " + defaultDefinition + " is not one of " + names);
        }
    }

    public String version() {
        return version;
    }

    public List<Rule> all() {
        return List.copyOf(rules.values());
    }

    public Rule rule(String id) {
        Rule rule = rules.get(id);
        if (rule == null) {
            throw new RuleSetException("the rules file lacks rule " + id + ", which the engine applies");
        }
        return rule;
    }

    /** Rules that define refractoriness, in file order. */
    public List<Rule> definitions() {
        return rules.values().stream().filter(r -> r.refractoryDefinition() != null).toList();
    }

    public String defaultDefinition() {
        return defaultDefinition;
    }

    /** A binding session: the engine's units bind their rules through it, then {@link Binder#finish} checks coverage. */
    public Binder binder() {
        return new Binder();
    }

    /** Hands rules to the units that apply them, and remembers which were taken. */
    public final class Binder {
        private final Set<String> bound = new LinkedHashSet<>();

        private Binder() {
        }

        /** The parameters of the rule {@code type} is annotated with ({@link RuleId}), typed and validated. */
        public <P extends Record> P params(Class<P> type) {
            return rule(type).bind(type);
        }

        /** The rule a parameter record belongs to: its id, text and citation. */
        public Rule rule(Class<? extends Record> type) {
            RuleId id = type.getAnnotation(RuleId.class);
            if (id == null) {
                throw new IllegalStateException(type.getName() + " has no @RuleId");
            }
            return take(id.value());
        }

        /** A rule by id, for units constructed from the rules file itself (refractoriness definitions). */
        public Rule take(String id) {
            Rule rule = RuleSet.this.rule(id);
            bound.add(id);
            return rule;
        }

        /** Every rule of the file must be applied by some unit: an unused rule is most likely a misspelt id. */
        public void finish() {
            List<String> unused = new ArrayList<>(rules.keySet());
            unused.removeAll(bound);
            if (!unused.isEmpty()) {
                Rule first = rules.get(unused.get(0));
                throw new RuleSetException(first.origin() + ": rule " + String.join(", ", unused)
                        + " is applied by no part of the engine (a misspelt id?)");
            }
        }
    }
}
