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
 * fail here unless info.version's major number is raised (and a new released/vN.yaml is cut).
 */
class ContractCompatibilityTest {
    static final Path RELEASED = Path.of("openapi/released/v1.yaml");
    static final Path CURRENT = Path.of("openapi/openapi.yaml");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void currentContractDoesNotBreakTheReleasedOne() throws Exception {
        ChangedOpenApi diff = OpenApiCompare.fromContents(Files.readString(RELEASED), Files.readString(CURRENT));
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

    private static void assertBreaking(Consumer<ObjectNode> change) throws Exception {
        String current = Files.readString(CURRENT);
        ObjectNode tree = (ObjectNode) YAML.readTree(current);
        change.accept(tree);
        ChangedOpenApi diff = OpenApiCompare.fromContents(current, YAML.writeValueAsString(tree));
        assertTrue(diff.isIncompatible(), "expected a breaking change:\n" + render(diff));
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
