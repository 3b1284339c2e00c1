package io.laurel.points;

import java.time.Instant;

import org.bson.types.ObjectId;

import io.laurel.event.PendingEvents;
import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * One entry of a customer's points ledger: a goodwill allocation (points above zero) or a redemption (below zero,
 * {@code type} REDEMPTION). Written once, never changed. Balances are sums of these.
 */
@MongoEntity(collection = GoodwillEntryDocument.COLLECTION)
public class GoodwillEntryDocument {
    public static final String COLLECTION = "goodwill_entries";

    public ObjectId id;
    public long orgId;
    /** Numeric id from an atomic sequence, answered as createdId. */
    public long createdId;
    /** Unique in the org: the same reference again is 744. */
    public String referenceId;
    public long customerId;
    public long programId;
    public long points;
    /** Absent for a goodwill allocation; REDEMPTION for a redemption. */
    public String type;
    /** A redemption's transaction_number. */
    public String transactionNumber;
    public String reason;
    public String baseType;
    public long awardingTillId;
    public String source;
    public Instant createdOn;
    public String createdBy;
    /** The event it raised (points.goodwill.allocated) until published. */
    public PendingEvents events;
}
