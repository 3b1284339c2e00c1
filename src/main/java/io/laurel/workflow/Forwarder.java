package io.laurel.workflow;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.laurel.common.LaurelConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;

/** Sends a task over HTTP: no redirects followed, bounded in time, the answer cut at the configured size. */
@ApplicationScoped
public class Forwarder {

    /** Headers that belong to one connection or are computed by the client, never copied from a payload. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "transfer-encoding",
            "keep-alive", "upgrade", "te", "trailer", "proxy-authorization", "proxy-connection");

    private final HttpClient client;
    private final Duration timeout;
    private final int maxOutput;

    Forwarder(Vertx vertx, LaurelConfig config) {
        this.timeout = config.workflow().forwardTimeout();
        this.maxOutput = config.workflow().maxOutputBytes();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setKeepAlive(true)
                .setMaxRedirects(0));
    }

    /** The target's answer; {@code body} cut to the configured size. */
    record Answer(int status, String body) {
        boolean success() {
            return status >= 200 && status < 300;
        }

        boolean refused() {
            return status >= 400 && status < 500;
        }
    }

    Uni<Answer> post(String origin, String path, Map<String, Object> queryParams, Map<String, String> headers,
            String body) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(origin + path + query(queryParams)).setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis());
        return client.request(options)
                .chain(request -> {
                    headers.forEach((name, value) -> {
                        if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                            request.putHeader(name, value);
                        }
                    });
                    if (request.headers().get("content-type") == null) {
                        request.putHeader("content-type", "application/json");
                    }
                    return request.send(Buffer.buffer(body));
                })
                .chain(response -> read(response).map(text -> new Answer(response.statusCode(), text)))
                .ifNoItem().after(timeout.plusSeconds(1)).fail();
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
