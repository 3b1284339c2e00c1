package io.laurel.award;

import java.time.Instant;
import java.util.List;

import org.bson.types.ObjectId;

import io.laurel.event.PendingEvents;
import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One earn of a badge by a customer. */
@MongoEntity(collection = EarnDocument.COLLECTION)
public class EarnDocument {
    public static final String COLLECTION = "badge_earns";

    public ObjectId id;
    public long orgId;
    public ObjectId badgeMetaId;
    public long customerId;
    public EarnStatus status;
    /** When the earning event happened: limits count on it. */
    public Instant earnEventDate;
    /** When Laurel recorded the earn. */
    public Instant earnedOn;
    /** Null: never expires. */
    public Instant expiresOn;
    /** The issue it was earned under (ISSUE_EARN badges). */
    public ObjectId issuedId;
    public Trigger triggeredBy;
    public String requestId;
    /**
     * {@code org:requestId:customer}; a sparse unique index on it lets one request earn a customer at most once, also
     * when the retry of a cut-off call finishes its work.
     */
    public String requestKey;
    /** A single earn's claim of its requestId, unique among claims and records ({@link RequestIds}); null in bulk. */
    public String claimKey;
    /** The limit counters this earn holds; given back when it is revoked. */
    public List<Held> reservations;
    public Instant revokedOn;
    /** How many active earns of the badge the customer had with this one (null for imported earns). */
    public Long customerEarnedCount;
    /** Events raised and not yet published (badge.earned, badge.imported, badge.earn.revoked). */
    public PendingEvents events;

    static String requestKey(long orgId, String requestId, long customerId) {
        return orgId + ":" + requestId + ":" + customerId;
    }

    public enum EarnStatus {
        ACTIVE,
        REVOKED
    }

    @RegisterForReflection
    public static class Held {
        public String scopeId;
        public List<String> fields;
    }
}
