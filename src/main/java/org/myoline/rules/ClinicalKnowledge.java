package org.myoline.rules;

import java.util.List;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.engine.rules.RuleSet;

/**
 * The effective clinical knowledge of this deployment: the rules and the drug catalogue, each the built-in
 * file changed by its overlay, and the version that identifies the pair in every answer:
 * {@code <rules version>[+<overlay name>…]/<first 12 hex digits of a SHA-256 of their content>}.
 */
public record ClinicalKnowledge(RuleSet rules, DrugCatalogue catalogue, RulesLoader.RulesFile file, String version,
        String name, String contentHash, List<Overlay> overlays) {

    /** An overlay file in force: RULES or CATALOGUE, its name and where it was read from. */
    public record Overlay(String kind, String name, String file) {
    }
}
