package io.laurel.common;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a body declared larger than {@code quarkus.http.limits.max-body-size} with a 413 in the envelope,
 * before Quarkus's own limit (which answers with an empty body) and before anything reads the body.
 */
@Singleton
public class BodyLimitFilter {

    /** Runs ahead of Quarkus's upload-limit route (order -2): filters run at order -priority. */
    private static final int PRIORITY = 100;

    private final long limit;
    private final String body;

    BodyLimitFilter(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.limit = maxBodySize.asLongValue();
        this.body = Json.encode(ApiResponse.failure(List.of(ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE,
                "Request body is larger than the limit of " + limit + " bytes", null))));
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && isOver(length)) {
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaderNames.CONNECTION, "close")
                    .endHandler(done -> context.request().connection().close())
                    .end(body);
            return;
        }
        context.next();
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
