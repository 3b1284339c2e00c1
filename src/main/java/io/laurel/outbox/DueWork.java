package io.laurel.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import io.laurel.common.Times;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * One queue of the outbox: work sent later, kept in the documents whose change made it due (so it exists exactly when
 * the change does), with the fields every queue shares: when the next attempt is due, who holds it and until when,
 * and how many attempts were made. A replica takes one due document at a time under a lease (one conditional update,
 * so two replicas never hold the same work), records each outcome only while it still holds the lease, and a lease
 * that runs out (a replica that died) makes the work due for another. Work is pending while the queue's
 * {@code pending} filter matches its document.
 */
public final class DueWork<T> {

    public static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    public static final String LEASE_UNTIL = "leaseUntil";
    public static final String LEASE_OWNER = "leaseOwner";
    public static final String ATTEMPTS = "attempts";

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DueWork.class);
    private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.AFTER);

    private final String name;
    private final Supplier<ReactiveMongoCollection<T>> collection;
    private final Bson pending;
    private final String owner;
    private final String nextAttemptAt;
    private final String leaseUntil;
    private final String leaseOwner;
    private final String attempts;

    /** {@code prefix}: where the fields are, "" for the document itself or "field." for an embedded document. */
    DueWork(String name, Supplier<ReactiveMongoCollection<T>> collection, Bson pending, String owner, String prefix) {
        this.name = name;
        this.collection = collection;
        this.pending = pending;
        this.owner = owner;
        this.nextAttemptAt = prefix + NEXT_ATTEMPT_AT;
        this.leaseUntil = prefix + LEASE_UNTIL;
        this.leaseOwner = prefix + LEASE_OWNER;
        this.attempts = prefix + ATTEMPTS;
    }

    public String name() {
        return name;
    }

    /** This replica, as the holder of the leases it takes (for work written held, as a new document). */
    public String owner() {
        return owner;
    }

    /**
     * The fields that make a change's work due now and held by this replica, which attempts it at once (the first
     * attempt, counted).
     */
    public Bson heldNow(Instant now, Duration lease) {
        return Updates.combine(Updates.set(attempts, 1), Updates.set(nextAttemptAt, now),
                Updates.set(leaseOwner, owner), Updates.set(leaseUntil, now.plus(lease)));
    }

    /** Takes the earliest due, unleased work for this replica until {@code now + lease}, counting the attempt. */
    public Uni<T> leaseNext(Instant now, Duration lease) {
        return collection.get().findOneAndUpdate(
                Filters.and(pending, Filters.lte(nextAttemptAt, now), Filters.or(Filters.exists(leaseUntil, false),
                        Filters.eq(leaseUntil, null), Filters.lt(leaseUntil, now))),
                Updates.combine(Updates.set(leaseUntil, now.plus(lease)), Updates.set(leaseOwner, owner),
                        Updates.inc(attempts, 1)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).sort(Sorts.ascending(nextAttemptAt)));
    }

    /**
     * Takes up to {@code max} pieces of the earliest due, unleased work (matching {@code among}, when not null) for one
     * holder, {@link Batch#holder()}, until {@code now + lease}, counting the attempt: a read of candidates, one update
     * that leases those still free, and a read of what this holder got (a replica racing for the same pieces gets the
     * others).
     */
    public Uni<Batch<T>> leaseBatch(Instant now, Duration lease, int max, Bson among) {
        String holder = owner + "#" + new ObjectId().toHexString();
        Bson free = Filters.and(among == null ? pending : Filters.and(among, pending),
                Filters.lte(nextAttemptAt, now), Filters.or(Filters.exists(leaseUntil, false),
                        Filters.eq(leaseUntil, null), Filters.lt(leaseUntil, now)));
        ReactiveMongoCollection<Document> documents = collection.get().withDocumentClass(Document.class);
        return documents.find(free, new io.quarkus.mongodb.FindOptions().sort(Sorts.ascending(nextAttemptAt))
                .projection(new Document("_id", 1)).limit(max)).map(d -> d.get("_id")).collect().asList()
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(new Batch<T>(holder, List.of()))
                        : collection.get().updateMany(Filters.and(Filters.in("_id", ids), free),
                                Updates.combine(Updates.set(leaseUntil, now.plus(lease)),
                                        Updates.set(leaseOwner, holder), Updates.inc(attempts, 1)))
                                .chain(() -> collection.get().find(Filters.and(Filters.in("_id", ids),
                                        Filters.eq(leaseOwner, holder))).collect().asList())
                                .map(held -> new Batch<>(holder, held)));
    }

    /** Work one holder leased together ({@link #leaseBatch}); its outcomes are recorded with {@link #settleBatch}. */
    public record Batch<T>(String holder, List<T> work) {
    }

    /**
     * Records {@code outcome} on the pieces of {@code which} that {@code holder} still holds, and lets them go:
     * {@code end} unsets when the work is next due (it leaves the queue), otherwise it is due again now. Answers how
     * many pieces were changed.
     */
    public Uni<Long> settleBatch(Bson which, String holder, Bson outcome, boolean end) {
        return collection.get().updateMany(Filters.and(which, pending, Filters.eq(leaseOwner, holder)),
                Updates.combine(outcome, end ? Updates.unset(nextAttemptAt) : Updates.set(nextAttemptAt, Times.now()),
                        Updates.unset(leaseUntil), Updates.unset(leaseOwner)))
                .map(result -> result.getModifiedCount());
    }

    /**
     * Attempts due work one lease at a time, up to {@code left} pieces: each is taken, handed to {@code attempt} (which
     * records its outcome), and a failing attempt is logged and left to its lease running out.
     */
    public Uni<Void> drain(int left, Duration lease, Function<T, Uni<?>> attempt) {
        if (left == 0) {
            return Uni.createFrom().voidItem();
        }
        return leaseNext(Times.now(), lease).chain(work -> work == null ? Uni.createFrom().voidItem()
                : attempt.apply(work).onFailure().invoke(e -> LOG.warnf("An attempt of %s failed: %s", name,
                        e.getMessage())).onFailure().recoverWithNull().chain(() -> drain(left - 1, lease, attempt)));
    }

    /** Schedules another attempt at {@code at} and lets the lease go; null when this replica no longer held it. */
    public Uni<T> retryAt(Bson which, Instant at, Bson outcome) {
        return settle(which, Updates.combine(outcome, Updates.set(nextAttemptAt, at)));
    }

    /**
     * Ends the work with {@code outcome} (which must make the document leave the pending filter); null when this
     * replica no longer held it.
     */
    public Uni<T> end(Bson which, Bson outcome) {
        return settle(which, Updates.combine(outcome, Updates.unset(nextAttemptAt)));
    }

    private Uni<T> settle(Bson which, Bson update) {
        return collection.get().findOneAndUpdate(Filters.and(which, pending, Filters.eq(leaseOwner, owner)),
                Updates.combine(update, Updates.unset(leaseUntil), Updates.unset(leaseOwner)), AFTER);
    }

    /** How much work is due at {@code now} (leased or not) and the age of the oldest. */
    public Uni<Backlog> backlog(Instant now) {
        Bson due = Filters.and(pending, Filters.lte(nextAttemptAt, now));
        ReactiveMongoCollection<Document> documents = collection.get().withDocumentClass(Document.class);
        return Uni.combine().all().unis(documents.countDocuments(due),
                documents.find(due, new io.quarkus.mongodb.FindOptions().sort(Sorts.ascending(nextAttemptAt))
                        .projection(new Document(nextAttemptAt, 1)).limit(1)).collect().first())
                .with((count, oldest) -> {
                    Object at = oldest == null ? null
                            : oldest.getEmbedded(Arrays.asList(nextAttemptAt.split("\\.")), Object.class);
                    if (count == 0 || !(at instanceof Date since)) {
                        return new Backlog(count, Duration.ZERO);
                    }
                    Duration age = Duration.between(since.toInstant(), now);
                    return new Backlog(count, age.isNegative() ? Duration.ZERO : age);
                });
    }
}
