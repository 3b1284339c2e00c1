package io.laurel.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on the allowed loopback origin ({@link MemoryStoreResource#TARGET_PORT}) that answers
 * {@code status} and keeps what it got, with the test's own Standard Webhooks signature check.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** A message as the receiver saw it. */
    public record Received(String target, Map<String, String> headers, String body) {

        public String id() {
            return headers.get("webhook-id");
        }
    }

    public final List<Received> got = new CopyOnWriteArrayList<>();
    /** Messages that arrived while another with the same id was still being received (two senders at once). */
    public final List<String> overlapping = new CopyOnWriteArrayList<>();
    public volatile int status = 204;
    /** How long each answer takes (a slow receiver, so that concurrent senders would overlap). */
    public volatile long answerMillis;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    public WebhookReceiver() throws IOException {
        this(MemoryStoreResource.TARGET_PORT);
    }

    public WebhookReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (id != null && open.merge(id, 1, Integer::sum) > 1) {
                overlapping.add(id);
            }
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
                got.add(new Received(exchange.getRequestURI().toString(), headers, body));
                if (answerMillis > 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(answerMillis));
                }
            } finally {
                if (id != null) {
                    open.merge(id, -1, Integer::sum);
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** The test's own check: HMAC-SHA256 of id.timestamp.body under the secret, base64, after "v1,". */
    public static boolean signedBy(String secret, Received message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = message.headers().get("webhook-id") + "." + message.headers().get("webhook-timestamp") + "."
                + message.body();
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        return List.of(message.headers().get("webhook-signature").split(" ")).contains(expected);
    }
}
