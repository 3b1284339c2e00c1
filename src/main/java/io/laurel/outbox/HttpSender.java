package io.laurel.outbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.laurel.common.LaurelConfig;
import io.laurel.common.ValidateOnly;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * The outbox's HTTP client, for every queue that sends (workflow forwards, webhook deliveries). Sends over HTTP: no redirects followed, one deadline for connect, headers and body (the connection is reset
 * when it passes, so a target that drips holds nothing), a bounded pool per origin, the answer cut at the configured
 * size.
 */
@ApplicationScoped
public class HttpSender {

    private final HttpClient client;
    private final Duration timeout;
    private final int maxOutput;

    HttpSender(Vertx vertx, LaurelConfig config) {
        LaurelConfig.Workflow workflow = config.workflow();
        this.timeout = workflow.forwardTimeout();
        this.maxOutput = workflow.maxOutputBytes();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setKeepAlive(true)
                .setMaxRedirects(0),
                new PoolOptions().setHttp1MaxSize(workflow.poolSize()).setMaxWaitQueueSize(workflow.poolQueue()));
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }

    /** Framing headers: how Laurel's client talks to a target is Laurel's, never the caller's. */
    public static final Set<String> FRAMING = Set.of("host", "content-length", "transfer-encoding", "connection",
            "upgrade", "te", "trailer", "expect", "keep-alive", "proxy-connection", "proxy-authorization");

    /** Laurel's own headers (validate-only and any later one) change how a target treats the call. */
    public static final String LAUREL_PREFIX = "x-laurel-";

    /** At most this many answer headers are kept, each value cut to {@link #MAX_HEADER_VALUE} characters. */
    static final int MAX_HEADERS = 50;
    static final int MAX_HEADER_VALUE = 1024;

    /**
     * The target's answer; {@code body} cut to the configured size; {@code headers} as the vendor keeps them
     * (name → values), without cookies and those the caller calls hidden (credentials).
     */
    public record Answer(int status, Map<String, List<String>> headers, String body) {

        public static Answer none(String reason) {
            return new Answer(0, Map.of(), reason);
        }

        static Map<String, List<String>> kept(MultiMap headers, Predicate<String> hidden) {
            Map<String, List<String>> kept = new LinkedHashMap<>();
            for (String name : headers.names()) {
                if (kept.size() >= MAX_HEADERS || hidden.test(name)
                        || name.toLowerCase(Locale.ROOT).contains("cookie")) {
                    continue;
                }
                kept.put(name, headers.getAll(name).stream()
                        .map(v -> v.length() > MAX_HEADER_VALUE ? v.substring(0, MAX_HEADER_VALUE) : v).toList());
            }
            return kept;
        }

        public boolean success() {
            return status >= 200 && status < 300;
        }

        public boolean refused() {
            return status >= 400 && status < 500;
        }
    }

    /**
     * POSTs {@code body}; see {@link #send}.
     */
    public Uni<Answer> post(String origin, String path, Map<String, Object> queryParams, Map<String, String> headers,
            String body, boolean validateOnly, Predicate<String> hidden) {
        return send("POST", origin, path, queryParams, headers, body, validateOnly, hidden);
    }

    /**
     * Sends {@code body} with {@code method} (POST or PUT) and {@code headers} (framing and Laurel's own headers are
     * never taken from them) and, when {@code validateOnly}, Laurel's validate-only header; the answer keeps no header
     * {@code hidden} names. Fails when the deadline passes first.
     */
    public Uni<Answer> send(String method, String origin, String path, Map<String, Object> queryParams,
            Map<String, String> headers, String body, boolean validateOnly, Predicate<String> hidden) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)))
                .setAbsoluteURI(origin + path + query(queryParams)).setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis());
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        return client.request(options)
                .chain(request -> {
                    sent.set(request);
                    headers.forEach((name, value) -> {
                        String lower = name.toLowerCase(Locale.ROOT);
                        if (!FRAMING.contains(lower) && !lower.startsWith(LAUREL_PREFIX)) {
                            request.putHeader(name, value);
                        }
                    });
                    if (validateOnly) {
                        request.putHeader(ValidateOnly.HEADER, "true");
                    }
                    if (request.headers().get("content-type") == null) {
                        request.putHeader("content-type", "application/json");
                    }
                    return request.send(Buffer.buffer(body));
                })
                .chain(response -> read(response)
                        .map(text -> new Answer(response.statusCode(), Answer.kept(response.headers(), hidden), text)))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no whole answer within " + timeout))
                // Whatever ended the call early, its connection goes back to nobody: reset it, freeing the pool slot.
                .onFailure().invoke(() -> reset(sent.get()))
                .onCancellation().invoke(() -> reset(sent.get()));
    }

    private static void reset(HttpClientRequest request) {
        if (request != null) {
            request.reset();
        }
    }

    /**
     * The answer's first {@code maxOutput} bytes. A longer answer is cut at a character boundary and its connection
     * reset as soon as the limit is passed: it is never read, let alone held, whole.
     */
    private Uni<String> read(HttpClientResponse response) {
        Buffer kept = Buffer.buffer();
        return response.toMulti()
                .invoke(chunk -> kept.appendBuffer(chunk, 0, Math.min(chunk.length(), maxOutput + 1 - kept.length())))
                .select().first(chunk -> kept.length() <= maxOutput)
                .collect().last()
                .map(ignored -> {
                    if (kept.length() <= maxOutput) {
                        return kept.toString(StandardCharsets.UTF_8);
                    }
                    response.request().reset();
                    int end = maxOutput;
                    while (end > 0 && (kept.getByte(end) & 0xC0) == 0x80) {
                        end--; // a UTF-8 continuation byte: cut before the character it belongs to
                    }
                    return kept.getBuffer(0, end).toString(StandardCharsets.UTF_8) + "…[truncated]";
                });
    }

    private static String query(Map<String, Object> queryParams) {
        if (queryParams == null || queryParams.isEmpty()) {
            return "";
        }
        return "?" + queryParams.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(String.valueOf(e.getValue())))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
