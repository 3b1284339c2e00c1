package io.laurel.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a child process on a free port. */
public final class LaurelApp implements AutoCloseable {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-1";

    private final ChildProcess process;
    private final int port;
    private final int managementPort;

    private LaurelApp(ChildProcess process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    /**
     * Starts the jar with a bootstrap admin, the given environment, and waits until it listens: on QUARKUS_HTTP_PORT
     * when the environment names one, else on a free port.
     */
    /**
     * The connection string of the store an instance started with {@code LAUREL_STORE_PORT=storePort} serves, or the
     * given MongoDB when the suite runs on one ({@code -Dsuite.mongodb}).
     */
    public static String store(int storePort) {
        return MemoryStoreResource.GIVEN.isEmpty() ? "mongodb://127.0.0.1:" + storePort : MemoryStoreResource.GIVEN;
    }

    /** This run's suffix of the ITs' databases on a given MongoDB. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    /**
     * The database the instances of the calling IT use: {@code laurel} on the embedded store, and one of the IT's own
     * ({@code laurel_<it>_<run>}) on a given MongoDB.
     */
    public static String database() {
        if (MemoryStoreResource.GIVEN.isEmpty()) {
            return "laurel";
        }
        String it = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(f -> f.getDeclaringClass().getSimpleName())
                        .filter(name -> name.endsWith("IT")).findFirst().orElse("it"));
        return "laurel_" + it.toLowerCase(java.util.Locale.ROOT) + "_" + RUN;
    }

    public static LaurelApp start(Map<String, String> env) throws IOException {
        return start(env, line -> {
        });
    }

    /** As {@link #start(Map)}, handing every line of output to {@code lines} (to await a logged event). */
    public static LaurelApp start(Map<String, String> env, Consumer<String> lines) throws IOException {
        int port = env.containsKey("QUARKUS_HTTP_PORT") ? Integer.parseInt(env.get("QUARKUS_HTTP_PORT")) : freePort();
        Map<String, String> full = new HashMap<>(env);
        if (!MemoryStoreResource.GIVEN.isEmpty()) {
            // The suite on a given MongoDB: every instance uses it, whatever store the test meant to start, in a
            // database of the IT's own (what the other tests left there is not this IT's load).
            full.put("QUARKUS_MONGODB_CONNECTION_STRING", MemoryStoreResource.GIVEN);
            full.putIfAbsent("QUARKUS_MONGODB_DATABASE", database());
        }
        full.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        int managementPort = freePort();
        full.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        full.put("LAUREL_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        full.put("LAUREL_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // Instances started by tests generate their token key into their data directory unless a test sets keys.
        full.putIfAbsent("LAUREL_ALLOW_GENERATED_KEYS", "true");
        // An empty value leaves the variable out: the jar's own default.
        full.values().removeIf(String::isEmpty);
        String jar = System.getProperty("laurel.app.jar", "target/quarkus-app/quarkus-run.jar");
        String heap = System.getProperty("laurel.app.heap", "512m");
        List<String> jvm = new java.util.ArrayList<>(List.of("-Xmx" + heap));
        // For profiling a run, e.g. -Dlaurel.app.jvm-options=-XX:StartFlightRecording=filename=/tmp/earn.jfr
        String extra = System.getProperty("laurel.app.jvm-options", "");
        if (!extra.isBlank()) {
            jvm.addAll(List.of(extra.trim().split("\\s+")));
        }
        jvm.addAll(List.of("-jar", jar));
        ChildProcess child = ChildProcess.start(jvm, full, line -> {
            lines.accept(line);
            return line.contains("Listening on");
        }, Duration.ofSeconds(120));
        return new LaurelApp(child, port, managementPort);
    }

    public RequestSpecification given() {
        return RestAssured.given().baseUri("http://127.0.0.1").port(port);
    }

    /** Health and metrics: the management interface, not the public port. */
    public RequestSpecification management() {
        return RestAssured.given().baseUri("http://127.0.0.1").port(managementPort);
    }

    public int managementPort() {
        return managementPort;
    }

    public RequestSpecification asAdmin() {
        return given().header("Authorization", Tokens.basic(ADMIN, ADMIN_PASSWORD));
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String output() {
        return process.output();
    }

    public String tail() {
        return process.tail();
    }

    /** {@code kill -9}. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
