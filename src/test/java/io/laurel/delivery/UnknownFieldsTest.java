package io.laurel.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The unknown-field check of manifests, on objects whose faults are known. */
class UnknownFieldsTest {

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: laurel, labels: {app.kubernetes.io/name: laurel}}
            spec:
              %s: 2
              selector: {matchLabels: {app.kubernetes.io/name: laurel}}
              template:
                metadata: {labels: {app.kubernetes.io/name: laurel}}
                spec:
                  containers:
                    - name: laurel
                      image: laurel:1
                      resources: {limits: {memory: 512Mi}}
                      ports: [{containerPort: 8080, name: http}]
                      securityContext: {%s: true, allowPrivilegeEscalation: false}
            """;

    static List<String> unknown(String yaml) throws Exception {
        return UnknownFields.of(ManifestsIT.YAML.readTree(yaml)).orElseThrow();
    }

    @Test
    void aCorrectObjectHasNone() throws Exception {
        assertEquals(List.of(), unknown(DEPLOYMENT.formatted("replicas", "readOnlyRootFilesystem")));
    }

    @Test
    void misspeltFieldsAreFoundWithTheirPaths() throws Exception {
        List<String> found = unknown(DEPLOYMENT.formatted("replica", "readOnlyRootFileSystem"));
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.contains(".spec.replica"), found.toString());
        assertTrue(found.contains(".spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem"),
                found.toString());
    }

    @Test
    void aFieldInTheWrongObjectIsFound() throws Exception {
        // runAsNonRoot belongs to a security context, not to a port.
        String misplaced = DEPLOYMENT.formatted("replicas", "readOnlyRootFilesystem")
                .replace("ports: [{containerPort: 8080, name: http}]",
                        "ports: [{containerPort: 8080, name: http, runAsNonRoot: true}]");
        assertEquals(List.of(".spec.template.spec.containers[0].ports[0].runAsNonRoot"), unknown(misplaced));
    }

    @Test
    void customResourcesAreLeftToTheirOwnChecks() throws Exception {
        assertEquals(Optional.empty(), UnknownFields.of(ManifestsIT.YAML.readTree("""
                apiVersion: mongodbcommunity.mongodb.com/v1
                kind: MongoDBCommunity
                metadata: {name: laurel-mongodb}
                spec: {members: 3, typo: 1}
                """)));
    }
}
