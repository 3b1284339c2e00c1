package io.laurel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The real MongoDB wire protocol over Laurel's embedded store, kept in memory, on a free loopback port. */
public class MemoryStoreResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-1";
    public static final long ORG = 100458;

    /** A free port the workflow may send to (a test starts and stops a target there). */
    public static final int TARGET_PORT = freePort();

    /** The management interface (health, metrics) of the service under test. */
    public static final int MANAGEMENT_PORT = freePort();

    /**
     * The public port, fixed rather than 0: Quarkus tags HTTP metrics with the port of a server that has a fixed one,
     * and two servers, one tagged and one not, cannot share a Prometheus meter.
     */
    public static final int HTTP_PORT = freePort();

    /**
     * A MongoDB to run the suite on instead ({@code -Dsuite.mongodb=mongodb://…}, a replica set): the suite
     * then never starts the embedded store, and every test and IT talks to that database.
     */
    public static final String GIVEN = System.getProperty("suite.mongodb", "").trim();

    private AutoCloseable store;
    private String connectionString;

    @Override
    public Map<String, String> start() {
        if (GIVEN.isEmpty()) {
            // The store Laurel ships, with every one of its patches, kept in memory; looked up by name, so that the
            // suite also compiles without it (the native build).
            try {
                Class<?> embedded = Class.forName("io.laurel.store.EmbeddedStore");
                store = (AutoCloseable) embedded.getMethod("inMemory").invoke(null);
                connectionString = (String) embedded.getMethod("connectionString").invoke(store);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("No embedded store in this build: give -Dsuite.mongodb", e);
            }
        } else {
            connectionString = GIVEN;
        }
        return Map.ofEntries(
                Map.entry("quarkus.mongodb.connection-string", connectionString),
                Map.entry("quarkus.http.test-port", Integer.toString(HTTP_PORT)),
                Map.entry("quarkus.management.test-port", Integer.toString(MANAGEMENT_PORT)),
                Map.entry("quarkus.management.port", Integer.toString(MANAGEMENT_PORT)),
                Map.entry("laurel.workflow.allowed-hosts", "http://127.0.0.1:" + TARGET_PORT),
                Map.entry("laurel.webhooks.allowed-origins", "http://127.0.0.1:" + TARGET_PORT),
                Map.entry("laurel.data-dir", "target/test-data"),
                Map.entry("laurel.bootstrap.admin-username", ADMIN),
                Map.entry("laurel.bootstrap.admin-password", ADMIN_PASSWORD),
                Map.entry("laurel.bootstrap.org-id", Long.toString(ORG)),
                // The packaged jar (FullPathIT) runs in the prod profile: one instance, its generated token key.
                Map.entry("laurel.allow-generated-keys", "true"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (store != null) {
            try {
                store.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
