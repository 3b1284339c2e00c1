package io.laurel.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;

class TraceFiltersTest {

    static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    @Test
    void aCommandKeepsItsNameAndCollectionOnly() {
        assertEquals("{\"insert\": \"users\"}", TraceFilters.redact(
                "{\"insert\": \"users\", \"documents\": [{\"username\": \"a\", \"passwordHash\": \"$2a$...\"}]}"));
        assertEquals("{\"find\": \"badge_meta\"}", TraceFilters.redact("{\"find\": \"badge_meta\", \"filter\": {}}"));
        assertEquals("{}", TraceFilters.redact("{\"$db\": \"laurel\"}"));
        assertEquals("{}", TraceFilters.redact("not json"));
    }

    @Test
    void databaseSpansStartNoTraceOfTheirOwn() {
        Sampler sampler = new TraceFilters.BackgroundDatabaseSampler(Sampler.parentBased(Sampler.alwaysOn()));
        Attributes command = Attributes.of(TraceFilters.COMMAND, "{\"find\": \"outbox\"}");
        Context root = Context.root();
        Context inRequest = root.with(Span.wrap(SpanContext.create(TRACE, "b7ad6b7169203331", TraceFlags.getSampled(),
                TraceState.getDefault())));
        assertEquals(SamplingDecision.DROP,
                sampler.shouldSample(root, TRACE, "find", SpanKind.CLIENT, command, List.of()).getDecision());
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE,
                sampler.shouldSample(inRequest, TRACE, "find", SpanKind.CLIENT, command, List.of()).getDecision());
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, sampler.shouldSample(root, TRACE, "POST", SpanKind.CLIENT,
                Attributes.empty(), List.of()).getDecision());
    }
}
