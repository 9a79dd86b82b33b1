package org.myoline.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoline.security.TestTokens;

/**
 * The packaged jar, started as a hospital would start it: overlay files change a threshold and add a local
 * drug without a rebuild, and a malformed overlay stops start-up with a message naming the problem.
 */
class OverlayJarIT {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void overlaysChangeVerdictsWithoutARebuild() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.json"), """
                {"name": "st-olav", "rules": [{"id": "GC-DEPENDENT", "params": {"monthsToReach": 9}}]}""");
        Path catalogue = Files.writeString(dir.resolve("catalogue.json"), """
                {"name": "st-olav", "drugs": [
                  {"code": "methotrexate", "adequateTrial": {"minDays": 112}},
                  {"code": "local-jaki", "name": "Local JAK inhibitor", "drugClass": "JAK_INHIBITOR", "tier": 6,
                   "role": "DISEASE_MODIFYING", "track": "MYOSITIS", "persistenceDays": 30, "withdrawn": false,
                   "courseBased": false}]}""");
        JsonNode plain;
        try (Service service = Service.start(dir, List.of())) {
            plain = service.assessmentOfAFailedMethotrexateTrial();
            assertEquals(400, service.post(service.patient(), "{\"drug\":\"local-jaki\",\"route\":\"ORAL\","
                    + "\"dose\":{\"value\":10,\"unit\":\"mg/d\"},\"startDate\":\"2020-06-01\"}").statusCode(),
                    "the local drug is unknown without the overlay");
        }
        assertEquals("methotrexate", plain.path("failedDrugs").path(0).path("drug").asText(), plain.toString());

        try (Service service = Service.start(dir, List.of("-Dmyoline.rules.overlay=" + rules,
                "-Dmyoline.catalogue.overlay=" + catalogue))) {
            JsonNode local = service.assessmentOfAFailedMethotrexateTrial();
            assertEquals(0, local.path("failedDrugs").size(), local.toString());
            assertEquals("duration 100 d < 112 d", local.path("inadequateTrials").path(0).path("missing").path(0).asText());
            assertTrue(local.path("rulesVersion").asText().startsWith("2026.12.1+st-olav/"), local.toString());
            assertNotEquals(plain.path("rulesVersion").asText(), local.path("rulesVersion").asText());
            assertEquals(201, service.post(service.patient(), "{\"drug\":\"local-jaki\",\"route\":\"ORAL\","
                    + "\"dose\":{\"value\":10,\"unit\":\"mg/d\"},\"startDate\":\"2020-06-01\"}").statusCode());
            JsonNode info = JSON.readTree(service.get("/api/v1/rules").body());
            assertEquals(2, info.path("overlays").size(), info.path("overlays").toString());
            assertTrue(info.toString().contains("changed locally by overlay st-olav"));
        }
    }

    @Test
    void aMalformedOverlayStopsStartUpNamingTheProblem() throws Exception {
        Path rules = Files.writeString(dir.resolve("bad.json"), """
                {"name": "st-olav", "rules": [{"id": "GC-DEPENDENT", "params": {"monthsToReech": 9}}]}""");
        Path log = dir.resolve("bad.log");
        Process p = Service.command(dir, List.of("-Dmyoline.rules.overlay=" + rules), Service.freePort()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the service should stop by itself");
        assertNotEquals(0, p.exitValue());
        String output = Files.readString(log);
        assertTrue(output.contains("rule GC-DEPENDENT: unknown parameter monthsToReech"), output);
        assertTrue(output.contains(rules.toString()), "names the file: " + output);
        // A person running the jar reads plain lines (k8s/configmap.yaml switches JSON on for the cluster).
        assertTrue(output.lines().filter(l -> !l.isBlank()).noneMatch(l -> l.startsWith("{")), "plain text: " + output);
    }

    /** One run of the packaged jar on an in-memory database and a free port. */
    private static final class Service implements AutoCloseable {
        private final Process process;
        private final String base;
        private String patient;

        private Service(Process process, int port) {
            this.process = process;
            this.base = "http://127.0.0.1:" + port;
        }

        static ProcessBuilder command(Path dir, List<String> properties, int port) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.datasource.jdbc.url=jdbc:h2:mem:overlay-" + port + ";DB_CLOSE_DELAY=-1"));
            cmd.addAll(properties);
            cmd.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
            return new ProcessBuilder(cmd).directory(dir.toFile());
        }

        static Service start(Path dir, List<String> properties) throws Exception {
            int port = freePort();
            Process p = command(dir, properties, port).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("service-" + port + ".log").toFile()).start();
            Service s = new Service(p, port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the service stopped: " + Files.readString(dir.resolve("service-" + port + ".log")));
                }
                try {
                    if (HTTP.send(HttpRequest.newBuilder(URI.create(s.base + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                        return s;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            s.close();
            throw new IllegalStateException("the service was not ready within 90 s");
        }

        static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        String patient() throws Exception {
            if (patient == null) {
                HttpResponse<String> created = send("POST", "/api/v1/patients", """
                        {"mrn":"OVL-1","birthDate":"1960-05-01","sex":"female","subtype":"CLASSIC",
                         "diagnosisDate":"2020-01-10","features":["SKIN","MUSCLE"],"weightKg":62}""");
                assertEquals(201, created.statusCode(), created.body());
                patient = JSON.readTree(created.body()).path("id").asText();
            }
            return patient;
        }

        /** Methotrexate 20 mg/wk for 100 days, no response: failed by the default 84 days, inadequate by 112. */
        JsonNode assessmentOfAFailedMethotrexateTrial() throws Exception {
            HttpResponse<String> episode = post(patient(), """
                    {"drug":"methotrexate","route":"SC","dose":{"value":20,"unit":"mg/wk"},"startDate":"2020-01-10",
                     "endDate":"2020-04-18","response":"NONE","stopReason":"INEFFICACY"}""");
            assertEquals(201, episode.statusCode(), episode.body());
            HttpResponse<String> a = get("/api/v1/patients/" + patient() + "/assessment?asOf=2020-06-30");
            assertEquals(200, a.statusCode(), a.body());
            return JSON.readTree(a.body());
        }

        HttpResponse<String> post(String patientId, String episode) throws Exception {
            return send("POST", "/api/v1/patients/" + patientId + "/episodes", episode);
        }

        HttpResponse<String> get(String path) throws Exception {
            return send("GET", path, null);
        }

        private HttpResponse<String> send(String method, String path, String body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + TestTokens.clinician());
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
