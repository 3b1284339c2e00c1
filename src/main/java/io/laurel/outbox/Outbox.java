package io.laurel.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;

import io.laurel.common.Times;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Everything Laurel sends later goes through one mechanism: queues of due work ({@link DueWork}) with leases,
 * attempts, backoff ({@link Backoff}) and outcomes, and one backlog per queue published as metrics,
 * {@code laurel_outbox_due{queue}} (work due now) and {@code laurel_outbox_oldest_seconds{queue}} (how long the oldest
 * of it has waited), measured every 15 seconds. The workflow's forwards are the queue {@code workflow}.
 */
@ApplicationScoped
public class Outbox {

    /** This replica, as the holder of the leases it takes. */
    private final String owner = UUID.randomUUID().toString();
    private final MeterRegistry registry;
    private final List<DueWork<?>> queues = new CopyOnWriteArrayList<>();
    private final Map<String, Backlog> measured = new ConcurrentHashMap<>();

    Outbox(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The queue {@code name}: the documents of {@code collection} that match {@code pending}. */
    public <T> DueWork<T> queue(String name, Supplier<ReactiveMongoCollection<T>> collection, Bson pending) {
        return queue(name, collection, pending, "");
    }

    /**
     * The queue {@code name} whose fields are under {@code prefix} ({@code "events."}: in the embedded document
     * {@code events}), so one document can be in two queues.
     */
    public <T> DueWork<T> queue(String name, Supplier<ReactiveMongoCollection<T>> collection, Bson pending,
            String prefix) {
        DueWork<T> queue = new DueWork<>(name, collection, pending, owner, prefix);
        queues.add(queue);
        measured.put(name, Backlog.NONE);
        Gauge.builder("laurel.outbox.due", measured, m -> m.getOrDefault(name, Backlog.NONE).due())
                .tag("queue", name).description("Work due now, waiting for an attempt or being attempted")
                .register(registry);
        Gauge.builder("laurel.outbox.oldest.seconds", measured,
                m -> m.getOrDefault(name, Backlog.NONE).oldest().toMillis() / 1000.0)
                .tag("queue", name).description("How long the oldest due work has waited").register(registry);
        return queue;
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "outbox-backlog")
    Uni<Void> measureEvery() {
        return measure().replaceWithVoid();
    }

    /** Measures every queue's backlog now (also what the metrics show until the next measurement). */
    public Uni<Map<String, Backlog>> measure() {
        Instant now = Times.now();
        return Multi.createFrom().iterable(queues)
                .onItem().transformToUniAndConcatenate(queue -> queue.backlog(now)
                        .invoke(backlog -> measured.put(queue.name(), backlog)))
                .collect().asList()
                .map(done -> Map.copyOf(measured));
    }
}
