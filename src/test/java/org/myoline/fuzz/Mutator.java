package org.myoline.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile variations of a valid request body, parameter or header value, drawn from one seeded {@link Random} so
 * that a run replays exactly. Each method says what it did, for the failure report.
 */
final class Mutator {

    /** A mutated body: its bytes and what was done. */
    record Body(byte[] bytes, String what) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Values that have broken services before: types, nulls, sizes, unicode, extreme numbers and dates. */
    private static final List<JsonNode> VALUES = List.of(
            NODES.nullNode(), NODES.textNode(""), NODES.numberNode(0), NODES.numberNode(-1),
            NODES.numberNode(new BigDecimal("1e308")), NODES.numberNode(new BigDecimal("-1e308")),
            NODES.numberNode(new BigDecimal("1.5e-320")), NODES.numberNode(new BigInteger("123456789012345678901234567890")),
            NODES.numberNode(0.1), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(),
            NODES.textNode("x".repeat(10_000)), NODES.textNode("\u0000"), NODES.textNode("😀🙂 Ünïcødé"),
            NODES.textNode("\u202Eabc"), NODES.textNode("\uD800"), NODES.textNode("9999-12-31"),
            NODES.textNode("0000-01-01"), NODES.textNode("2024-02-30"), NODES.textNode("+10000-01-01"),
            NODES.textNode(" 2024-01-01 "), NODES.textNode("2024-01-01T10:00:00Z"), NODES.textNode("NOT_AN_ENUM"),
            NODES.textNode("<script>alert(1)</script>"), NODES.textNode("' OR 1=1--"), NODES.textNode("../../etc/passwd"),
            NODES.textNode("00000000-0000-0000-0000-000000000000"), NODES.numberNode(Long.MAX_VALUE),
            NODES.numberNode(Integer.MIN_VALUE), NODES.numberNode(Double.MIN_VALUE));

    static final List<String> PARAMS = List.of("", "-1", "0", "999999999999999999999", "abc", "2024-13-45", "9999-12-31",
            "x".repeat(3000), "%00", "..%2F..", "%27%20OR%201%3D1--", "%F0%9F%98%80", "00000000-0000-0000-0000-000000000000",
            "NOT_AN_ENUM", "1e308", "true", "%E2%80%AE");

    static final List<String> ACCEPTS = List.of("", "*/*;q=abc", "text/html", "application/xml", ";;;", "garbage",
            "application/json;q=0", "image/svg+xml", "text/csv", "application/problem+json", "*/*", "application/*");

    static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "garbage", "application/json; charset=latin1",
            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "");

    static final List<String> IF_MATCH = List.of("W/\"0\"", "\"abc\"", "*", "garbage", "\"\"", "\"-1\"", "\"99999999999999999999\"", "");

    private final Random random;

    Mutator(Random random) {
        this.random = random;
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    double fraction() {
        return random.nextDouble();
    }

    int index(int size) {
        return random.nextInt(size);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** One hostile change to a JSON body (or raw bytes when it is not JSON). */
    Body body(byte[] valid) {
        JsonNode tree;
        try {
            tree = JSON.readTree(valid);
        } catch (Exception e) {
            tree = null;
        }
        int kind = random.nextInt(tree == null ? 3 : 12);
        switch (kind) {
            case 0:
                return new Body(new byte[0], "empty body");
            case 1:
                return new Body(bytes("{\"a\":"), "truncated JSON");
            case 2:
                return new Body(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE}, "invalid UTF-8");
            case 3:
                return new Body(bytes("[".repeat(1000) + "]".repeat(1000)), "nesting 1000 deep");
            case 4:
                return new Body(bytes("[" + text(tree) + "]"), "body wrapped in an array");
            case 5:
                return duplicateKey(tree);
            default:
                return replace(tree);
        }
    }

    private Body replace(JsonNode tree) {
        JsonNode copy = tree.deepCopy();
        List<Slot> slots = new ArrayList<>();
        collect(copy, "", slots);
        if (slots.isEmpty()) {
            return new Body(bytes("{\"unknownField\":1}"), "unknown field in an empty body");
        }
        Slot slot = pick(slots);
        int how = random.nextInt(4);
        if (how == 0 && slot.parent() instanceof ObjectNode o) {
            o.remove(slot.key());
            return new Body(bytes(text(copy)), "removed " + slot.path());
        }
        if (how == 1 && slot.parent() instanceof ObjectNode o) {
            o.put("unknownField" + random.nextInt(10), "x");
            return new Body(bytes(text(copy)), "unknown field beside " + slot.path());
        }
        JsonNode value = pick(VALUES);
        set(slot, value);
        return new Body(bytes(text(copy)), slot.path() + " = " + abbreviate(value.toString()));
    }

    /** The first field of a random object given again (textually: JSON trees cannot hold duplicates). */
    private Body duplicateKey(JsonNode tree) {
        String text = text(tree);
        int brace = text.indexOf("{\"");
        if (brace < 0) {
            return new Body(bytes(text), "no object to duplicate a key in");
        }
        int colon = text.indexOf("\":", brace);
        String key = text.substring(brace + 2, colon);
        String injected = text.substring(0, brace + 1) + "\"" + key + "\":\"dup\"," + text.substring(brace + 1);
        boolean atEnd = chance(0.5);
        if (atEnd && tree.isObject()) {
            injected = text.substring(0, text.length() - 1) + ",\"" + tree.fieldNames().next() + "\":\"dup\"}";
        }
        return new Body(bytes(injected), "duplicate key " + key + (atEnd ? " at the end" : ""));
    }

    /** One body per string value of a valid JSON body, that value replaced by U+0000; none if it is not JSON. */
    static List<Body> eachStringAsNul(byte[] valid) {
        JsonNode tree;
        try {
            tree = JSON.readTree(valid);
        } catch (Exception e) {
            return List.of();
        }
        List<Slot> slots = new ArrayList<>();
        collect(tree, "", slots);
        List<Body> out = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            JsonNode current = s.parent() instanceof ObjectNode o ? o.get(s.key()) : s.parent().get(s.index());
            if (current != null && current.isTextual()) {
                JsonNode copy = tree.deepCopy();
                List<Slot> copied = new ArrayList<>();
                collect(copy, "", copied);
                set(copied.get(i), NODES.textNode("\u0000"));
                out.add(new Body(bytes(text(copy)), s.path() + " = \"\\u0000\""));
            }
        }
        return out;
    }

    private record Slot(JsonNode parent, String key, int index, String path) {
    }

    private static void collect(JsonNode node, String path, List<Slot> slots) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                slots.add(new Slot(o, e.getKey(), -1, p));
                collect(e.getValue(), p, slots);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                String p = path + "[" + i + "]";
                slots.add(new Slot(a, null, i, p));
                collect(a.get(i), p, slots);
            }
        }
    }

    private static void set(Slot slot, JsonNode value) {
        if (slot.parent() instanceof ObjectNode o) {
            o.set(slot.key(), value);
        } else if (slot.parent() instanceof ArrayNode a) {
            a.set(slot.index(), value);
        }
    }

    static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
