package io.laurel.event;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * A feature whose documents raise events ({@link PendingEvents}): it names its collections and turns a document's
 * pending events into {@link Event}s, built from the document as it is when they are published.
 */
public interface EventSource {

    List<Source<?>> sources();

    /**
     * One collection: {@code name} (the outbox queue is {@code events.name}), how to reach it, a document's id and
     * pending events, and the events a batch of documents raised (one query for what they refer to, not one a
     * document).
     */
    record Source<T>(String name, Supplier<ReactiveMongoCollection<T>> collection,
            Function<T, Object> idOf, Function<T, PendingEvents> pendingOf,
            Function<List<T>, Uni<List<Event>>> events) {
    }
}
