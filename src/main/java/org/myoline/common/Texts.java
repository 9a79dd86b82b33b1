package org.myoline.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Text the store cannot hold. PostgreSQL refuses the NUL character (U+0000) in text, so input carrying one is
 * refused up front (400 or a rejected FHIR line naming the element) instead of failing at the database.
 */
public final class Texts {
    private Texts() {
    }

    public static final String NUL_MESSAGE = "must not contain the NUL character (U+0000)";

    public static boolean hasNul(String s) {
        return s != null && s.indexOf('\0') >= 0;
    }

    /** The path of the first key or string value holding a NUL, as {@code a.b[2].c}; empty when there is none. */
    public static Optional<String> nulAt(JsonNode node, String path) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return hasNul(node.textValue()) ? Optional.of(path) : Optional.empty();
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> inner = nulAt(node.get(i), path + "[" + i + "]");
                if (inner.isPresent()) {
                    return inner;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (hasNul(field.getKey())) {
                    return Optional.of(at);
                }
                Optional<String> inner = nulAt(field.getValue(), at);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }
}
