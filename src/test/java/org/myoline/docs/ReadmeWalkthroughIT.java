package org.myoline.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.myoline.contract.ApiTest;

/**
 * The README's curl walk-through, run exactly as written (bash with -e, -u and pipefail, every curl with -f)
 * against the packaged jar: a command that stops working, or an answer that stops being 2xx, fails the build.
 */
@QuarkusIntegrationTest
class ReadmeWalkthroughIT implements ApiTest {

    static String walkthrough() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## A walk-through with curl");
        assertTrue(section >= 0, "the README has a walk-through section");
        int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
        int end = readme.indexOf("```", start);
        return readme.substring(start, end);
    }

    @Test
    void theReadmeWalkthroughRunsAsWritten() throws Exception {
        String script = walkthrough();
        assertTrue(script.contains("curl") && script.contains("PATCH"), script);
        Path file = Files.createTempFile("walkthrough", ".sh");
        Files.writeString(file, script);
        ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", file.toString()).redirectErrorStream(true);
        pb.environment().put("BASE", "http://localhost:" + RestAssured.port);
        Process process = pb.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the walk-through finished within 2 minutes");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "the walk-through failed:\n" + output);
        assertTrue(output.contains("\"lines\""), "it printed the timeline:\n" + output);
        assertTrue(output.contains("\"escalation\""), "it printed the assessment:\n" + output);
        assertTrue(output.contains("\"weightKg\":57.5"), "the patch changed the weight:\n" + output);
        Files.deleteIfExists(file);
    }
}
