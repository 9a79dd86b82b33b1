package org.myoline.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No HTTP test class may skip contract validation: each implements {@link ApiTest}. */
class EveryHttpTestIsAnApiTest {

    @Test
    void everyQuarkusTestClassValidatesAgainstTheContract() throws Exception {
        Path root = Path.of("target/test-classes");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                if (type.isAnnotationPresent(QuarkusTest.class) || type.isAnnotationPresent(QuarkusIntegrationTest.class)) {
                    checked++;
                    if (!ApiTest.class.isAssignableFrom(type)) {
                        missing.add(name);
                    }
                }
            }
        }
        assertTrue(checked >= 10, "expected the HTTP test classes, found " + checked);
        assertTrue(missing.isEmpty(), "HTTP tests without contract validation: " + missing);
    }
}
