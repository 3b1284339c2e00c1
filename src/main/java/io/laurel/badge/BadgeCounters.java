package io.laurel.badge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * A definition's {@code issuedCount} and {@code earnedCount}, added to in batches. Every earn of a badge changing one
 * document would make that document the hottest of the store and cost each earn a command; instead the changes of
 * this replica are summed in memory and written every {@value #EVERY} as one {@code $inc} per badge, in one command.
 * Views add what this replica has not written yet, so a replica reads its own awards at once; another replica sees them
 * within {@value #EVERY}. The counters are statistics, not limits (limits are counted by the award feature's scopes):
 * changes lost with a crashed replica are put right by the award reconciler's recount.
 */
@ApplicationScoped
public class BadgeCounters {

    static final String EVERY = "1s";
    private static final Logger LOG = Logger.getLogger(BadgeCounters.class);

    /** Not written yet: issued and earned changes by badge. */
    private final Map<ObjectId, LongAdder[]> pending = new ConcurrentHashMap<>();
    /** Taken from {@link #pending} by the write under way, still shown in views until it lands. */
    private final Map<ObjectId, long[]> writing = new ConcurrentHashMap<>();
    /** The write under way, if any: completes when it has landed (or failed and been counted again). */
    private final AtomicReference<CompletableFuture<Void>> underWay = new AtomicReference<>();
    private final BadgeMetaRepository badges;

    BadgeCounters(BadgeMetaRepository badges) {
        this.badges = badges;
    }

    void add(ObjectId badgeId, long issued, long earned) {
        LongAdder[] counts = pending.computeIfAbsent(badgeId, id -> new LongAdder[] { new LongAdder(), new LongAdder() });
        counts[0].add(issued);
        counts[1].add(earned);
    }

    /** The definition with what this replica has counted but not written yet. */
    BadgeMetaDocument withUnwritten(BadgeMetaDocument badge) {
        LongAdder[] counts = pending.get(badge.id);
        long[] inFlight = writing.get(badge.id);
        if (counts != null) {
            badge.issuedCount += counts[0].sum();
            badge.earnedCount += counts[1].sum();
        }
        if (inFlight != null) { // taken off pending already
            badge.issuedCount += inFlight[0];
            badge.earnedCount += inFlight[1];
        }
        return badge;
    }

    /**
     * Writes what was counted, one {@code $inc} per badge in one command; a failed write is counted again. One write at
     * a time: a call while one is under way waits for it, then writes what is left (so a caller that awaits this has
     * every count it made before the call written).
     */
    @Scheduled(every = EVERY, concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "badge-counters")
    public Uni<Void> flush() {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> running = underWay.compareAndExchange(null, mine);
            if (running != null) {
                return Uni.createFrom().completionStage(running).chain(this::flush);
            }
            return write().eventually(() -> {
                writing.clear();
                underWay.set(null);
                mine.complete(null);
            });
        });
    }

    /** The counted changes taken off {@link #pending} and written; only one runs at a time ({@link #flush}). */
    private Uni<Void> write() {
        List<WriteModel<BadgeMetaDocument>> writes = new ArrayList<>();
        // Entries stay (one per badge counted): an add racing the reset lands before or after it, never lost.
        for (Map.Entry<ObjectId, LongAdder[]> entry : pending.entrySet()) {
            ObjectId badgeId = entry.getKey();
            LongAdder[] counts = entry.getValue();
            long issued = counts[0].sumThenReset();
            long earned = counts[1].sumThenReset();
            if (issued != 0 || earned != 0) {
                writing.put(badgeId, new long[] { issued, earned });
                writes.add(new UpdateOneModel<>(Filters.eq("_id", badgeId),
                        Updates.combine(Updates.inc("issuedCount", issued), Updates.inc("earnedCount", earned))));
            }
        }
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return badges.mongoCollection().bulkWrite(writes).replaceWithVoid()
                .onFailure().invoke(e -> {
                    LOG.warnf("Badge counters not written this time (%s); counted again", e.toString());
                    // Possibly applied in part: the reconciler's recount puts a counter counted twice right.
                    writing.forEach((id, counts) -> add(id, counts[0], counts[1]));
                })
                .onFailure().recoverWithNull();
    }

    void onStop(@jakarta.enterprise.event.Observes ShutdownEvent stop) {
        try {
            flush().await().atMost(java.time.Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("Badge counters not written at shutdown (%s); the reconciler recounts them", e.toString());
        }
    }
}
