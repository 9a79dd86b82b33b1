package org.myoline.engine.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One clinical rule as written in the rules file: what it decides, its source in the literature and in
 * docs/clinical-evidence.md, its evidence tag (V verified in a primary source, S secondary source, U an
 * unverified design default) and its raw parameters, which the unit applying the rule binds to a typed
 * record ({@link #bind}). {@code origin} names the file (and overlay) the rule came from, for messages.
 * A rule that defines refractoriness names its definition and implementing class.
 */
public record Rule(String id, String title, String description, String source, String evidence,
        Map<String, Object> params, RefractoryDefinitionRef refractoryDefinition, String origin) {

    /** A refractoriness definition: its name in answers (e.g. RIM) and the class that judges it. */
    public record RefractoryDefinitionRef(String name, String implementation) {
    }

    public Rule {
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        if (id == null || id.isBlank()) {
            throw new RuleSetException(origin + ": a rule has no id");
        }
        if (source == null || source.isBlank()) {
            throw new RuleSetException(origin + ": rule " + id + ": source is missing");
        }
        if (evidence == null || !(evidence.equals("V") || evidence.equals("S") || evidence.equals("U"))) {
            throw new RuleSetException(origin + ": rule " + id + ": evidence must be V, S or U, not " + evidence);
        }
    }

    /**
     * Binds the parameters to a typed record; see {@link ParamBinder}. A record annotated with {@link RuleId}
     * binds only that rule; one without (a refractoriness definition's) binds whichever rule names its class.
     */
    public <P extends Record> P bind(Class<P> type) {
        RuleId declared = type.getAnnotation(RuleId.class);
        if (declared != null && !declared.value().equals(id)) {
            throw new IllegalStateException(type.getName() + " does not declare the parameters of rule " + id);
        }
        return ParamBinder.bind(this, type);
    }

    /** The source with its evidence tag; U rules say that they are configurable defaults. */
    public String citation() {
        return org.myoline.engine.model.Evidence.citation(source, evidence);
    }
}
