package io.laurel.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.laurel.common.Times;
import io.laurel.outbox.DueWork;
import io.laurel.outbox.Outbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Publishes the events the features' documents raised ({@link PendingEvents}), through one outbox queue per
 * collection, {@code events.<name>}: a batch of documents with events waiting is leased, their events are built and
 * handed to the subscribers' side (which must make its own effect idempotent by event id: a crash after it and before
 * the events are marked published hands them over again), and the published events are pulled from their documents.
 * An event raised on a document while its batch was out stays waiting for the next round.
 */
@ApplicationScoped
public class Events {

    /** How long a hinted document not found yet is looked for again (its write lands well within it). */
    static final Duration PATIENCE = Duration.ofSeconds(10);
    /** Rounds of one scheduled publishing at the most (each up to a batch a collection). */
    static final int ROUNDS = 20;

    private final List<Queue<?>> queues = new ArrayList<>();
    private volatile Instant lastSweep = Instant.EPOCH;

    Events(Outbox outbox, Instance<EventSource> sources) {
        for (EventSource source : sources) {
            source.sources().forEach(s -> queues.add(queue(outbox, s)));
        }
    }

    private static <T> Queue<T> queue(Outbox outbox, EventSource.Source<T> source) {
        return new Queue<>(source, outbox.queue("events." + source.name(), source.collection(),
                Filters.exists(PendingEvents.PREFIX + DueWork.NEXT_ATTEMPT_AT), PendingEvents.PREFIX));
    }

    /**
     * A scheduled publishing, in rounds until nothing is left (at most {@link #ROUNDS}): the documents this process
     * raised events on, read by id ({@link PendingEvents#raisedOn}), and when {@code sweep} has passed since the last
     * sweep (and at start-up) every collection searched for events waiting: other replicas' and those of a process
     * that died before publishing. The embedded store answers that search by a scan, so it is not made every round.
     */
    public Uni<Integer> publishDue(int batch, Duration lease, Duration sweep,
            Function<List<Event>, Uni<Void>> publish) {
        Instant now = Times.now();
        boolean sweeping = !now.isBefore(lastSweep.plus(sweep));
        if (sweeping) {
            lastSweep = now;
        }
        return rounds(ROUNDS, 0, batch, lease, sweeping, publish);
    }

    private Uni<Integer> rounds(int left, int done, int batch, Duration lease, boolean sweeping,
            Function<List<Event>, Uni<Void>> publish) {
        return Multi.createFrom().iterable(queues)
                .onItem().transformToUniAndConcatenate(queue -> sweeping ? queue.publish(batch, lease, publish, null)
                        : queue.publishRaised(batch, lease, publish))
                .collect().with(Collectors.summingInt(Integer::intValue))
                .chain(published -> published == 0 || left <= 1 ? Uni.createFrom().item(done + published)
                        : rounds(left - 1, done + published, batch, lease, sweeping, publish));
    }

    /**
     * One round over every collection: up to {@code batch} documents of each with events waiting, their events handed
     * to {@code publish}; answers how many events were published.
     */
    public Uni<Integer> publish(int batch, Duration lease, Function<List<Event>, Uni<Void>> publish) {
        return Multi.createFrom().iterable(queues)
                .onItem().transformToUniAndConcatenate(queue -> queue.publish(batch, lease, publish, null))
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    private record Queue<T>(EventSource.Source<T> source, DueWork<T> due) {

        String collectionName() {
            return source.collection().get().getNamespace().getCollectionName();
        }

        /** The documents this process raised events on lately, read by id. */
        Uni<Integer> publishRaised(int batch, Duration lease, Function<List<Event>, Uni<Void>> publish) {
            String name = collectionName();
            List<Object> hinted = Raised.of(name, batch);
            if (hinted.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Instant start = Times.now();
            Set<Object> published = new HashSet<>();
            return publish(batch, lease, publish, hinted, published)
                    .invoke(() -> Raised.done(name, hinted, published, start, Times.now(), PATIENCE));
        }

        Uni<Integer> publish(int batch, Duration lease, Function<List<Event>, Uni<Void>> publish, List<Object> ids) {
            return publish(batch, lease, publish, ids, new HashSet<>());
        }

        /**
         * Leases up to {@code batch} documents with events waiting (among {@code ids} when given), hands their events
         * over, and settles them; {@code published} receives the ids of the documents leased.
         */
        private Uni<Integer> publish(int batch, Duration lease, Function<List<Event>, Uni<Void>> publish,
                List<Object> ids, Set<Object> published) {
            Bson scope = ids == null ? null : Filters.in("_id", ids);
            return due.leaseBatch(Times.now(), lease, batch, scope).chain(leased -> {
                if (leased.work().isEmpty()) {
                    return Uni.createFrom().item(0);
                }
                List<String> eventIds = new ArrayList<>();
                List<Object> leasedIds = new ArrayList<>();
                for (T doc : leased.work()) {
                    leasedIds.add(source.idOf().apply(doc));
                    PendingEvents pending = source.pendingOf().apply(doc);
                    if (pending != null && pending.pending != null) {
                        pending.pending.forEach(p -> eventIds.add(p.eventId));
                    }
                }
                published.addAll(leasedIds);
                return source.events().apply(leased.work())
                        .chain(events -> publish.apply(events).replaceWith(events.size()))
                        .call(() -> settle(leased, leasedIds, eventIds));
            });
        }

        /**
         * Pulls the published events from their documents, then ends the documents left with none and makes the
         * others (raised again meanwhile) due now. Every step keeps to the documents this batch still holds, found by
         * id.
         */
        private Uni<Void> settle(DueWork.Batch<T> leased, List<Object> ids, List<String> eventIds) {
            Bson these = Filters.in("_id", ids);
            Bson held = Filters.and(these, Filters.eq(PendingEvents.PREFIX + DueWork.LEASE_OWNER, leased.holder()));
            Bson attempts = Updates.unset(PendingEvents.PREFIX + DueWork.ATTEMPTS);
            return source.collection().get().updateMany(held, Updates.pull(PendingEvents.PENDING,
                    new Document("eventId", new Document("$in", eventIds))))
                    .chain(() -> due.settleBatch(Filters.and(these, Filters.size(PendingEvents.PENDING, 0)),
                            leased.holder(), attempts, true))
                    .chain(() -> due.settleBatch(these, leased.holder(), attempts, false))
                    .replaceWithVoid();
        }
    }
}
