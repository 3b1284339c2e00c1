package io.laurel.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Supplier;

import org.bson.Document;
import org.bson.conversions.Bson;

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

    DueWork(String name, Supplier<ReactiveMongoCollection<T>> collection, Bson pending, String owner) {
        this.name = name;
        this.collection = collection;
        this.pending = pending;
        this.owner = owner;
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
        return Updates.combine(Updates.set(ATTEMPTS, 1), Updates.set(NEXT_ATTEMPT_AT, now),
                Updates.set(LEASE_OWNER, owner), Updates.set(LEASE_UNTIL, now.plus(lease)));
    }

    /** Takes the earliest due, unleased work for this replica until {@code now + lease}, counting the attempt. */
    public Uni<T> leaseNext(Instant now, Duration lease) {
        return collection.get().findOneAndUpdate(
                Filters.and(pending, Filters.lte(NEXT_ATTEMPT_AT, now), Filters.or(Filters.exists(LEASE_UNTIL, false),
                        Filters.eq(LEASE_UNTIL, null), Filters.lt(LEASE_UNTIL, now))),
                Updates.combine(Updates.set(LEASE_UNTIL, now.plus(lease)), Updates.set(LEASE_OWNER, owner),
                        Updates.inc(ATTEMPTS, 1)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).sort(Sorts.ascending(NEXT_ATTEMPT_AT)));
    }

    /**
     * Attempts due work one lease at a time, up to {@code left} pieces: each is taken, handed to {@code attempt} (which
     * records its outcome), and a failing attempt is logged and left to its lease running out.
     */
    public Uni<Void> drain(int left, Duration lease, java.util.function.Function<T, Uni<?>> attempt) {
        if (left == 0) {
            return Uni.createFrom().voidItem();
        }
        return leaseNext(Times.now(), lease).chain(work -> work == null ? Uni.createFrom().voidItem()
                : attempt.apply(work).onFailure().invoke(e -> LOG.warnf("An attempt of %s failed: %s", name,
                        e.getMessage())).onFailure().recoverWithNull().chain(() -> drain(left - 1, lease, attempt)));
    }

    /** Schedules another attempt at {@code at} and lets the lease go; null when this replica no longer held it. */
    public Uni<T> retryAt(Bson which, Instant at, Bson outcome) {
        return settle(which, Updates.combine(outcome, Updates.set(NEXT_ATTEMPT_AT, at)));
    }

    /**
     * Ends the work with {@code outcome} (which must make the document leave the pending filter); null when this
     * replica no longer held it.
     */
    public Uni<T> end(Bson which, Bson outcome) {
        return settle(which, Updates.combine(outcome, Updates.unset(NEXT_ATTEMPT_AT)));
    }

    private Uni<T> settle(Bson which, Bson update) {
        return collection.get().findOneAndUpdate(Filters.and(which, pending, Filters.eq(LEASE_OWNER, owner)),
                Updates.combine(update, Updates.unset(LEASE_UNTIL), Updates.unset(LEASE_OWNER)), AFTER);
    }

    /** How much work is due at {@code now} (leased or not) and the age of the oldest. */
    public Uni<Backlog> backlog(Instant now) {
        Bson due = Filters.and(pending, Filters.lte(NEXT_ATTEMPT_AT, now));
        ReactiveMongoCollection<Document> documents = collection.get().withDocumentClass(Document.class);
        return Uni.combine().all().unis(documents.countDocuments(due),
                documents.find(due, new io.quarkus.mongodb.FindOptions().sort(Sorts.ascending(NEXT_ATTEMPT_AT))
                        .projection(new Document(NEXT_ATTEMPT_AT, 1)).limit(1)).collect().first())
                .with((count, oldest) -> {
                    if (count == 0 || oldest == null || !(oldest.get(NEXT_ATTEMPT_AT) instanceof Date since)) {
                        return new Backlog(count, Duration.ZERO);
                    }
                    Duration age = Duration.between(since.toInstant(), now);
                    return new Backlog(count, age.isNegative() ? Duration.ZERO : age);
                });
    }
}
