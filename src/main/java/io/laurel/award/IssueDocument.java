package io.laurel.award;

import java.time.Instant;

import org.bson.types.ObjectId;

import io.laurel.event.PendingEvents;
import io.quarkus.mongodb.panache.common.MongoEntity;

/** A customer's enrolment in an ISSUE_EARN badge. */
@MongoEntity(collection = IssueDocument.COLLECTION)
public class IssueDocument {
    public static final String COLLECTION = "badge_issues";

    public ObjectId id;
    public long orgId;
    public ObjectId badgeMetaId;
    public long customerId;
    public IssueStatus status;
    /**
     * {@code org:badge:customer} while the issue is ACTIVE, absent afterwards; a sparse unique index on it allows one
     * active issue per customer and badge, across replicas.
     */
    public String activeKey;
    public Instant issueEventDate;
    public Instant issuedOn;
    /** Null: never expires. */
    public Instant expiresOn;
    public Trigger triggeredBy;
    public String requestId;
    public Instant endedOn;
    /** Events raised and not yet published (badge.issued, badge.issue.revoked). */
    public PendingEvents events;

    public enum IssueStatus {
        ACTIVE,
        REVOKED,
        EXPIRED
    }

    static String activeKey(long orgId, ObjectId badgeMetaId, long customerId) {
        return orgId + ":" + badgeMetaId.toHexString() + ":" + customerId;
    }
}
