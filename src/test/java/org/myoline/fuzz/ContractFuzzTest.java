package org.myoline.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.myoline.TestData;
import org.myoline.contract.ApiTest;
import org.myoline.contract.OpenApiValidationFilter;
import org.myoline.security.TestTokens;

/**
 * The project's own fuzz gate, driven by the committed contract. Every operation of openapi/openapi.yaml gets a
 * valid request built from its examples (path ids are real records), then most requests get one hostile change
 * to a body field, a parameter, a header or the token; FHIR Bundles and NDJSON lines are mutated like any body.
 * Oracles, checked on every answer:
 * <ol>
 * <li>no 5xx, and no answer slower than 10 s;</li>
 * <li>every error is application/problem+json, or a FHIR OperationOutcome on FHIR paths;</li>
 * <li>the answer is one the contract declares for the operation (status, media type, schema);</li>
 * <li>a rejected write leaves the store as it was: every clinical table's rows and versions, and the audit
 * trail; so does an NDJSON import with a rejected line, whose lines all belong to one patient;</li>
 * <li>no ERROR is logged for a request that did not answer 5xx.</li>
 * </ol>
 * A second test sweeps U+0000 through every string of every example body and %00 through every parameter, with
 * the same oracles (see {@link #aNulInEveryStringAndParameterIsAnsweredWithoutAServerError}).
 * Seeded: {@code -Dfuzz.seed=N} replays a run, {@code -Dfuzz.requests=N} and {@code -Dfuzz.seconds=N} change its
 * size (default 3000 requests, at most 150 s). The report is target/fuzz-report.txt.
 */
@QuarkusTest
class ContractFuzzTest implements ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WRITES = List.of("POST", "PUT", "PATCH", "DELETE");
    private static final String FINGERPRINT = """
            SELECT (SELECT COUNT(*) FROM patient), (SELECT COALESCE(SUM(version), 0) FROM patient),
                   (SELECT COUNT(*) FROM patient_feature), (SELECT COUNT(*) FROM subtype_change),
                   (SELECT COUNT(*) FROM treatment_episode), (SELECT COALESCE(SUM(version), 0) FROM treatment_episode),
                   (SELECT COUNT(*) FROM dose_change), (SELECT COUNT(*) FROM observation),
                   (SELECT COALESCE(SUM(version), 0) FROM observation), (SELECT COUNT(*) FROM disease_event),
                   (SELECT COALESCE(SUM(version), 0) FROM disease_event), (SELECT COUNT(*) FROM episode_assessment),
                   (SELECT COUNT(*) FROM feature_span), (SELECT COUNT(*) FROM patient_contraindication),
                   (SELECT COALESCE(SUM(version), 0) FROM patient_contraindication), (SELECT COUNT(*) FROM fhir_source),
                   (SELECT COUNT(*) FROM audit_entry)""";

    @Inject
    AgroalDataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<LogRecord> errors = new ArrayList<>();
    private final Map<String, String> ids = new HashMap<>();

    private record Op(String path, String method, Operation operation) {
    }

    /** {@code onePatient}: an NDJSON body whose every line still names its patient, so it is written all or nothing. */
    private record Sent(String method, String path, String query, Map<String, String> headers, byte[] body,
            String mutation, boolean onePatient) {
        String describe() {
            return method + " " + Mutator.abbreviate(path) + (query.isEmpty() ? "" : "?" + Mutator.abbreviate(query)) + " [" + mutation + "]";
        }
    }

    @Test
    void theContractSurvivesHostileRequests() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int budget = Integer.getInteger("fuzz.requests", 3000);
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.getLong("fuzz.seconds", 150)).toNanos();
        Random random = new Random(seed);
        Mutator mutator = new Mutator(random);
        List<Op> ops = operations();
        Handler capture = capture();
        Logger.getLogger("").addHandler(capture);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> perOperation = new TreeMap<>();
        int sent = 0;
        try {
            fixtures();
            for (; sent < budget && System.nanoTime() < deadline && failures.size() < 25; sent++) {
                Op op = ops.get(random.nextInt(ops.size()));
                Sent request = build(op, mutator);
                if (request == null) {
                    continue;
                }
                perOperation.merge(op.method() + " " + op.path(), 1, Integer::sum);
                exercise(op, request, "#" + sent, statuses, failures);
            }
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        String report = "seed " + seed + ", " + sent + " requests over " + ops.size() + " operations\nstatuses "
                + statuses + "\nper operation " + perOperation + "\n" + (failures.isEmpty() ? "no failures\n"
                        : "FAILURES (replay with -Dfuzz.seed=" + seed + " -Dtest=ContractFuzzTest):\n  "
                                + String.join("\n  ", failures) + "\n");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/fuzz-report.txt"), report);
        System.out.println("Contract fuzz: " + report.lines().limit(2).reduce((a, b) -> a + "; " + b).orElse(""));
        assertTrue(sent >= Math.min(budget, 500), "the fuzz sent only " + sent + " requests\n" + report);
        assertTrue(failures.isEmpty(), report);
    }

    /**
     * The deterministic half of the gate: U+0000 in every string of every operation's example body and %00 in every
     * parameter, on whichever database the suite runs on (PostgreSQL cannot store a NUL in text). Each answer
     * passes the same oracles as the random requests, and every background import it starts ends completed.
     */
    @Test
    void aNulInEveryStringAndParameterIsAnsweredWithoutAServerError() throws Exception {
        Handler capture = capture();
        Logger.getLogger("").addHandler(capture);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int sent = 0;
        java.sql.Timestamp began = java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1));
        try {
            fixtures();
            for (Op op : operations()) {
                for (Sent request : nulSweep(op)) {
                    sent++;
                    exercise(op, request, "#" + sent, statuses, failures);
                }
            }
            bulkJobsSettled();
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        try (Connection c = dataSource.getConnection(); java.sql.PreparedStatement q = c.prepareStatement(
                "SELECT COUNT(*), COUNT(*) FILTER (WHERE state <> 'COMPLETED') FROM bulk_job WHERE created_at >= ?")) {
            q.setTimestamp(1, began);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                assertTrue(r.getLong(1) > 0, "the sweep started no background import");
                assertEquals(0, r.getLong(2), "background imports of the sweep that did not complete");
            }
        }
        String report = sent + " requests, statuses " + statuses + "\n" + String.join("\n  ", failures);
        System.out.println("NUL sweep: " + report.lines().findFirst().orElse(""));
        assertTrue(sent > 200, "the sweep sent only " + sent + " requests");
        assertTrue(failures.isEmpty(), report);
    }

    /** Sends one request, checks the oracles, and adds what broke to {@code failures}. */
    private void exercise(Op op, Sent request, String label, Map<Integer, Integer> statuses, List<String> failures)
            throws Exception {
        if (WRITES.contains(request.method())) {
            bulkJobsSettled(); // an import started by an earlier request writes in the background
        }
        long[] before = WRITES.contains(request.method()) ? fingerprint() : null;
        synchronized (errors) {
            errors.clear();
        }
        long start = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = send(request);
        } catch (IllegalArgumentException unsendable) {
            return; // a header value the client library itself refuses to send
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int status = response.statusCode();
        statuses.merge(status, 1, Integer::sum);
        for (String b : oracles(op, request, response, millis, before)) {
            failures.add(label + " " + request.describe() + " -> " + status + ": " + b);
        }
        if (request.method().equals("DELETE") && status < 300) {
            fixtures(); // something was deleted for real: fresh records for the next requests
        }
    }

    // ------------------------------------------------------------------------------------------------- oracles

    private List<String> oracles(Op op, Sent request, HttpResponse<byte[]> response, long millis, long[] before)
            throws Exception {
        List<String> broken = new ArrayList<>();
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("");
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (status >= 500) {
            broken.add("server error " + Mutator.abbreviate(body) + loggedCause());
        }
        if (millis > 10_000) {
            broken.add("took " + millis + " ms");
        }
        if (status >= 400) {
            boolean fhir = request.path().startsWith("/api/v1/fhir") && type.startsWith("application/fhir+json")
                    && body.contains("\"OperationOutcome\"");
            if (!type.startsWith("application/problem+json") && !fhir) {
                broken.add("error without a problem document (Content-Type '" + type + "', body '"
                        + Mutator.abbreviate(body) + "')");
            }
        }
        String contract = contractViolation(request, response, type, body);
        if (contract != null) {
            broken.add("not what the contract declares: " + contract);
        }
        boolean partlyRejectedNdjson = request.onePatient() && status == 200 && body.contains("422 Unprocessable");
        if (before != null && (status >= 400 || partlyRejectedNdjson)) {
            long[] after = fingerprint();
            if (!java.util.Arrays.equals(before, after)) {
                broken.add("rejected write changed the store: " + java.util.Arrays.toString(before) + " -> "
                        + java.util.Arrays.toString(after));
            }
        }
        synchronized (errors) {
            if (!errors.isEmpty() && status < 500) {
                broken.add("ERROR logged without a 5xx: " + errors.get(0).getMessage());
            }
        }
        return broken;
    }

    private String contractViolation(Sent request, HttpResponse<byte[]> response, String type, String body) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(response.statusCode()).withBody(body);
        response.headers().map().forEach((name, values) -> values.forEach(v -> b.withHeader(name, v)));
        if (!type.isEmpty()) {
            b.withContentType(type);
        }
        ValidationReport report = OpenApiValidationFilter.validator().validateResponse(request.path(),
                Request.Method.valueOf(request.method()), b.build());
        boolean unknownRoute = report.getMessages().stream().anyMatch(m -> m.getKey().equals("validation.request.path.missing")
                || m.getKey().equals("validation.request.operation.notAllowed"));
        if (unknownRoute && (response.statusCode() == 404 || response.statusCode() == 405 || response.statusCode() == 400)) {
            return null; // a mutated path outside the contract, and the service said so
        }
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + Mutator.abbreviate(m.getMessage())).findFirst().orElse(null);
    }

    /** Waits (up to 30 s) until no asynchronous bulk job is waiting or running. */
    private void bulkJobsSettled() throws Exception {
        long until = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < until) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM bulk_job WHERE state IN ('QUEUED', 'RUNNING')")) {
                r.next();
                if (r.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
    }

    private long[] fingerprint() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(FINGERPRINT)) {
            r.next();
            long[] values = new long[r.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.getLong(i + 1);
            }
            return values;
        }
    }

    /** The innermost cause of the first error the service logged for this request, for the report. */
    private String loggedCause() {
        synchronized (errors) {
            Throwable t = errors.isEmpty() ? null : errors.get(0).getThrown();
            if (t == null) {
                return "";
            }
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            String message = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
            return " (logged: " + t.getClass().getSimpleName() + ": "
                    + (message.length() > 160 ? message.substring(0, 157) + "..." : message) + ")";
        }
    }

    private Handler capture() {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    synchronized (errors) {
                        errors.add(record);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    // ------------------------------------------------------------------------------------------------- requests

    /** A valid request of an operation, before any hostile change; the query holds the parameters {@code take} keeps. */
    private record Base(Map<String, String> headers, Map<String, String> pathParams, Map<String, String> query,
            byte[] body, String contentType) {
    }

    private Base base(Op op, java.util.function.Predicate<Parameter> take) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        boolean system = op.path().startsWith("/api/v1/fhir");
        headers.put("Authorization", "Bearer " + (system ? TestTokens.mint("fuzz-integration", "integration")
                : TestTokens.mint("fuzz-clinician", "clinician")));
        Map<String, String> pathParams = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        for (Parameter p : parameters(op)) {
            String value = value(p);
            switch (p.getIn()) {
                case "path" -> pathParams.put(p.getName(), value);
                case "query" -> {
                    if (Boolean.TRUE.equals(p.getRequired()) || take.test(p)) {
                        query.put(p.getName(), value);
                    }
                }
                case "header" -> headers.put(p.getName(), value);
                default -> {
                }
            }
        }
        byte[] body = null;
        String contentType = null;
        if (op.operation().getRequestBody() != null && op.operation().getRequestBody().getContent() != null) {
            Map.Entry<String, MediaType> media = op.operation().getRequestBody().getContent().entrySet().iterator().next();
            contentType = media.getKey();
            body = example(media.getValue(), contentType);
            headers.put("Content-Type", contentType);
        }
        return new Base(headers, pathParams, query, body, contentType);
    }

    private Sent build(Op op, Mutator m) throws IOException {
        Base base = base(op, p -> m.chance(0.4));
        Map<String, String> headers = base.headers();
        Map<String, String> pathParams = base.pathParams();
        Map<String, String> query = base.query();
        byte[] body = base.body();
        String contentType = base.contentType();
        String mutation = "valid";
        double roll = m.chance(0.15) ? -1 : m.fraction();
        if (roll >= 0) {
            if (roll < 0.45 && body != null) {
                if (contentType.contains("ndjson") && m.chance(0.5)) {
                    String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
                    int line = m.index(lines.length);
                    Mutator.Body changed = m.body(lines[line].getBytes(StandardCharsets.UTF_8));
                    lines[line] = new String(changed.bytes(), StandardCharsets.UTF_8).replace("\n", " ");
                    String separator = m.pick(List.of("\n", "\r\n", "\r"));
                    body = ((m.chance(0.2) ? "\uFEFF" : "") + String.join(separator, lines)).getBytes(StandardCharsets.UTF_8);
                    mutation = "line " + (line + 1) + ": " + changed.what();
                } else {
                    Mutator.Body changed = m.body(body);
                    body = changed.bytes();
                    mutation = changed.what();
                }
            } else if (roll < 0.6 && !pathParams.isEmpty()) {
                String name = m.pick(new ArrayList<>(pathParams.keySet()));
                String value = m.chance(0.3) ? UUID.randomUUID().toString() : m.pick(Mutator.PARAMS);
                pathParams.put(name, value);
                mutation = "path " + name + " = " + Mutator.abbreviate(value);
            } else if (roll < 0.72) {
                String name = query.isEmpty() ? m.pick(List.of("page", "size", "asOf", "unknown"))
                        : m.pick(new ArrayList<>(query.keySet()));
                String value = m.pick(Mutator.PARAMS);
                query.put(name, value);
                mutation = "query " + name + " = " + Mutator.abbreviate(value);
            } else if (roll < 0.9) {
                int which = m.index(4);
                if (which == 0) {
                    String value = m.pick(Mutator.ACCEPTS);
                    headers.put("Accept", value);
                    mutation = "Accept: " + value;
                } else if (which == 1 && body != null) {
                    String value = m.pick(Mutator.CONTENT_TYPES);
                    headers.put("Content-Type", value);
                    mutation = "Content-Type: " + value;
                } else if (which == 2 && (op.method().equals("PUT") || op.method().equals("DELETE") || op.method().equals("PATCH"))) {
                    String value = m.pick(Mutator.IF_MATCH);
                    headers.put("If-Match", value);
                    mutation = "If-Match: " + value;
                } else {
                    String value = m.pick(List.of("x".repeat(300), "ключ-😀", "", " "));
                    headers.put("Idempotency-Key", value);
                    headers.put("X-Request-Id", value);
                    mutation = "Idempotency-Key and X-Request-Id: " + Mutator.abbreviate(value);
                }
            } else {
                String token = m.pick(List.of("", "Bearer ", "Bearer garbage", "Basic dXNlcjpwYXNz",
                        "Bearer " + TestTokens.mint("fuzz-viewer", "viewer"), "Bearer " + TestTokens.mint("fuzz-norole"),
                        "Bearer " + TestTokens.withClaims(Map.of("sub", "odd", "groups", Map.of("clinician", true))),
                        "Bearer " + TestTokens.withClaims(Map.of("sub", "odd", "groups", "clinician,viewer"))));
                headers.put("Authorization", token);
                mutation = "Authorization: " + Mutator.abbreviate(token);
            }
        }
        return sent(op, new Base(headers, pathParams, query, body, contentType), mutation);
    }

    private Sent sent(Op op, Base b, String mutation) {
        String path = op.path();
        for (Map.Entry<String, String> p : b.pathParams().entrySet()) {
            path = path.replace("{" + p.getKey() + "}", p.getValue());
        }
        StringBuilder q = new StringBuilder();
        b.query().forEach((k, v) -> q.append(q.isEmpty() ? "" : "&").append(k).append('=').append(v));
        boolean onePatient = b.contentType() != null && b.contentType().contains("ndjson") && b.body() != null
                && namesItsPatient(b.body());
        return new Sent(op.method(), path, q.toString(), b.headers(), b.body(), mutation, onePatient);
    }

    /**
     * The NUL sweep's requests for one operation: each string of the example body (each line's, for NDJSON, sent
     * with and without Prefer: respond-async) holding U+0000, and each path and query parameter holding %00.
     */
    private List<Sent> nulSweep(Op op) throws IOException {
        List<Sent> out = new ArrayList<>();
        Base valid = base(op, p -> true);
        if (valid.body() != null && valid.contentType().contains("json")) {
            boolean ndjson = valid.contentType().contains("ndjson");
            String[] lines = ndjson ? new String(valid.body(), StandardCharsets.UTF_8).split("\n")
                    : new String[] {new String(valid.body(), StandardCharsets.UTF_8)};
            for (int line = 0; line < lines.length; line++) {
                for (Mutator.Body changed : Mutator.eachStringAsNul(lines[line].getBytes(StandardCharsets.UTF_8))) {
                    String[] copy = lines.clone();
                    copy[line] = new String(changed.bytes(), StandardCharsets.UTF_8);
                    byte[] body = String.join("\n", copy).getBytes(StandardCharsets.UTF_8);
                    String where = (ndjson ? "line " + (line + 1) + ": " : "") + changed.what();
                    out.add(sent(op, new Base(valid.headers(), valid.pathParams(), valid.query(), body,
                            valid.contentType()), where));
                    if (ndjson && valid.headers().containsKey("Prefer")) {
                        Map<String, String> now = new LinkedHashMap<>(valid.headers());
                        now.remove("Prefer");
                        out.add(sent(op, new Base(now, valid.pathParams(), valid.query(), body, valid.contentType()),
                                where + ", without Prefer"));
                    }
                }
            }
        }
        for (String name : valid.pathParams().keySet()) {
            Map<String, String> params = new LinkedHashMap<>(valid.pathParams());
            params.put(name, "%00");
            out.add(sent(op, new Base(valid.headers(), params, valid.query(), valid.body(), valid.contentType()),
                    "path " + name + " = %00"));
        }
        for (String name : valid.query().keySet()) {
            Map<String, String> query = new LinkedHashMap<>(valid.query());
            query.put(name, "%00");
            out.add(sent(op, new Base(valid.headers(), valid.pathParams(), query, valid.body(), valid.contentType()),
                    "query " + name + " = %00"));
        }
        return out;
    }

    /** Every line is an object that is the patient p1 or refers to it as its subject. */
    private static boolean namesItsPatient(byte[] ndjson) {
        String text = new String(ndjson, StandardCharsets.UTF_8).replace("\uFEFF", "");
        for (String line : text.split("\r\n|\r|\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                boolean patient = node.isObject() && "Patient".equals(node.path("resourceType").asText())
                        && "p1".equals(node.path("id").asText());
                boolean refers = node.isObject() && "Patient/p1".equals(node.path("subject").path("reference").asText());
                if (!patient && !refers) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private HttpResponse<byte[]> send(Sent s) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + RestAssured.port + s.path() + (s.query().isEmpty() ? "" : "?" + s.query()));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        s.headers().forEach((k, v) -> {
            if (!(k.equals("Content-Type") && v.isEmpty())) {
                b.header(k, v);
            }
        });
        HttpRequest.BodyPublisher publisher = s.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(s.body());
        b.method(s.method(), publisher);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private List<Parameter> parameters(Op op) {
        return op.operation().getParameters() == null ? List.of() : op.operation().getParameters();
    }

    private String value(Parameter p) {
        String name = p.getName();
        String id = ids.get(name.equals("id") ? "patientId" : name);
        if (id != null) {
            return id;
        }
        if (name.equals("If-Match")) {
            return "*";
        }
        if (name.equals("Idempotency-Key")) {
            return UUID.randomUUID().toString();
        }
        if (name.equals("mrn")) {
            return ids.get("mrn");
        }
        if (p.getExample() != null) {
            return String.valueOf(p.getExample());
        }
        Schema<?> schema = p.getSchema();
        if (schema != null && schema.getExample() != null) {
            return String.valueOf(schema.getExample());
        }
        if (schema != null && schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return String.valueOf(schema.getEnum().get(0));
        }
        if (schema != null && "integer".equals(schema.getType())) {
            return schema.getMinimum() == null ? "1" : schema.getMinimum().toPlainString();
        }
        if (schema != null && "date".equals(schema.getFormat())) {
            return "2024-01-01";
        }
        return "x";
    }

    private byte[] example(MediaType media, String contentType) throws IOException {
        Object value = null;
        if (media.getExamples() != null && !media.getExamples().isEmpty()) {
            Example e = media.getExamples().values().iterator().next();
            value = e.getValue();
        } else if (media.getExample() != null) {
            value = media.getExample();
        } else if (media.getSchema() != null && media.getSchema().getExample() != null) {
            value = media.getSchema().getExample();
        }
        if (value == null) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        String text = value instanceof String s ? s : JSON.writeValueAsString(value);
        // Examples name example records: point them at the fixtures.
        text = text.replace("MRN-000123", ids.get("mrn"));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Op> operations() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI api = new OpenAPIV3Parser().readContents(Files.readString(OpenApiValidationFilter.CONTRACT), null, options)
                .getOpenAPI();
        List<Op> ops = new ArrayList<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            path.getValue().readOperationsMap().forEach((method, operation) ->
                    ops.add(new Op(path.getKey(), method.name(), operation)));
        }
        return ops;
    }

    /** A patient with one of every record, so that path ids name real records. */
    private void fixtures() throws Exception {
        String mrn = TestData.uniqueMrn();
        String patient = post("/api/v1/patients", TestData.patientJson(mrn));
        ids.put("mrn", mrn);
        ids.put("patientId", patient);
        String episode = post("/api/v1/patients/" + patient + "/episodes",
                "{\"drug\":\"methotrexate\",\"route\":\"SC\",\"dose\":{\"value\":20,\"unit\":\"mg/wk\"},\"startDate\":\"2023-01-10\"}");
        ids.put("episodeId", episode);
        ids.put("observationId", post("/api/v1/patients/" + patient + "/observations",
                "{\"date\":\"2023-02-01\",\"type\":\"CK_U_PER_L\",\"value\":1500,\"upperLimit\":190}"));
        ids.put("eventId", post("/api/v1/patients/" + patient + "/events",
                "{\"date\":\"2023-03-01\",\"type\":\"FLARE\",\"domain\":\"SKIN\"}"));
        ids.put("assessmentId", post("/api/v1/patients/" + patient + "/episodes/" + episode + "/assessments",
                "{\"date\":\"2023-04-01\",\"category\":\"NONE\",\"instrument\":\"INVESTIGATOR\"}"));
        ids.put("featureId", post("/api/v1/patients/" + patient + "/features", "{\"feature\":\"ILD\",\"onset\":\"2023-01-15\"}"));
        ids.put("contraindicationId", post("/api/v1/patients/" + patient + "/contraindications",
                "{\"kind\":\"AVOID_CYTOTOXICS\",\"since\":\"2023-01-01\"}"));
        ids.put("code", "methotrexate");
    }

    private String post(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .header("Authorization", "Bearer " + TestTokens.mint("fuzz-clinician", "clinician"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("fixture " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode created = JSON.readTree(response.body());
        return created.path("id").asText();
    }
}
