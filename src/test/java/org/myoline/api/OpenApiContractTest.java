package org.myoline.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.myoline.contract.ApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed contract (openapi/openapi.yaml) is what the service serves. When this fails after an
 * intended API change, regenerate the contract as docs/contract.md says and commit it with the change.
 */
@QuarkusTest
class OpenApiContractTest implements ApiTest {

    private static final Path COMMITTED = Path.of("openapi/openapi.yaml");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void servedContractEqualsTheCommittedOne() throws Exception {
        String served = given().queryParam("format", "yaml").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        JsonNode servedTree = YAML.readTree(served);
        JsonNode committedTree = YAML.readTree(Files.readString(COMMITTED));
        List<String> differences = new ArrayList<>();
        diff("", committedTree, servedTree, differences);
        assertTrue(differences.isEmpty(), "openapi/openapi.yaml differs from the served contract at:\n  "
                + String.join("\n  ", differences.subList(0, Math.min(20, differences.size())))
                + "\nRegenerate it: mvn -B package -Dmaven.test.skip=true -Dcodegen.skip=true && cp target/openapi/openapi.yaml openapi/");
    }

    @Test
    void everyOperationHasIdTagSummaryAndDocumentedErrors() throws Exception {
        JsonNode paths = YAML.readTree(Files.readString(COMMITTED)).path("paths");
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : iterable(paths)) {
            for (Map.Entry<String, JsonNode> op : iterable(path.getValue())) {
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                operations++;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode o = op.getValue();
                if (o.path("operationId").asText().isEmpty()) problems.add(where + ": no operationId");
                if (o.path("tags").isEmpty()) problems.add(where + ": no tag");
                if (o.path("summary").asText().isEmpty()) problems.add(where + ": no summary");
                boolean hasError = false;
                for (Map.Entry<String, JsonNode> r : iterable(o.path("responses"))) {
                    hasError |= r.getKey().startsWith("4") || r.getKey().startsWith("5");
                }
                if (!hasError) problems.add(where + ": no documented error response");
                for (Map.Entry<String, JsonNode> body : iterable(o.path("requestBody").path("content"))) {
                    if (body.getValue().path("examples").isEmpty()) {
                        problems.add(where + ": " + body.getKey() + " request body without example");
                    }
                }
            }
        }
        assertTrue(operations >= 12, "expected the whole API, found " + operations + " operations");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void errorResponsesAreProblemJson() throws Exception {
        JsonNode responses = YAML.readTree(Files.readString(COMMITTED)).path("components").path("responses");
        assertFalse(responses.isEmpty());
        for (Map.Entry<String, JsonNode> r : iterable(responses)) {
            assertTrue(r.getValue().path("content").has("application/problem+json"), r.getKey());
        }
        assertEquals("3.0.3", YAML.readTree(Files.readString(COMMITTED)).path("openapi").asText());
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    private static void diff(String at, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.isObject() && actual.isObject()) {
            expected.fieldNames().forEachRemaining(f -> {
                if (!actual.has(f)) out.add(at + "/" + f + " (only in the committed file)");
                else diff(at + "/" + f, expected.get(f), actual.get(f), out);
            });
            actual.fieldNames().forEachRemaining(f -> {
                if (!expected.has(f)) out.add(at + "/" + f + " (only in the served contract)");
            });
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) diff(at + "[" + i + "]", expected.get(i), actual.get(i), out);
        } else if (!expected.equals(actual)) {
            out.add(at + ": committed " + abbreviate(expected) + ", served " + abbreviate(actual));
        }
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
