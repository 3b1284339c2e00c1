package io.laurel.delivery;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.laurel.support.LaurelApp;
import io.restassured.http.ContentType;

/**
 * Laurel's side of MongoDB over TLS with a private CA, as deploy/laurel-config.yml sets it: the store reached only
 * through a TLS endpoint whose certificate a test CA signed, and the CA given to Laurel alone as a PEM file (the
 * ca.crt the Deployment mounts). With it Laurel works through TLS; without it (the JVM's own trust store) it is not
 * ready, as the certificate is not trusted.
 */
@DisabledIfSystemProperty(named = "suite.mongodb", matches = ".+",
        disabledReason = "a TLS endpoint in front of the embedded store: the embedded store only")
class MongoTlsIT {

    static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, process.exitValue(), String.join(" ", args) + "\n" + output);
    }

    /** A CA (ca.pem) and, in server.p12, a key for localhost whose certificate the CA signed. */
    void certificates() throws Exception {
        String[] store = { "-storepass", PASSWORD, "-keypass", PASSWORD };
        keytool(concat(new String[] { "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=laurel-test-ca", "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12" }, store));
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD,
                "-file", "ca.pem");
        keytool(concat(new String[] { "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-validity", "2", "-keystore", "server.p12" }, store));
        keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-storepass", PASSWORD,
                "-file", "server.csr");
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD, "-infile",
                "server.csr", "-outfile", "server.pem", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "server.p12",
                "-storepass", PASSWORD);
        keytool("-importcert", "-alias", "server", "-file", "server.pem", "-keystore", "server.p12",
                "-storepass", PASSWORD);
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** A TLS endpoint that forwards each connection to the store: what a TLS-only MongoDB is to its clients. */
    static final class TlsEndpoint implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger handshakes = new AtomicInteger();
        final List<Socket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());

        TlsEndpoint(Path keyStore, int target) throws Exception {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = new FileInputStream(keyStore.toFile())) {
                keys.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(managers.getKeyManagers(), null, null);
            server = tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket store = new Socket(InetAddress.getLoopbackAddress(), target);
                        sockets.add(client);
                        sockets.add(store);
                        pump(client, store, true);
                        pump(store, client, false);
                    } catch (IOException e) {
                        // closed, or a client that gave up
                    }
                }
            }, "tls-endpoint");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        void pump(Socket from, Socket to, boolean fromClient) {
            Thread thread = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    byte[] buffer = new byte[16384];
                    boolean first = fromClient;
                    for (int n; (n = in.read(buffer)) >= 0;) {
                        if (first) {
                            // A byte read from the client means its handshake succeeded: it trusted the certificate.
                            handshakes.incrementAndGet();
                            first = false;
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // either side closed
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "tls-pump");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() {
            closeQuietly(server);
            synchronized (sockets) {
                sockets.forEach(TlsEndpoint::closeQuietly);
            }
        }

        static void closeQuietly(AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing
            }
        }
    }

    @Test
    void laurelReachesATlsOnlyStoreThroughItsPrivateCaAndRefusesItWithoutIt() throws Exception {
        certificates();
        int storePort = LaurelApp.freePort();
        try (LaurelApp owner = LaurelApp.start(Map.of("LAUREL_DATA_DIR", dir.resolve("owner").toString(),
                "LAUREL_STORE_PORT", Integer.toString(storePort)));
                TlsEndpoint endpoint = new TlsEndpoint(dir.resolve("server.p12"), storePort)) {
            String uri = "mongodb://localhost:" + endpoint.port() + "/?tls=true&serverSelectionTimeoutMS=3000";
            // As deploy/laurel-config.yml and the Deployment's ca.crt mount give it.
            try (LaurelApp client = LaurelApp.start(Map.of("LAUREL_DATA_DIR", dir.resolve("client").toString(),
                    "QUARKUS_MONGODB_CONNECTION_STRING", uri,
                    "QUARKUS_MONGODB_TLS_CONFIGURATION_NAME", "mongodb",
                    "QUARKUS_TLS_MONGODB_TRUST_STORE_PEM_CERTS", dir.resolve("ca.pem").toString()))) {
                client.management().get("/q/health/ready").then().statusCode(200);
                long id = client.asAdmin().contentType(ContentType.JSON).body(Map.of("email", "tls@example.com"))
                        .post("/api_gateway/v1/customers").then().statusCode(201)
                        .extract().jsonPath().getLong("data.customerId");
                owner.asAdmin().get("/api_gateway/v1/customers/" + id).then().statusCode(200)
                        .body("data.email", equalTo("tls@example.com"));
                assertTrue(endpoint.handshakes.get() > 0, "the client's traffic went through TLS");
            }
            int trusted = endpoint.handshakes.get();
            // The JVM's own trust store does not know the private CA: no connection, not ready.
            try (LaurelApp untrusting = LaurelApp.start(Map.of("LAUREL_DATA_DIR", dir.resolve("untrusting").toString(),
                    "QUARKUS_MONGODB_CONNECTION_STRING", uri))) {
                untrusting.management().get("/q/health/ready").then().statusCode(503);
            } catch (IllegalStateException refusedToStart) {
                assertTrue(refusedToStart.getMessage().contains("PKIX") || refusedToStart.getMessage().contains("SSL"),
                        refusedToStart.getMessage());
            }
            assertEquals(trusted, endpoint.handshakes.get(), "no TLS session without the CA");
        }
    }
}
