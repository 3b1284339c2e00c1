package io.laurel.award.limit;

import java.time.Instant;
import java.util.Map;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * The live (not revoked) earns of one scope, counted the ways the earn limits need: one customer's earns of a badge
 * ({@code c:<badge>:<customer>}), or all earns of a badge ({@code b:<badge>}). Every change is one atomic update of
 * this one document, so limits hold across replicas without transactions.
 */
@MongoEntity(collection = LimitScopeDocument.COLLECTION)
public class LimitScopeDocument {
    public static final String COLLECTION = "earn_scopes";
    /** The {@link #exp} key of earns that never expire. */
    public static final String NEVER = "none";

    @BsonId
    public String id;
    public long orgId;
    public ObjectId badgeMetaId;
    /** Null for a badge scope. */
    public Long customerId;
    /** Incremented by every reservation and release, so a read-check-write can detect any change in between. */
    public long version;
    public long total;
    /** UTC day number (days since 1970-01-01) → earns whose event fell on that day. */
    public Map<String, Long> days;
    /** The latest day that ever had an earn here (days only grow it): an earn on it or after is not a late one. */
    public Long lastDay;
    /** {@code <constraint referenceId>_<cycle number>} → earns in that fixed-window cycle. */
    public Map<String, Long> cycles;
    /** Customer scopes: epoch second of expiry (or {@link #NEVER}) → live earns expiring then (absent before 2026-12). */
    public Map<String, Long> exp;
    public Instant lastEarnedOn;
    /** When a reservation or release last changed the scope (EarnLimits.CHANGED_ON). */
    public Instant changedOn;
    public Instant lastEarnEventDate;
}
