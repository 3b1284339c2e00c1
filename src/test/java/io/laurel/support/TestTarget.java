package io.laurel.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.restassured.RestAssured;

/**
 * A workflow target on {@link MemoryStoreResource#TARGET_PORT}: a proxy to Laurel itself that can be down (port
 * closed), pass calls through, or pass them through and then answer 503 as if the answer had been lost.
 */
public final class TestTarget implements AutoCloseable {

    public enum Mode {
        PASS,
        LOSE_ANSWER,
        /** Passes the call through, then answers a 2xx of Laurel's with {@link #HUGE} bytes instead. */
        HUGE_ANSWER,
        /**
         * Passes validation through; answers a real call itself, without passing it on, with HTTP 200 and an
         * envelope holding the item error 744, as the platform's own example does.
         */
        ERRORS_IN_OK
    }

    public static final int HUGE = 32 * 1024 * 1024;

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private volatile Mode mode = Mode.PASS;
    /** Every call received, as "METHOD path -> status Laurel answered". */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** Once a huge answer has ended: the bytes of it the caller took before it closed the connection. */
    public final CompletableFuture<Long> hugeSent = new CompletableFuture<>();

    private TestTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", MemoryStoreResource.TARGET_PORT), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                if (mode == Mode.ERRORS_IN_OK && exchange.getRequestHeaders().getFirst("X-LAUREL-VALIDATE-ONLY") == null) {
                    byte[] out = ("{\"createdId\": null, \"warnings\": [], \"errors\": [{\"code\": 744, "
                            + "\"message\": \"Reference id already exists\"}]}").getBytes();
                    calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " -> 200 (744)");
                    exchange.getResponseHeaders().add("content-type", "application/json");
                    exchange.sendResponseHeaders(200, out.length);
                    try (OutputStream os = exchange.getResponseBody()) {
                        os.write(out);
                    }
                    return;
                }
                HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                        + exchange.getRequestURI())).method(exchange.getRequestMethod(),
                                HttpRequest.BodyPublishers.ofByteArray(body));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!List.of("host", "content-length", "connection").contains(name.toLowerCase())) {
                        values.forEach(v -> forward.header(name, v));
                    }
                });
                HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " -> "
                        + answer.statusCode());
                if (mode == Mode.HUGE_ANSWER && answer.statusCode() / 100 == 2 && answer.body().length > 0) {
                    sendHuge(exchange);
                    return;
                }
                boolean lose = mode == Mode.LOSE_ANSWER;
                byte[] out = lose ? "{\"lost\":true}".getBytes() : answer.body();
                exchange.getResponseHeaders().add("content-type", "application/json");
                exchange.sendResponseHeaders(lose ? 503 : answer.statusCode(), out.length == 0 ? -1 : out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void sendHuge(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        long sent = 0;
        try (OutputStream os = exchange.getResponseBody()) {
            os.write("{\"pad\":\"".getBytes());
            while (sent < HUGE) {
                os.write(chunk);
                sent += chunk.length;
            }
        } catch (IOException closedByTheCaller) {
            // expected when the caller stops reading
        }
        hugeSent.complete(sent);
    }

    public static TestTarget start() throws IOException {
        TestTarget target = new TestTarget();
        target.server.start();
        return target;
    }

    public static String url() {
        return "http://127.0.0.1:" + MemoryStoreResource.TARGET_PORT;
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
