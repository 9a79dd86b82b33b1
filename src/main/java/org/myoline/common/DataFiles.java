package org.myoline.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads the clinical data files (rules, catalogue, their overlays) strictly: duplicate keys and unknown
 * fields are errors, and every error names the file. Also hashes a document's content independently of key
 * order and whitespace, so the same rules give the same version everywhere.
 */
public final class DataFiles {
    /** Strict: a misspelt field in a clinical data file must stop start-up, not be ignored. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private DataFiles() {
    }

    public static JsonNode classpath(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(resource + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** An overlay file a deployment points at; {@code setting} names the configuration key for the message. */
    public static JsonNode file(Path path, String setting) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(setting + ": " + path + " is not a readable file");
        }
        try {
            JsonNode node = JSON.readTree(Files.readString(path, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new IllegalStateException(setting + ": " + path + " must hold a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalStateException(setting + ": " + path + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the document with object keys sorted, in hex. */
    public static String contentHash(JsonNode node) {
        try {
            Object plain = CANONICAL.convertValue(node, Object.class);
            byte[] bytes = CANONICAL.writeValueAsBytes(plain);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a data file", e);
        }
    }

}
