package org.myoline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The manifests in k8s/ agree with the service's own configuration: port, health paths, env names. */
class KubernetesManifestTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static Properties config;
    private static JsonNode container;

    @BeforeAll
    static void load() throws Exception {
        config = new Properties();
        try (InputStream in = KubernetesManifestTest.class.getResourceAsStream("/application.properties")) {
            config.load(in);
        }
        JsonNode deployment = read("deployment.yaml");
        assertEquals("Deployment", deployment.path("kind").asText());
        container = deployment.at("/spec/template/spec/containers/0");
    }

    @Test
    void containerPortIsTheServicePort() {
        int port = Integer.parseInt(config.getProperty("quarkus.http.port"));
        assertEquals(port, container.at("/ports/0/containerPort").asInt());
        assertEquals("http", container.at("/ports/0/name").asText());
        assertEquals("http", read("service.yaml").at("/spec/ports/0/targetPort").asText());
        assertEquals(read("deployment.yaml").at("/spec/selector/matchLabels"),
                read("service.yaml").at("/spec/selector"));
    }

    @Test
    void probesHitTheHealthEndpoints() {
        String root = "/" + config.getProperty("quarkus.http.non-application-root-path", "q") + "/health";
        assertEquals(root + "/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals(root + "/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals(root + "/started", container.at("/startupProbe/httpGet/path").asText());
        for (String probe : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
            assertEquals("http", container.at("/" + probe + "/httpGet/port").asText(), probe);
        }
    }

    @Test
    void runsAsNonRootWithLimits() {
        JsonNode pod = read("deployment.yaml").at("/spec/template/spec/securityContext");
        assertTrue(pod.path("runAsNonRoot").asBoolean());
        assertTrue(pod.path("runAsUser").asInt() > 0);
        assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
        assertFalse(container.at("/resources/limits/memory").asText().isEmpty());
        assertFalse(container.at("/resources/requests/cpu").asText().isEmpty());
    }

    @Test
    void everyDatabaseVariableTheConfigReadsIsProvided() {
        Set<String> provided = new HashSet<>();
        read("configmap.yaml").path("data").fieldNames().forEachRemaining(provided::add);
        read("secret-template.yaml").path("stringData").fieldNames().forEachRemaining(provided::add);
        Matcher m = Pattern.compile("\\$\\{(MYOLINE_[A-Z_]+)").matcher(String.join("\n",
                config.stringPropertyNames().stream().filter(k -> k.startsWith("%pg.")).map(config::getProperty).toList()));
        int referenced = 0;
        while (m.find()) {
            referenced++;
            assertTrue(provided.contains(m.group(1)), m.group(1) + " is read by the pg profile but not provided");
        }
        assertTrue(referenced >= 5, "database and JWT settings");
        assertEquals("pg", read("configmap.yaml").at("/data/QUARKUS_PROFILE").asText());
        assertEquals("myoline-config", container.at("/envFrom/0/configMapRef/name").asText());
        assertEquals(read("secret-template.yaml").at("/metadata/name").asText(),
                container.at("/envFrom/1/secretRef/name").asText());
    }

    @Test
    void theJwtPublicKeyFileIsMountedWhereTheConfigLooksForIt() {
        String location = read("configmap.yaml").at("/data/MYOLINE_JWT_PUBLIC_KEY_LOCATION").asText();
        JsonNode keys = read("jwt-public-key.yaml");
        assertEquals(keys.at("/metadata/name").asText(), configMapMountedAt(location));
        assertTrue(keys.at("/data").has(location.substring(location.lastIndexOf('/') + 1)));
    }

    @Test
    void theClinicalOverlaysAreMountedWhereTheConfigLooksAndLoad() throws Exception {
        JsonNode overlays = read("clinical-overlay.yaml");
        Path dir = Files.createTempDirectory("overlays");
        Path[] files = new Path[2];
        String[] settings = {"MYOLINE_RULES_OVERLAY", "MYOLINE_CATALOGUE_OVERLAY"};
        for (int i = 0; i < 2; i++) {
            String location = read("configmap.yaml").at("/data/" + settings[i]).asText();
            assertEquals(overlays.at("/metadata/name").asText(), configMapMountedAt(location), settings[i]);
            String file = location.substring(location.lastIndexOf('/') + 1);
            assertTrue(overlays.at("/data").has(file), file);
            files[i] = Files.writeString(dir.resolve(file), overlays.at("/data/" + file).asText());
        }
        // The shipped example must start a service: load it exactly as start-up does.
        var knowledge = org.myoline.rules.RulesLoader.load(java.util.Optional.of(files[0]),
                org.myoline.catalogue.DrugCatalogue.load(java.util.Optional.of(files[1])));
        org.myoline.rules.EngineFactory.create(knowledge);
        assertTrue(knowledge.version().startsWith("2026.12.1+hospital/"), knowledge.version());
    }

    /** The ConfigMap behind the volume mounted at the directory of {@code location}. */
    private String configMapMountedAt(String location) {
        JsonNode pod = read("deployment.yaml").at("/spec/template/spec");
        String volume = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (location.startsWith(mount.path("mountPath").asText() + "/")) {
                volume = mount.path("name").asText();
            }
        }
        assertTrue(volume != null, "no volume mounted at " + location);
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals(volume)) {
                return v.at("/configMap/name").asText();
            }
        }
        throw new AssertionError("volume " + volume + " is not declared");
    }

    @Test
    void severalStatelessReplicasWithDisruptionBudgetAndAutoscaler() {
        assertTrue(read("deployment.yaml").at("/spec/replicas").asInt() >= 2);
        assertEquals("PodDisruptionBudget", read("pdb.yaml").path("kind").asText());
        assertEquals(read("deployment.yaml").at("/spec/selector/matchLabels"), read("pdb.yaml").at("/spec/selector/matchLabels"));
        JsonNode hpa = read("hpa.yaml");
        assertEquals("myoline", hpa.at("/spec/scaleTargetRef/name").asText());
        assertTrue(hpa.at("/spec/minReplicas").asInt() >= 2);
        int grace = read("deployment.yaml").at("/spec/template/spec/terminationGracePeriodSeconds").asInt();
        String shutdown = config.getProperty("quarkus.shutdown.timeout", "0S").replaceAll("[^0-9]", "");
        assertTrue(grace > Integer.parseInt(shutdown), "the pod must outlive graceful shutdown");
    }

    private static JsonNode read(String file) {
        try {
            return YAML.readTree(Files.readString(Path.of("k8s", file)));
        } catch (Exception e) {
            throw new AssertionError("cannot read k8s/" + file, e);
        }
    }
}
