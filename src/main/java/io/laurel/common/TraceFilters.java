package io.laurel.common;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * What traces carry. MongoDB commands are traced as part of the request or forward that sends them; the background
 * polls (outbox leases, reconciler, counters: several a second on every replica) would each be a trace of their own,
 * so a database span without a parent is not sampled. And a command's documents never leave the process: the MongoDB
 * instrumentation puts the whole command (customers, password hashes, sealed credentials) in {@code mongodb.command};
 * only its name and collection are kept.
 */
@Singleton
public class TraceFilters {

    static final AttributeKey<String> COMMAND = AttributeKey.stringKey("mongodb.command");
    static final Pattern COMMAND_AND_COLLECTION = Pattern.compile("^\\s*\\{\\s*(\"[A-Za-z]+\"\\s*:\\s*\"[^\"]*\")");

    @Produces
    @Singleton
    Sampler sampler(@ConfigProperty(name = "quarkus.otel.traces.sampler.arg", defaultValue = "1.0") double ratio) {
        return new BackgroundDatabaseSampler(Sampler.parentBased(Sampler.traceIdRatioBased(ratio)));
    }

    @Produces
    @Singleton
    SpanProcessor commandRedaction() {
        return new SpanProcessor() {
            @Override
            public void onStart(Context parent, ReadWriteSpan span) {
                String command = span.getAttribute(COMMAND);
                if (command != null) {
                    span.setAttribute(COMMAND, redact(command));
                }
            }

            @Override
            public boolean isStartRequired() {
                return true;
            }

            @Override
            public void onEnd(ReadableSpan span) {
            }

            @Override
            public boolean isEndRequired() {
                return false;
            }
        };
    }

    /** {@code {"find": "badge_meta", "filter": {...}}} → {@code {"find": "badge_meta"}}. */
    static String redact(String command) {
        Matcher head = COMMAND_AND_COLLECTION.matcher(command);
        return head.find() ? "{" + head.group(1) + "}" : "{}";
    }

    /** Drops database spans that start a trace; everything else as the configured ratio says. */
    static final class BackgroundDatabaseSampler implements Sampler {

        private final Sampler delegate;

        BackgroundDatabaseSampler(Sampler delegate) {
            this.delegate = delegate;
        }

        @Override
        public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind,
                Attributes attributes, List<LinkData> links) {
            if (kind == SpanKind.CLIENT && attributes.get(COMMAND) != null
                    && !Span.fromContext(parent).getSpanContext().isValid()) {
                return SamplingResult.drop();
            }
            return delegate.shouldSample(parent, traceId, name, kind, attributes, links);
        }

        @Override
        public String getDescription() {
            return "BackgroundDatabaseSampler{" + delegate.getDescription() + "}";
        }
    }
}
