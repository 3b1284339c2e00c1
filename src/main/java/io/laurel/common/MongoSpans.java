package io.laurel.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.RequestContext;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import com.mongodb.reactivestreams.client.ReactiveContextProvider;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.mongodb.runtime.MongoRequestContext;

/**
 * MongoDB commands as spans of the request or forward that sends them, carrying the command's name, database and
 * collection only. Quarkus's own MongoDB tracing is off (quarkus.mongodb.tracing.enabled): it writes every command
 * as JSON into a span attribute, documents and password hashes included, and does so for every command even when
 * tracing is off (60 to 80 ms for an issueBulk of 10,000, 12 to 19 µs for an earn's findAndModify, measured here).
 * This listener does nothing when tracing is off, and starts no trace of its own: the background polls (outbox
 * leases, reconciler, counters), several a second on every replica, would each be one.
 */
@Singleton
public class MongoSpans implements CommandListener {

    private final boolean enabled;
    private final Tracer tracer;
    private final Map<Integer, Span> open = new ConcurrentHashMap<>();

    MongoSpans(OpenTelemetry openTelemetry, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean disabled) {
        this.enabled = !disabled;
        this.tracer = openTelemetry.getTracer("io.laurel.mongodb");
    }

    /**
     * Hands the caller's trace context to the driver, which gives it back in each command's events; with tracing off,
     * one shared empty context (nothing reads or writes it), so an operation allocates nothing for tracing.
     */
    @Produces
    @Singleton
    ReactiveContextProvider traceContext() {
        if (!enabled) {
            MongoRequestContext none = new MongoRequestContext(Context.root());
            return subscriber -> none;
        }
        return subscriber -> new MongoRequestContext(Context.current());
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!enabled) {
            return;
        }
        Context parent = parentOf(event.getRequestContext());
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return;
        }
        String collection = collectionOf(event.getCommandName(), event.getCommand());
        Span span = tracer.spanBuilder(collection == null ? event.getCommandName()
                : event.getCommandName() + " " + collection)
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("db.system.name", "mongodb")
                .setAttribute("db.namespace", event.getDatabaseName())
                .setAttribute("db.operation.name", event.getCommandName())
                .setAttribute("db.collection.name", collection == null ? "" : collection)
                .startSpan();
        open.put(event.getRequestId(), span);
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        Span span = open.remove(event.getRequestId());
        if (span != null) {
            span.end();
        }
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        Span span = open.remove(event.getRequestId());
        if (span != null) {
            span.setStatus(StatusCode.ERROR, event.getThrowable().getClass().getSimpleName());
            span.end();
        }
    }

    static Context parentOf(RequestContext context) {
        if (context == null) {
            return Context.root();
        }
        Context parent = context.getOrDefault(MongoRequestContext.OTEL_CONTEXT_KEY, Context.root());
        return parent == null ? Context.root() : parent;
    }

    /** The collection a command names as its first value ({@code {"find": "badge_meta", ...}}), if it names one. */
    static String collectionOf(String commandName, BsonDocument command) {
        BsonValue value = command.get(commandName);
        return value != null && value.isString() ? value.asString().getValue() : null;
    }
}
