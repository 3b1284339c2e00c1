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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        // Verification takes a key set, so keys rotate (issue 21, item 3).
        assertEquals("/etc/laurel/jwt/jwks.json", env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").path("value").asText());
        Map<String, JsonNode> volumes = new HashMap<>();
        deployment.at("/spec/template/spec/volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        assertEquals("laurel-jwt", volumes.get("jwt").at("/secret/secretName").asText());
        Map<String, JsonNode> sources = new HashMap<>();
        container.path("envFrom").forEach(f -> f.fields().forEachRemaining(e -> sources.put(e.getValue().path("name")
                .asText(), e.getValue())));
        assertTrue(sources.containsKey("laurel-config"), "settings from the ConfigMap");
        // The first administrator from a Secret that may be deleted once it has done its work.
        assertTrue(sources.get("laurel-bootstrap").path("optional").asBoolean(), "an optional bootstrap Secret");
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
        assertEquals("kubernetes.io/hostname", pod.at("/affinity/podAntiAffinity"
                + "/preferredDuringSchedulingIgnoredDuringExecution/0/podAffinityTerm/topologyKey").asText());
        JsonNode budget = kind(docs, "PodDisruptionBudget");
        assertNotNull(budget);
        assertEquals("laurel", budget.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText());
        assertEquals(1, budget.at("/spec/minAvailable").asInt());
        // Endpoints drain before the JVM stops, within the grace period.
        long pause = container.at("/lifecycle/preStop/sleep/seconds").asLong();
        assertTrue(pause > 0, "a preStop pause");
        assertTrue(pod.at("/terminationGracePeriodSeconds").asLong() > pause + 10,
                "grace after the pause and shutdown");
        // Prometheus on the management port; the ServiceMonitor only when asked for.
        assertEquals("9000", service.at("/metadata/annotations/prometheus.io~1port").asText());
        assertNull(kind(docs, "ServiceMonitor"), "a ServiceMonitor needs the Prometheus Operator: opt-in");
    }

    static List<JsonNode> deployDocuments() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("deploy"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                all.addAll(documents(file));
            }
        }
        return all;
    }

    static JsonNode named(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())
                && name.equals(d.at("/metadata/name").asText())).findFirst().orElse(null);
    }

    @Test
    void theExampleManifestsHaveTheirKindsAndNoSecretValue() throws IOException {
        List<JsonNode> all = deployDocuments();
        assertEquals("laurel", kind(all, "HorizontalPodAutoscaler").at("/spec/scaleTargetRef/name").asText());
        assertNotNull(kind(all, "ConfigMap"));
        assertTrue(all.stream().noneMatch(d -> "Secret".equals(d.path("kind").asText())), "no Secret is committed");
    }

    /** Every object of the Kubernetes API, generated or hand-written, has only fields its kind has. */
    @Test
    void noManifestHasAFieldItsKindDoesNotHave() throws IOException {
        List<JsonNode> all = new ArrayList<>(documents(Path.of("target/kubernetes/kubernetes.yml")));
        all.addAll(deployDocuments());
        Set<String> checked = new HashSet<>();
        for (JsonNode object : all) {
            String kind = object.path("kind").asText();
            Optional<List<String>> unknown = UnknownFields.of(object);
            if (unknown.isPresent()) {
                assertEquals(List.of(), unknown.get(), kind + " " + object.at("/metadata/name").asText()
                        + ": fields its kind does not have");
                checked.add(kind);
            }
        }
        assertTrue(checked.containsAll(List.of("Deployment", "Service", "PodDisruptionBudget",
                "HorizontalPodAutoscaler", "NetworkPolicy", "ConfigMap")), "checked: " + checked);
    }

    /** Issue 21, item 2: a replica set the operator runs, with users, a keyFile and Laurel's connection string. */
    @Test
    void mongoDbIsAnOperatorReplicaSetWithUsersAndLaurelsConnectionStringInASecret() throws IOException {
        List<JsonNode> all = deployDocuments();
        assertNull(kind(all, "StatefulSet"), "the operator runs the members; no hand-written StatefulSet");
        JsonNode mongo = kind(all, "MongoDBCommunity");
        assertNotNull(mongo, "a MongoDBCommunity resource");
        assertEquals("mongodbcommunity.mongodb.com/v1", mongo.path("apiVersion").asText());
        JsonNode spec = mongo.path("spec");
        assertEquals("ReplicaSet", spec.path("type").asText());
        assertTrue(spec.path("members").asInt() >= 3 && spec.path("members").asInt() % 2 == 1, "an odd set of 3+");
        // An exact version, never a floating tag.
        assertTrue(spec.path("version").asText().matches("\\d+\\.\\d+\\.\\d+"), spec.path("version").asText());
        // SCRAM only (SHA-256); with authentication on, the operator gives the members a keyFile of their own.
        assertEquals(List.of("SCRAM-SHA-256"),
                YAML.convertValue(spec.at("/security/authentication/modes"), List.class));
        assertFalse(spec.at("/security/authentication/ignoreUnknownUsers").asBoolean(true), "only the listed users");
        JsonNode laurel = null;
        for (JsonNode user : spec.path("users")) {
            assertFalse(user.at("/passwordSecretRef/name").asText().isEmpty(), "a password from a Secret: " + user);
            assertFalse(user.has("password"), "no password inline");
            if ("laurel".equals(user.path("name").asText())) {
                laurel = user;
            }
        }
        assertNotNull(laurel, "Laurel's own user");
        // Least privilege: read and write Laurel's database, nothing more.
        String database = kind(all, "ConfigMap").at("/data/QUARKUS_MONGODB_DATABASE").asText();
        assertEquals(1, laurel.path("roles").size(), laurel.toString());
        assertEquals("readWrite", laurel.at("/roles/0/name").asText());
        assertEquals(database, laurel.at("/roles/0/db").asText());
        assertEquals("majority", laurel.at("/additionalConnectionStringConfig/w").asText());
        // The Deployment reads the very Secret and key the operator writes.
        JsonNode container = kind(documents(Path.of("target/kubernetes/kubernetes.yml")), "Deployment")
                .at("/spec/template/spec/containers/0");
        JsonNode ref = null;
        for (JsonNode e : container.path("env")) {
            if ("QUARKUS_MONGODB_CONNECTION_STRING".equals(e.path("name").asText())) {
                ref = e.at("/valueFrom/secretKeyRef");
            }
        }
        assertNotNull(ref);
        assertEquals(laurel.path("connectionStringSecretName").asText(), ref.path("name").asText());
        assertEquals("connectionString.standard", ref.path("key").asText());
        // TLS only, with the certificate cert-manager issues, and Laurel trusting that CA alone.
        JsonNode tls = spec.at("/security/tls");
        assertTrue(tls.path("enabled").asBoolean() && !tls.path("optional").asBoolean(true), "TLS required");
        JsonNode certificate = named(all, "Certificate", tls.at("/certificateKeySecretRef/name").asText());
        assertNotNull(certificate, "a cert-manager Certificate for the members");
        assertEquals(certificate.at("/spec/secretName").asText(), tls.at("/caCertificateSecretRef/name").asText());
        String hosts = "*." + mongoPodLabel(mongo) + ".";
        assertTrue(YAML.convertValue(certificate.at("/spec/dnsNames"), List.class).stream()
                .anyMatch(name -> name.toString().startsWith(hosts)), "the members' names: " + hosts);
        JsonNode deploymentPod = kind(documents(Path.of("target/kubernetes/kubernetes.yml")), "Deployment")
                .at("/spec/template/spec");
        JsonNode caVolume = null;
        for (JsonNode volume : deploymentPod.path("volumes")) {
            if (certificate.at("/spec/secretName").asText().equals(volume.at("/secret/secretName").asText())) {
                caVolume = volume;
            }
        }
        assertNotNull(caVolume, "Laurel mounts the CA");
        assertEquals(1, caVolume.at("/secret/items").size(), "the CA alone, never the members' key");
        assertEquals("ca.crt", caVolume.at("/secret/items/0/key").asText());
        String caPath = null;
        for (JsonNode mount : deploymentPod.at("/containers/0/volumeMounts")) {
            if (caVolume.path("name").asText().equals(mount.path("name").asText())) {
                caPath = mount.path("mountPath").asText() + "/" + caVolume.at("/secret/items/0/path").asText();
            }
        }
        JsonNode settings = kind(all, "ConfigMap").path("data");
        String tlsName = settings.path("QUARKUS_MONGODB_TLS_CONFIGURATION_NAME").asText();
        assertEquals("mongodb", tlsName);
        assertEquals(caPath, settings.path("QUARKUS_TLS_MONGODB_TRUST_STORE_PEM_CERTS").asText());
        // One member per node.
        JsonNode pod = spec.at("/statefulSet/spec/template/spec");
        JsonNode term = pod.at("/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/0");
        assertEquals("kubernetes.io/hostname", term.path("topologyKey").asText());
        assertEquals(mongoPodLabel(mongo), term.at("/labelSelector/matchLabels/app").asText());
        assertFalse(pod.at("/containers/0/resources/limits/memory").asText().isEmpty());
    }

    /** The operator labels the members' pods app=NAME-svc. */
    static String mongoPodLabel(JsonNode mongo) {
        return mongo.at("/metadata/name").asText() + "-svc";
    }

    /** Issue 21, item 2: only Laurel reaches MongoDB; Laurel reaches only MongoDB, DNS, itself and named addresses. */
    @Test
    void networkPoliciesCloseMongoDbAndLaurelsEgress() throws IOException {
        List<JsonNode> all = deployDocuments();
        String mongoPods = mongoPodLabel(kind(all, "MongoDBCommunity"));
        JsonNode deployment = kind(documents(Path.of("target/kubernetes/kubernetes.yml")), "Deployment");
        String laurelPods = deployment.at("/spec/template/metadata/labels/app.kubernetes.io~1name").asText();
        assertEquals("laurel", laurelPods);

        JsonNode ingress = named(all, "NetworkPolicy", "laurel-mongodb-ingress");
        assertNotNull(ingress);
        assertEquals(mongoPods, ingress.at("/spec/podSelector/matchLabels/app").asText());
        assertEquals(List.of("Ingress"), YAML.convertValue(ingress.at("/spec/policyTypes"), List.class));
        boolean fromLaurel = false;
        for (JsonNode rule : ingress.at("/spec/ingress")) {
            assertTrue(rule.path("from").size() > 0, "a rule without sources admits everyone");
            for (JsonNode peer : rule.path("from")) {
                // Pods of this namespace only: no other namespace, no address range.
                assertFalse(peer.has("namespaceSelector") || peer.has("ipBlock"), peer.toString());
                assertTrue(peer.at("/podSelector/matchLabels").size() > 0, peer.toString());
                fromLaurel |= laurelPods.equals(peer.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText());
            }
            assertEquals(1, rule.path("ports").size());
            assertEquals(27017, rule.at("/ports/0/port").asInt());
        }
        assertTrue(fromLaurel, "Laurel may reach MongoDB");

        JsonNode egress = named(all, "NetworkPolicy", "laurel-egress");
        assertNotNull(egress);
        assertEquals(laurelPods, egress.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText());
        assertEquals(List.of("Egress"), YAML.convertValue(egress.at("/spec/policyTypes"), List.class));
        boolean toMongo = false;
        boolean dnsUdp = false;
        boolean dnsTcp = false;
        for (JsonNode rule : egress.at("/spec/egress")) {
            assertTrue(rule.path("to").size() > 0 && rule.path("ports").size() > 0, "an open rule: " + rule);
            for (JsonNode peer : rule.path("to")) {
                String cidr = peer.at("/ipBlock/cidr").asText();
                assertFalse(cidr.endsWith("/0"), "everywhere: " + rule);
                toMongo |= mongoPods.equals(peer.at("/podSelector/matchLabels/app").asText());
                if ("kube-dns".equals(peer.at("/podSelector/matchLabels/k8s-app").asText())) {
                    for (JsonNode port : rule.path("ports")) {
                        assertEquals(53, port.path("port").asInt());
                        dnsUdp |= "UDP".equals(port.path("protocol").asText());
                        dnsTcp |= "TCP".equals(port.path("protocol").asText());
                    }
                }
            }
        }
        assertTrue(toMongo && dnsUdp && dnsTcp, "MongoDB and DNS (UDP and TCP)");
    }

    @Test
    void noManifestInlinesASecret() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("target/kubernetes/kubernetes.yml")));
        try (Stream<Path> deploy = Files.list(Path.of("deploy"))) {
            files.addAll(deploy.filter(Files::isRegularFile).toList());
        }
        for (Path file : files) {
            String text = Files.readString(file);
            assertFalse(SECRET_VALUE.matcher(text.replaceAll("(?m)^\\s*#.*$", "")).find(), file + " inlines a secret");
        }
    }
}
