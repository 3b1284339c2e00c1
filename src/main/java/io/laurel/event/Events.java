package io.laurel.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.bson.Document;

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

    private final List<Queue<?>> queues = new ArrayList<>();

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
     * One round: up to {@code batch} documents of each collection with events waiting, their events handed to
     * {@code publish}; answers how many events were published.
     */
    public Uni<Integer> publish(int batch, Duration lease, Function<List<Event>, Uni<Void>> publish) {
        return Multi.createFrom().iterable(queues)
                .onItem().transformToUniAndConcatenate(queue -> queue.publish(batch, lease, publish))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private record Queue<T>(EventSource.Source<T> source, DueWork<T> due) {

        Uni<Integer> publish(int batch, Duration lease, Function<List<Event>, Uni<Void>> publish) {
            return due.leaseBatch(Times.now(), lease, batch).chain(leased -> {
                if (leased.work().isEmpty()) {
                    return Uni.createFrom().item(0);
                }
                List<String> eventIds = new ArrayList<>();
                for (T doc : leased.work()) {
                    PendingEvents pending = source.pendingOf().apply(doc);
                    if (pending != null && pending.pending != null) {
                        pending.pending.forEach(p -> eventIds.add(p.eventId));
                    }
                }
                return source.events().apply(leased.work())
                        .chain(events -> publish.apply(events).replaceWith(events.size()))
                        .call(() -> settle(leased, eventIds));
            });
        }

        /**
         * Pulls the published events from their documents, then ends the documents left with none and makes the
         * others (raised again meanwhile) due now. Every step keeps to the documents this batch still holds.
         */
        private Uni<Void> settle(DueWork.Batch<T> leased, List<String> eventIds) {
            var held = Filters.eq(PendingEvents.FIELD + "." + DueWork.LEASE_OWNER, leased.holder());
            return source.collection().get().updateMany(held, Updates.pull(PendingEvents.PENDING,
                    new Document("eventId", new Document("$in", eventIds))))
                    .chain(() -> due.settleBatch(Filters.size(PendingEvents.PENDING, 0), leased.holder(),
                            Updates.unset(PendingEvents.PREFIX + DueWork.ATTEMPTS), true))
                    .chain(() -> due.settleBatch(Filters.empty(), leased.holder(),
                            Updates.unset(PendingEvents.PREFIX + DueWork.ATTEMPTS), false))
                    .replaceWithVoid();
        }
    }
}
