package org.myoline.engine.rules;

import java.util.Map;

/**
 * One clinical rule: what it decides, where it comes from (domain.md terms), its evidence tag
 * (V verified, S secondary, U unverified — a configurable default) and its numeric parameters.
 */
public record Rule(String id, String title, String description, String source, String evidence,
        Map<String, Double> params) {

    public Rule {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public double param(String name) {
        Double value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("rule " + id + " has no parameter " + name);
        }
        return value;
    }

    public int days(String name) {
        return (int) Math.round(param(name));
    }

    /** "[U]" rules are design defaults; their text says so wherever the engine reports them. */
    public String citation() {
        return source + " [" + evidence + (evidence.equals("U") ? ": unverified default, configurable" : "") + "]";
    }
}
