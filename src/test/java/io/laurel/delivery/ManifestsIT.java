package io.laurel.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/** Every Kubernetes manifest parses, has the kinds and probes a deployment needs, and inlines no secret. */
class ManifestsIT {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Pattern SECRET_VALUE = Pattern.compile(
            "BEGIN [A-Z ]*PRIVATE KEY|mongodb(\\+srv)?://[^\\s/]*:[^\\s/]*@"
                    + "|(?im)^[ \\t-]*[a-z_]*(password|secret|token|encryption[-_]?key)[ \\t]*:[ \\t]*[^\\s{|>]+");

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            });
        }
        return docs;
    }

    static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst().orElse(null);
    }

    @Test
    void theGeneratedDeploymentProbesHealthSizesItselfAndTakesSecretsByReference() throws IOException {
        Path generated = Path.of("target/kubernetes/kubernetes.yml");
        assertTrue(Files.exists(generated), "./mvnw package generates " + generated);
        List<JsonNode> docs = documents(generated);
        assertNotNull(kind(docs, "Service"));
        JsonNode deployment = kind(docs, "Deployment");
        assertNotNull(deployment);
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText());
        // Health and metrics live on the management port, never on the public one.
        for (String probe : List.of("/livenessProbe", "/readinessProbe", "/startupProbe")) {
            assertEquals(9000, container.at(probe + "/httpGet/port").asInt(), probe);
        }
        assertEquals("9000", deployment.at("/spec/template/metadata/annotations/prometheus.io~1port").asText());
        assertEquals("/q/metrics", deployment.at("/spec/template/metadata/annotations/prometheus.io~1path").asText());
        for (String limit : List.of("/resources/requests/cpu", "/resources/requests/memory", "/resources/limits/memory")) {
            assertFalse(container.at(limit).asText().isEmpty(), limit);
        }
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        for (String secret : List.of("QUARKUS_MONGODB_CONNECTION_STRING", "LAUREL_WORKFLOW_ENCRYPTION_KEY")) {
            assertTrue(env.containsKey(secret), secret);
            assertTrue(env.get(secret).has("valueFrom") && !env.get(secret).has("value"), secret + " comes from a Secret");
        }
        assertEquals("/etc/laurel/jwt/privateKey.pem", env.get("SMALLRYE_JWT_SIGN_KEY_LOCATION").path("value").asText());
        Map<String, JsonNode> volumes = new HashMap<>();
        deployment.at("/spec/template/spec/volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        assertEquals("laurel-jwt", volumes.get("jwt").at("/secret/secretName").asText());
        assertEquals("laurel-config", container.at("/envFrom/0/configMapRef/name").asText());
    }

    /** Issue 21, item 1: the generated Deployment and Service apply cleanly, again and again, and safely. */
    @Test
    void theGeneratedManifestIsFitToApplyRepeatedlyAndLockedDown() throws IOException {
        List<JsonNode> docs = documents(Path.of("target/kubernetes/kubernetes.yml"));
        JsonNode deployment = kind(docs, "Deployment");
        JsonNode service = kind(docs, "Service");
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        // The image from configuration, never the builder's user name.
        assertTrue(container.path("image").asText().startsWith("ghcr.io/laurel-loyalty/laurel:"),
                container.path("image").asText());
        // Selectors are immutable: no version in them.
        assertFalse(deployment.at("/spec/selector/matchLabels").has("app.kubernetes.io/version"));
        assertFalse(service.at("/spec/selector").has("app.kubernetes.io/version"));
        // Nothing in the pod template changes from one build of the same image to the next.
        deployment.at("/spec/template/metadata/annotations").fieldNames().forEachRemaining(name -> assertFalse(
                name.contains("build-timestamp") || name.contains("commit-id"), name + " in the pod template"));
        // The autoscaler owns the count.
        assertTrue(deployment.at("/spec/replicas").isMissingNode(), "a fixed replicas");
        // Security contexts.
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText());
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
        assertEquals("ALL", container.at("/securityContext/capabilities/drop/0").asText());
        assertTrue(container.at("/securityContext/runAsNonRoot").asBoolean());
        // With a read-only root, the data directory is on the one writable volume.
        Map<String, String> mounts = new HashMap<>();
        container.path("volumeMounts").forEach(m -> mounts.put(m.path("mountPath").asText(), m.path("name").asText()));
        assertEquals("tmp", mounts.get("/tmp"));
        container.path("env").forEach(e -> {
            if (e.path("name").asText().equals("LAUREL_DATA_DIR")) {
                assertTrue(e.path("value").asText().startsWith("/tmp/"), e.toString());
            }
        });
        // Spread over nodes; at least one up through voluntary disruptions.
        assertEquals("kubernetes.io/hostname", pod.at("/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution"
                + "/0/podAffinityTerm/topologyKey").asText());
        JsonNode budget = kind(docs, "PodDisruptionBudget");
        assertNotNull(budget);
        assertEquals("laurel", budget.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText());
        assertEquals(1, budget.at("/spec/minAvailable").asInt());
        // Endpoints drain before the JVM stops, within the grace period.
        long pause = container.at("/lifecycle/preStop/sleep/seconds").asLong();
        assertTrue(pause > 0, "a preStop pause");
        assertTrue(pod.at("/terminationGracePeriodSeconds").asLong() > pause + 10, "grace after the pause and shutdown");
        // Prometheus on the management port; the ServiceMonitor only when asked for.
        assertEquals("9000", service.at("/metadata/annotations/prometheus.io~1port").asText());
        assertNull(kind(docs, "ServiceMonitor"), "a ServiceMonitor needs the Prometheus Operator: opt-in");
    }

    @Test
    void theExampleManifestsHaveTheirKindsAndNoSecretValue() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("deploy"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                all.addAll(documents(file));
            }
        }
        JsonNode mongo = kind(all, "StatefulSet");
        assertEquals(3, mongo.at("/spec/replicas").asInt());
        assertEquals("laurel-mongodb", mongo.at("/spec/serviceName").asText());
        assertTrue(all.stream().anyMatch(d -> "Service".equals(d.path("kind").asText())
                && "None".equals(d.at("/spec/clusterIP").asText())), "a headless Service for the replica set");
        assertEquals("laurel", kind(all, "HorizontalPodAutoscaler").at("/spec/scaleTargetRef/name").asText());
        assertNotNull(kind(all, "ConfigMap"));
        assertTrue(all.stream().noneMatch(d -> "Secret".equals(d.path("kind").asText())), "no Secret is committed");
    }

    @Test
    void noManifestInlinesASecret() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("target/kubernetes/kubernetes.yml")));
        try (Stream<Path> deploy = Files.list(Path.of("deploy"))) {
            files.addAll(deploy.toList());
        }
        for (Path file : files) {
            String text = Files.readString(file);
            assertFalse(SECRET_VALUE.matcher(text.replaceAll("(?m)^\\s*#.*$", "")).find(), file + " inlines a secret");
        }
    }
}
