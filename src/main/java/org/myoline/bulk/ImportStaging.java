package org.myoline.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.myoline.common.Texts;
import org.myoline.config.MyolineConfig;
import org.myoline.fhir.FhirImportService;
import org.myoline.fhir.FhirSystems;

/**
 * Streams an import feed into bulk_line, a thousand lines per transaction, never holding more than one line in
 * memory. Each line is stored with the patient it names, so the worker can import patient by patient whatever
 * the order of the files: a Patient by its id (or its MRN), anything else by its subject or patient reference
 * (or the MRN in that reference). A line naming no patient is a group of its own.
 */
@ApplicationScoped
public class ImportStaging {
    private static final int BATCH = 1000;

    @Inject
    BulkJobs jobs;

    @Inject
    ObjectMapper json;

    @Inject
    FhirSystems systems;

    @Inject
    FhirImportService imports;

    @Inject
    MyolineConfig config;

    /** Stages one file of the feed; returns the lines staged (blank lines are skipped). */
    long stage(UUID job, int file, InputStream in) throws IOException {
        int max = config.bulk().maxLineBytes();
        List<BulkJobs.Line> batch = new ArrayList<>(BATCH);
        List<BulkJobs.Rejected> rejected = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
        byte[] buffer = new byte[65536];
        long lineNo = 1;
        long staged = 0;
        boolean overflow = false;
        boolean first = true;
        int n;
        while ((n = in.read(buffer)) > 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b != '\n') {
                    continue;
                }
                if (!overflow) {
                    if (line.size() + (i - start) > max) {
                        overflow = true;
                    } else {
                        line.write(buffer, start, i - start);
                    }
                }
                staged += take(job, file, lineNo++, line, overflow, first, batch, rejected);
                first = false;
                overflow = false;
                line.reset();
                start = i + 1;
                if (batch.size() >= BATCH) {
                    flush(job, batch, rejected);
                }
            }
            if (!overflow) {
                if (line.size() + (n - start) > max) {
                    overflow = true;
                    line.reset();
                } else {
                    line.write(buffer, start, n - start);
                }
            }
        }
        if (overflow || line.size() > 0) {
            staged += take(job, file, lineNo, line, overflow, first, batch, rejected);
        }
        flush(job, batch, rejected);
        return staged;
    }

    private int take(UUID job, int file, long lineNo, ByteArrayOutputStream bytes, boolean overflow, boolean first,
            List<BulkJobs.Line> batch, List<BulkJobs.Rejected> rejected) {
        if (overflow) {
            rejected.add(new BulkJobs.Rejected(file, lineNo, imports.rejection(lineNo, file,
                    List.of("longer than " + config.bulk().maxLineBytes() + " bytes (myoline.bulk.max-line-bytes)"))));
            return 0;
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        if (first && text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isBlank()) {
            return 0;
        }
        if (Texts.hasNul(text)) { // a raw NUL is not JSON, and PostgreSQL cannot store it: rejected alone, as such
            rejected.add(new BulkJobs.Rejected(file, lineNo, imports.rejection(lineNo, file,
                    List.of("is not JSON: " + Texts.NUL_MESSAGE))));
            return 0;
        }
        String type = "unknown";
        String key = null;
        try {
            JsonNode node = json.readTree(text);
            if (node != null && node.isObject()) {
                type = truncate(node.path("resourceType").asText("unknown"), 64);
                key = patientKey(node, type);
            }
        } catch (IOException e) {
            // not JSON: imported on its own, where it is rejected with the parser's reason
        }
        if (key == null || key.length() > 300) {
            key = "line:" + file + ":" + lineNo;
        }
        // A NUL escaped in the JSON of an id or a type is rejected when the line is imported; the key and the type
        // only need to be storable, and the same for every line naming that patient.
        batch.add(new BulkJobs.Line(storable(key), file, lineNo, type.isEmpty() ? "unknown" : storable(type), text));
        return 1;
    }

    /** The group a line belongs to; null when it names no patient. */
    String patientKey(JsonNode node, String type) {
        if (type.equals("Patient")) {
            if (node.hasNonNull("id")) {
                return "Patient/" + node.get("id").asText();
            }
            for (JsonNode id : node.path("identifier")) {
                if (systems.mrn().equals(id.path("system").asText())) {
                    return "mrn:" + id.path("value").asText();
                }
            }
            return null;
        }
        for (String field : List.of("subject", "patient")) {
            JsonNode ref = node.path(field);
            String reference = ref.path("reference").asText("");
            if (!reference.isEmpty()) {
                return reference;
            }
            JsonNode identifier = ref.path("identifier");
            if (systems.mrn().equals(identifier.path("system").asText())) {
                return "mrn:" + identifier.path("value").asText();
            }
        }
        return null;
    }

    private void flush(UUID job, List<BulkJobs.Line> batch, List<BulkJobs.Rejected> rejected) {
        if (batch.isEmpty() && rejected.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            jobs.stage(job, batch);
            jobs.reject(job, rejected);
        });
        batch.clear();
        rejected.clear();
    }

    /** The text with backslash and NUL escaped: distinct texts stay distinct, and PostgreSQL can hold it. */
    static String storable(String text) {
        return text.replace("\\", "\\\\").replace("\0", "\\0");
    }

    private static String truncate(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
