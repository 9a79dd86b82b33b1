package org.myoline.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.myoline.catalogue.DrugCatalogue;
import org.myoline.common.DataFiles;
import org.myoline.common.JsonMergePatch;
import org.myoline.engine.rules.Rule;
import org.myoline.engine.rules.RuleSet;

/**
 * Reads the rules file shipped with the service and the deployment's overlay, if any, into the engine's
 * {@link RuleSet}, and names the result: the rules file's version, the overlays' names, and a hash of the
 * effective rules and catalogue. Strict: unknown fields, duplicate keys and incomplete new rules stop
 * start-up with the file and the rule named; the engine then validates every parameter.
 */
public final class RulesLoader {

    public static final String DEFAULT_RESOURCE = "engine/rules.json";
    public static final String OVERLAY_SETTING = "myoline.rules.overlay";
    private static final Set<String> FILE_FIELDS = Set.of("version", "description", "defaultDefinition", "rules");
    private static final Set<String> OVERLAY_FIELDS = Set.of("name", "description", "defaultDefinition", "rules");

    private RulesLoader() {
    }

    /** The file as written (or as changed by an overlay): rules in document order. */
    public record RulesFile(String version, String description, String defaultDefinition, List<RuleEntry> rules) {
    }

    public record RuleEntry(String id, String title, String description, String source, String evidence,
            Rule.RefractoryDefinitionRef refractoryDefinition, Map<String, Object> params) {
    }

    /** The built-in rules and catalogue, without overlays: what tests and tools use. */
    public static ClinicalKnowledge loadDefault() {
        return load(Optional.empty(), DrugCatalogue.loadDefault());
    }

    public static ClinicalKnowledge load(Optional<Path> overlay, DrugCatalogue catalogue) {
        ObjectNode base = (ObjectNode) DataFiles.classpath(DEFAULT_RESOURCE);
        checkFields(base, FILE_FIELDS, DEFAULT_RESOURCE);
        List<String> names = new ArrayList<>();
        names.add(base.path("version").asText());
        List<ClinicalKnowledge.Overlay> overlays = new ArrayList<>();
        Merged effective = new Merged(base, Set.of(), Set.of());
        String origin = DEFAULT_RESOURCE;
        String overlayName = null;
        if (overlay.isPresent()) {
            origin = OVERLAY_SETTING + " " + overlay.get() + " (over " + DEFAULT_RESOURCE + ")";
            JsonNode patch = DataFiles.file(overlay.get(), OVERLAY_SETTING);
            checkFields(patch, OVERLAY_FIELDS, origin);
            overlayName = name(patch, origin);
            effective = merge(base, patch, origin);
            names.add(overlayName);
            overlays.add(new ClinicalKnowledge.Overlay("RULES", overlayName, overlay.get().toString()));
        }
        catalogue.overlayName().ifPresent(n -> {
            if (!names.contains(n)) {
                names.add(n);
            }
        });
        catalogue.overlayFile().ifPresent(f -> overlays.add(new ClinicalKnowledge.Overlay("CATALOGUE",
                catalogue.overlayName().orElseThrow(), f)));
        RulesFile file = read(effective.tree(), origin);
        List<Rule> rules = new ArrayList<>();
        for (RuleEntry e : file.rules()) {
            boolean local = effective.changed().contains(e.id());
            // A rule the overlay changes without giving its own source is marked, so no answer passes off a
            // local value as the literature's.
            String source = local && !effective.sourced().contains(e.id())
                    ? e.source() + "; changed locally by overlay " + overlayName : e.source();
            rules.add(new Rule(e.id(), e.title(), e.description(), source, e.evidence(), e.params(),
                    e.refractoryDefinition(), local ? origin : DEFAULT_RESOURCE));
        }
        String hash = DataFiles.contentHash(effective.tree());
        String combined = sha(hash + catalogue.contentHash());
        String version = String.join("+", names) + "/" + combined.substring(0, 12);
        if (version.length() > 40) {
            throw new IllegalStateException(origin + ": the rules version " + version + " would be longer than 40 "
                    + "characters: shorten the overlay names");
        }
        RuleSet ruleSet = new RuleSet(version, rules, file.defaultDefinition(), origin);
        return new ClinicalKnowledge(ruleSet, catalogue, file, version, String.join("+", names), combined,
                List.copyOf(overlays));
    }

    /** The rules after an overlay: which rules it touched, and which of those it gave a source of their own. */
    private record Merged(ObjectNode tree, Set<String> changed, Set<String> sourced) {
    }

    private static Merged merge(ObjectNode base, JsonNode patch, String origin) {
        Set<String> changedIds = new LinkedHashSet<>();
        ObjectNode merged = base.deepCopy();
        if (patch.has("defaultDefinition")) {
            merged.set("defaultDefinition", patch.get("defaultDefinition"));
        }
        ArrayNode rules = (ArrayNode) merged.get("rules");
        JsonNode changes = patch.path("rules");
        if (!changes.isMissingNode() && !changes.isArray()) {
            throw new IllegalStateException(origin + ": rules must be a list");
        }
        Set<String> sourced = new LinkedHashSet<>();
        for (JsonNode change : changes) {
            String id = change.path("id").asText("");
            if (id.isEmpty()) {
                throw new IllegalStateException(origin + ": every rule needs an id");
            }
            if (change.has("source")) {
                sourced.add(id);
            }
            int at = -1;
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).path("id").asText().equals(id)) {
                    at = i;
                }
            }
            if (at >= 0) {
                rules.set(at, JsonMergePatch.apply(rules.get(at), change));
            } else {
                rules.add(change.deepCopy());
            }
            changedIds.add(id);
        }
        return new Merged(merged, changedIds, sourced);
    }

    private static RulesFile read(ObjectNode tree, String origin) {
        List<RuleEntry> entries = new ArrayList<>();
        for (JsonNode rule : tree.path("rules")) {
            String where = origin + ": rule " + rule.path("id").asText("?");
            RuleEntry e;
            try {
                e = DataFiles.JSON.treeToValue(rule, RuleEntry.class);
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(where + ": " + ex.getOriginalMessage());
            }
            for (String[] field : new String[][] {{"title", e.title()}, {"description", e.description()},
                    {"source", e.source()}, {"evidence", e.evidence()}}) {
                if (field[1] == null || field[1].isBlank()) {
                    throw new IllegalStateException(where + ": " + field[0] + " is missing");
                }
            }
            entries.add(e);
        }
        return new RulesFile(tree.path("version").asText(), tree.path("description").asText(),
                tree.path("defaultDefinition").asText(), List.copyOf(entries));
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String origin) {
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new IllegalStateException(origin + ": unknown field " + f + " (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        });
    }

    private static String name(JsonNode patch, String origin) {
        String value = patch.path("name").asText("");
        if (!value.matches("[A-Za-z0-9._-]{1,40}")) {
            throw new IllegalStateException(origin + ": name is required: 1 to 40 letters, digits, dots, hyphens or "
                    + "underscores (it goes into rulesVersion)");
        }
        return value;
    }

    private static String sha(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
