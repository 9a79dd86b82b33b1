package org.myoline.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.ConsoleRender;

/**
 * Integrators build against the released contract, openapi/released/v1.yaml. The current contract may
 * add, never break: removed paths, operations or fields, new required request fields and narrowed enums
 * fail here unless info.version's major number is raised (and a new released/vN.yaml is cut). Added
 * enumeration values are allowed: the contract tells clients to accept values they do not know.
 */
class ContractCompatibilityTest {
    static final Path RELEASED = Path.of("openapi/released/v1.yaml");
    static final Path CURRENT = Path.of("openapi/openapi.yaml");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void currentContractDoesNotBreakTheReleasedOne() throws Exception {
        ChangedOpenApi diff = compare(Files.readString(RELEASED), Files.readString(CURRENT));
        if (diff.isIncompatible()) {
            int released = major(diff.getOldSpecOpenApi().getInfo().getVersion());
            int current = major(diff.getNewSpecOpenApi().getInfo().getVersion());
            assertTrue(current > released, "openapi/openapi.yaml breaks the released contract " + RELEASED
                    + " without raising the major version:\n" + render(diff));
        }
    }

    @Test
    void removingAnOperationIsCaught() throws Exception {
        assertBreaking(tree -> ((ObjectNode) tree.path("paths")).remove("/api/v1/drugs/{code}"));
    }

    @Test
    void removingAResponseFieldIsCaught() throws Exception {
        assertBreaking(tree -> {
            ((ObjectNode) tree.at("/components/schemas/Episode/properties")).remove("drug");
            ArrayNode required = (ArrayNode) tree.at("/components/schemas/Episode/required");
            for (int i = 0; i < required.size(); i++) {
                if (required.get(i).asText().equals("drug")) {
                    required.remove(i);
                }
            }
        });
    }

    @Test
    void aNewRequiredRequestFieldIsCaught() throws Exception {
        assertBreaking(tree -> {
            ObjectNode input = (ObjectNode) tree.at("/components/schemas/PatientInput");
            ((ObjectNode) input.path("properties")).putObject("consent").put("type", "boolean");
            ((ArrayNode) input.path("required")).add("consent");
        });
    }

    @Test
    void narrowingAnEnumIsCaught() throws Exception {
        assertBreaking(tree -> {
            ArrayNode values = (ArrayNode) tree.at("/components/schemas/Route/enum");
            values.remove(values.size() - 1);
        });
    }

    @Test
    void addingAnOptionalFieldIsAllowed() throws Exception {
        String current = Files.readString(CURRENT);
        ObjectNode tree = (ObjectNode) YAML.readTree(current);
        ((ObjectNode) tree.at("/components/schemas/Episode/properties")).putObject("comment").put("type", "string")
                .put("maxLength", 100);
        assertFalse(OpenApiCompare.fromContents(current, YAML.writeValueAsString(tree)).isIncompatible());
    }

    @Test
    void addingAnEnumerationValueIsAllowed() throws Exception {
        String current = Files.readString(CURRENT);
        ObjectNode tree = (ObjectNode) YAML.readTree(current);
        ((ArrayNode) tree.at("/components/schemas/Route/enum")).add("INTRATHECAL");
        assertFalse(compare(current, YAML.writeValueAsString(tree)).isIncompatible());
    }

    private static void assertBreaking(Consumer<ObjectNode> change) throws Exception {
        String current = Files.readString(CURRENT);
        ObjectNode tree = (ObjectNode) YAML.readTree(current);
        change.accept(tree);
        ChangedOpenApi diff = compare(current, YAML.writeValueAsString(tree));
        assertTrue(diff.isIncompatible(), "expected a breaking change:\n" + render(diff));
    }

    /**
     * openapi-diff, under the contract's own compatibility rule: enumerations may gain values (the contract tells
     * clients to accept values they do not know), so values the newer contract adds are added to the older one's
     * enumerations at the same place before comparing. Removed values still break.
     */
    static ChangedOpenApi compare(String older, String newer) throws Exception {
        ObjectNode old = (ObjectNode) YAML.readTree(older);
        com.fasterxml.jackson.databind.JsonNode now = YAML.readTree(newer);
        widenEnums(old, now);
        stateImpliedBounds(old, old, now);
        return OpenApiCompare.fromContents(YAML.writeValueAsString(old), newer);
    }

    /**
     * A maxLength the current contract states where the released one already implied it (a date, a date-time or
     * a UUID by its format; an enumeration, or a reference to one of those, by its longest value) narrows nothing:
     * the same bound is written into the released side before comparing.
     */
    private static void stateImpliedBounds(com.fasterxml.jackson.databind.JsonNode root,
                                           com.fasterxml.jackson.databind.JsonNode old, com.fasterxml.jackson.databind.JsonNode now) {
        if (old.isObject() && now.isObject()) {
            if (!old.has("maxLength") && now.path("maxLength").isInt()) {
                Integer implied = impliedLength(root, old);
                if (implied != null && now.get("maxLength").asInt() >= implied) {
                    ((ObjectNode) old).put("maxLength", now.get("maxLength").asInt());
                }
            }
            old.fieldNames().forEachRemaining(name -> {
                if (now.has(name)) {
                    stateImpliedBounds(root, old.get(name), now.get(name));
                }
            });
        } else if (old.isArray() && now.isArray()) {
            for (int i = 0; i < Math.min(old.size(), now.size()); i++) {
                stateImpliedBounds(root, old.get(i), now.get(i));
            }
        }
    }

    private static Integer impliedLength(com.fasterxml.jackson.databind.JsonNode root, com.fasterxml.jackson.databind.JsonNode s) {
        switch (s.path("format").asText()) {
            case "date":
                return 10;
            case "date-time":
                return 35;
            case "uuid":
                return 36;
            default:
                break;
        }
        if (s.path("enum").isArray()) {
            int longest = 0;
            for (com.fasterxml.jackson.databind.JsonNode v : s.get("enum")) {
                longest = Math.max(longest, v.asText().length());
            }
            return longest;
        }
        String ref = s.path("$ref").asText(null);
        for (String combiner : java.util.List.of("allOf", "anyOf")) {
            for (com.fasterxml.jackson.databind.JsonNode part : s.path(combiner)) {
                ref = ref != null ? ref : part.path("$ref").asText(null);
            }
        }
        if (ref != null && ref.startsWith("#/components/schemas/")) {
            com.fasterxml.jackson.databind.JsonNode target = root.path("components").path("schemas")
                    .path(ref.substring("#/components/schemas/".length()));
            return target.isObject() ? impliedLength(root, target) : null;
        }
        return null;
    }

    private static void widenEnums(com.fasterxml.jackson.databind.JsonNode old, com.fasterxml.jackson.databind.JsonNode now) {
        if (old.isObject() && now.isObject() && old.path("pattern").isTextual() && now.path("pattern").isTextual()) {
            // A pattern that lists alternatives (the dose units) may gain alternatives, like an enumeration.
            java.util.Set<String> before = alternatives(old.path("pattern").asText());
            java.util.Set<String> after = alternatives(now.path("pattern").asText());
            if (before != null && after != null && after.containsAll(before)) {
                ((ObjectNode) old).set("pattern", now.get("pattern"));
            }
        }
        if (old.isObject() && now.isObject()) {
            if (old.path("enum").isArray() && now.path("enum").isArray()) {
                ArrayNode values = (ArrayNode) old.get("enum");
                for (com.fasterxml.jackson.databind.JsonNode v : now.get("enum")) {
                    boolean known = false;
                    for (com.fasterxml.jackson.databind.JsonNode o : values) {
                        known |= o.equals(v);
                    }
                    if (!known) {
                        values.add(v);
                    }
                }
            }
            old.fieldNames().forEachRemaining(name -> {
                if (now.has(name)) {
                    widenEnums(old.get(name), now.get(name));
                }
            });
        } else if (old.isArray() && now.isArray()) {
            for (int i = 0; i < Math.min(old.size(), now.size()); i++) {
                widenEnums(old.get(i), now.get(i));
            }
        }
    }

    /** The alternatives of a pattern that is only literal alternatives (a|b|c), or null. */
    private static java.util.Set<String> alternatives(String pattern) {
        String p = pattern.replaceAll("^\\^\\(?|\\)?\\$$", "");
        String[] parts = p.split("\\|");
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String part : parts) {
            String literal = part.replace("\\{", "{").replace("\\}", "}");
            if (!literal.matches("[A-Za-z0-9/{}._-]+")) {
                return null;
            }
            out.add(literal);
        }
        return out;
    }

    private static int major(String version) {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    private static String render(ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new ConsoleRender().render(diff, writer);
        } catch (java.io.IOException e) {
            return "(diff could not be rendered: " + e + ")";
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
