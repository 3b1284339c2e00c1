package io.laurel.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.quarkus.mongodb.runtime.MongoRequestContext;

class MongoSpansTest {

    @Test
    void aCommandIsNamedByItsCollectionWithoutReadingItsDocuments() {
        assertEquals("badge_meta", MongoSpans.collectionOf("find",
                BsonDocument.parse("{\"find\": \"badge_meta\", \"filter\": {\"passwordHash\": \"x\"}}")));
        assertEquals("users", MongoSpans.collectionOf("insert", BsonDocument.parse("{\"insert\": \"users\"}")));
        // aggregate {aggregate: 1} names no collection; nor does a command whose name is not its first key.
        assertNull(MongoSpans.collectionOf("aggregate", BsonDocument.parse("{\"aggregate\": 1}")));
        assertNull(MongoSpans.collectionOf("ping", BsonDocument.parse("{\"ping\": 1}")));
    }

    @Test
    void theParentIsTheCallersContextOrNone() {
        Context request = Context.root().with(Span.wrap(SpanContext.create("0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault())));
        assertEquals(request, MongoSpans.parentOf(new MongoRequestContext(request)));
        assertEquals(Context.root(), MongoSpans.parentOf(null));
    }
}
