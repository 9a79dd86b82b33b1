package org.myoline.bulk;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A synthetic FHIR R4 NDJSON feed of dermatomyositis patients, as an EHR extract sends it: per patient a Patient,
 * a Condition, three orders (methotrexate, prednisone, IVIg), three IVIg infusions, a weight and three CK
 * values (12 lines, about 6 KB). Deterministic for a prefix and a count; no real data. Every {@code badEvery}-th
 * patient also has a completed order without an end date, an error that rejects that patient only.
 *
 * <p>JDK only, so scripts run it without a build: {@code java src/test/java/org/myoline/bulk/FeedGenerator.java
 * --patients 20000 --prefix FEED --out feed.ndjson [--bad-every K] [--split DIR]} (--split: one file per
 * resource type in DIR, as a bulk export writes them).
 */
public final class FeedGenerator {
    public static final int LINES_PER_PATIENT = 12;
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String ORDER = "https://ehr.hospital.example/id/order";
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final String ATC = "http://www.whocc.no/atc";

    private FeedGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int patients = Integer.parseInt(a.getOrDefault("patients", "100"));
        String prefix = a.getOrDefault("prefix", "FEED");
        int badEvery = Integer.parseInt(a.getOrDefault("bad-every", "0"));
        if (a.containsKey("split")) {
            Path dir = Path.of(a.get("split"));
            Files.createDirectories(dir);
            Map<String, Writer> files = new HashMap<>();
            write(prefix, patients, badEvery, type -> files.computeIfAbsent(type, t -> open(dir.resolve(t + ".ndjson"))));
            for (Writer w : files.values()) {
                w.close();
            }
        } else {
            try (Writer out = open(Path.of(a.getOrDefault("out", "feed.ndjson")))) {
                write(prefix, patients, badEvery, type -> out);
            }
        }
    }

    /** The whole feed as one string (tests). */
    public static String feed(String prefix, int patients, int badEvery) {
        StringBuilder text = new StringBuilder();
        Writer out = new java.io.StringWriter() {
            @Override
            public void write(String s) {
                text.append(s);
            }
        };
        try {
            write(prefix, patients, badEvery, type -> out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The feed as one file per resource type (tests), by type. */
    public static Map<String, String> feedByType(String prefix, int patients, int badEvery) {
        Map<String, java.io.StringWriter> files = new java.util.TreeMap<>();
        try {
            write(prefix, patients, badEvery, type -> files.computeIfAbsent(type, t -> new java.io.StringWriter()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> texts = new java.util.TreeMap<>();
        files.forEach((type, w) -> texts.put(type, w.toString()));
        return texts;
    }

    private static Writer open(Path file) {
        try {
            return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(String prefix, int patients, int badEvery, Function<String, Writer> files) throws IOException {
        for (int n = 1; n <= patients; n++) {
            String id = prefix + "-" + n;
            int start = n % 900;
            String subject = "\"subject\":{\"reference\":\"Patient/" + id + "\"}";
            line(files, "Patient", "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"identifier\":[{\"type\":{\"coding\":"
                    + "[{\"system\":\"http://terminology.hl7.org/CodeSystem/v2-0203\",\"code\":\"MR\"}]},\"system\":"
                    + "\"urn:myoline:mrn\",\"value\":\"" + id + "\"}],\"gender\":\"" + (n % 3 != 0 ? "female" : "male")
                    + "\",\"birthDate\":\"" + (1950 + n % 50) + "-0" + (1 + n % 9) + "-1" + (n % 10) + "\"}");
            line(files, "Condition", "{\"resourceType\":\"Condition\"," + subject + ",\"onsetDateTime\":\"" + day(start, 0)
                    + "\",\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10-cm\",\"code\":\"M33.12\"}]}}");
            line(files, "MedicationRequest", order(id, subject, "mtx", RXNORM, "6851", day(start, 5), 15, "mg", "34206005",
                    1, "wk", "active"));
            line(files, "MedicationRequest", order(id, subject, "pred", ATC, "H02AB07", day(start, 1), 40, "mg", "26643006",
                    1, "d", "active"));
            line(files, "MedicationRequest", order(id, subject, "ivig", ATC, "J06BA02", day(start, 120), 2, "g/kg",
                    "47625008", 4, "wk", "active"));
            if (badEvery > 0 && n % badEvery == 0) {
                line(files, "MedicationRequest", order(id, subject, "bad", RXNORM, "6851", day(start, 10), 15, "mg",
                        "34206005", 1, "wk", "completed"));
            }
            for (int c = 0; c < 3; c++) {
                line(files, "MedicationAdministration", "{\"resourceType\":\"MedicationAdministration\",\"identifier\":[{"
                        + "\"system\":\"https://ehr.hospital.example/id/administration\",\"value\":\"" + id + "-ivig-"
                        + (c + 1) + "\"}],\"status\":\"completed\"," + subject + ",\"effectiveDateTime\":\""
                        + day(start, 120 + 28 * c) + "\",\"request\":{\"reference\":\"MedicationRequest/" + id
                        + "-ivig\"},\"medicationCodeableConcept\":{\"coding\":[{\"system\":\"" + ATC
                        + "\",\"code\":\"J06BA02\"}]},\"dosage\":{\"route\":{\"coding\":[{\"system\":"
                        + "\"http://snomed.info/sct\",\"code\":\"47625008\"}]},\"dose\":{\"value\":2,\"unit\":\"g/kg\","
                        + "\"system\":\"" + UCUM + "\",\"code\":\"g/kg\"}}}");
            }
            line(files, "Observation", measure(id, subject, "w", "29463-7", "kg", 55 + n % 40, day(start, 0)));
            line(files, "Observation", measure(id, subject, "ck1", "2157-6", "U/L", 2400 + n % 700, day(start, 0)));
            line(files, "Observation", measure(id, subject, "ck2", "2157-6", "U/L", 900 + n % 300, day(start, 90)));
            line(files, "Observation", measure(id, subject, "ck3", "2157-6", "U/L", 150 + n % 100, day(start, 200)));
        }
    }

    private static void line(Function<String, Writer> files, String type, String json) throws IOException {
        Writer out = files.apply(type);
        out.write(json);
        out.write("\n");
    }

    private static String order(String id, String subject, String suffix, String system, String code, String authored,
            int dose, String unit, String route, int period, String periodUnit, String status) {
        return "{\"resourceType\":\"MedicationRequest\",\"identifier\":[{\"system\":\"" + ORDER + "\",\"value\":\"" + id
                + "-" + suffix + "\"}],\"status\":\"" + status + "\",\"intent\":\"order\"," + subject + ",\"authoredOn\":\""
                + authored + "\",\"medicationCodeableConcept\":{\"coding\":[{\"system\":\"" + system + "\",\"code\":\""
                + code + "\"}]},\"dosageInstruction\":[{\"timing\":{\"repeat\":{\"frequency\":1,\"period\":" + period
                + ",\"periodUnit\":\"" + periodUnit + "\"}},\"route\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                + "\"code\":\"" + route + "\"}]},\"doseAndRate\":[{\"doseQuantity\":{\"value\":" + dose + ",\"unit\":\""
                + unit + "\",\"system\":\"" + UCUM + "\",\"code\":\"" + unit + "\"}}]}]}";
    }

    private static String measure(String id, String subject, String suffix, String loinc, String unit, int value,
            String date) {
        return "{\"resourceType\":\"Observation\",\"identifier\":[{\"system\":\"https://ehr.hospital.example/id/observation"
                + "\",\"value\":\"" + id + "-" + suffix + "\"}],\"status\":\"final\",\"code\":{\"coding\":[{\"system\":"
                + "\"http://loinc.org\",\"code\":\"" + loinc + "\"}]}," + subject + ",\"effectiveDateTime\":\"" + date
                + "\",\"valueQuantity\":{\"value\":" + value + ",\"unit\":\"" + unit + "\",\"system\":\"" + UCUM
                + "\",\"code\":\"" + unit + "\"}}";
    }

    private static String day(int base, int plus) {
        return LocalDate.of(2020, 1, 1).plusDays(base + plus).toString();
    }
}
