package io.laurel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;

/**
 * {@code train}: starts the service on a throwaway embedded store, sends it a few typical requests, and exits. Run
 * under {@code -XX:AOTCacheOutput=app.aot} (JDK 25) or {@code -XX:ArchiveClassesAtExit=app-cds.jsa} (AppCDS), it
 * leaves the class cache that a later start reads ({@code -XX:AOTCache=…} / {@code -XX:SharedArchiveFile=…}) to be
 * ready sooner; the image build does this (docker/Dockerfile.jvm). Nothing outside its temporary directory is touched:
 * no configured store, free loopback ports.
 */
public final class Training implements QuarkusApplication {

    private static final String ADMIN = "trainer";
    private static final String PASSWORD = UUID.randomUUID().toString();

    private Training() {
    }

    static int command(String[] args) {
        if (System.getenv("QUARKUS_MONGODB_CONNECTION_STRING") != null
                || System.getProperty("quarkus.mongodb.connection-string") != null) {
            System.err.println("train: runs on a throwaway embedded store of its own; unset the MongoDB connection "
                    + "string (QUARKUS_MONGODB_CONNECTION_STRING) for it");
            return 2;
        }
        Path data;
        try {
            data = Files.createTempDirectory("laurel-train");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        set("quarkus.http.host", "127.0.0.1");
        set("quarkus.http.port", Integer.toString(freePort()));
        set("quarkus.management.host", "127.0.0.1");
        set("quarkus.management.port", Integer.toString(freePort()));
        set("laurel.data-dir", data.toString());
        set("laurel.allow-generated-keys", "true");
        set("laurel.bootstrap.admin-username", ADMIN);
        set("laurel.bootstrap.admin-password", PASSWORD);
        AtomicInteger exit = new AtomicInteger();
        try {
            Quarkus.run(Training.class, (code, failure) -> {
                if (failure != null) {
                    failure.printStackTrace();
                }
                exit.set(failure != null && code == 0 ? 1 : code);
            });
            return exit.get();
        } finally {
            delete(data);
        }
    }

    /** The training itself: requests that load what serving loads. The service stops when it returns. */
    @Override
    public int run(String... args) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + System.getProperty("quarkus.http.port");
        String management = "http://127.0.0.1:" + System.getProperty("quarkus.management.port");
        String basic = "Basic " + Base64.getEncoder().encodeToString((ADMIN + ":" + PASSWORD).getBytes());
        send(http, HttpRequest.newBuilder(URI.create(management + "/q/health/ready")).GET());
        send(http, HttpRequest.newBuilder(URI.create(base + "/v3/oauth/token/generate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"key\":\"" + ADMIN + "\",\"secret\":\"" + PASSWORD + "\"}")));
        send(http, HttpRequest.newBuilder(URI.create(base + "/api_gateway/v1/customers")).header("Authorization", basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"firstName\":\"Ada\",\"mobile\":\"919000000001\"}")));
        send(http, HttpRequest.newBuilder(URI.create(base + "/api_gateway/v1/badges/group"))
                .header("Authorization", basic).GET());
        send(http, HttpRequest.newBuilder(URI.create(base + "/api_gateway/v1/badges/badgeMeta"))
                .header("Authorization", basic).GET());
        send(http, HttpRequest.newBuilder(URI.create(base + "/api_gateway/v2/request-workflow/requests"))
                .header("Authorization", basic).GET());
        send(http, HttpRequest.newBuilder(URI.create(management + "/q/metrics")).GET());
        return 0;
    }

    private static void send(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 500) {
            throw new IllegalStateException("training: " + request.build().uri() + " answered " + status);
        }
    }

    private static void set(String name, String value) {
        System.setProperty(name, value);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A temporary directory: the system cleans it up.
        }
    }
}
