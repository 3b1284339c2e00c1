package io.laurel.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The events a change raised and that are not yet published, kept in the changed document under {@value #FIELD}
 * and written by the same write as the change: so an event exists exactly when its change does (a crash cannot
 * separate them, a refused change raises none). The other fields are the outbox's ({@code DueWork}), for the queue
 * that publishes them.
 */
@RegisterForReflection
public class PendingEvents {

    public static final String FIELD = "events";
    static final String PREFIX = FIELD + ".";
    static final String PENDING = PREFIX + "pending";

    public List<Pending> pending;
    public int attempts;
    public Instant nextAttemptAt;
    public Instant leaseUntil;
    public String leaseOwner;

    /**
     * For a new document ({@code id} of {@code collection}): it raises the events {@code types}, in this order, at
     * {@code at}.
     */
    public static PendingEvents of(String collection, Object id, Instant at, String... types) {
        PendingEvents events = new PendingEvents();
        events.pending = new ArrayList<>();
        for (String type : types) {
            events.pending.add(Pending.of(type, at));
        }
        raisedOn(collection, id);
        events.nextAttemptAt = at;
        return events;
    }

    /**
     * For an update of document {@code id} of {@code collection} (null when the update finds it by other fields: then
     * say {@link #raisedOn} once it is known): the change raises the event {@code type} at {@code at}, to combine
     * into the change's update.
     */
    public static Bson raise(String collection, Object id, String type, Instant at) {
        Pending event = Pending.of(type, at);
        raisedOn(collection, id);
        return Updates.combine(Updates.push(PENDING, new org.bson.Document("eventId", event.eventId)
                .append("type", type).append("at", java.util.Date.from(at))), Updates.min(PREFIX + "nextAttemptAt", at));
    }

    /**
     * Tells this process's publisher that document {@code id} of {@code collection} raised events, so it reads it by
     * id at once (a hint for speed: without it the event waits for the next sweep).
     */
    public static void raisedOn(String collection, Object id) {
        Raised.on(collection, id, io.laurel.common.Times.now());
    }

    /** The index the publishing queue reads by: only documents with events waiting are in it. */
    public static <T> Uni<String> index(ReactiveMongoCollection<T> collection) {
        return collection.createIndex(Indexes.ascending(PREFIX + "nextAttemptAt"),
                new IndexOptions().sparse(true).name(collection.getNamespace().getCollectionName() + "_events_due"));
    }

    /** One raised event: its id (the event's id, the same on every delivery of it), type and time. */
    @RegisterForReflection
    public static class Pending {
        public String eventId;
        public String type;
        public Instant at;

        static Pending of(String type, Instant at) {
            Pending event = new Pending();
            event.eventId = "evt_" + new ObjectId().toHexString();
            event.type = type;
            event.at = at;
            return event;
        }
    }
}
