package io.laurel.badge.group;

import java.time.Instant;

import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;

@MongoEntity(collection = BadgeGroupDocument.COLLECTION)
public class BadgeGroupDocument {
    public static final String COLLECTION = "badge_groups";

    public ObjectId id;
    public long orgId;
    /** Unique in the org, case-sensitive. */
    public String name;
    public int rank;
    public boolean isActive;
    public Instant createdOn;
    /** Username of the creator. */
    public String createdBy;
    /** User id of the creator, as the vendor answers {@code createdBy}; absent on groups of earlier versions. */
    public Long createdById;
    public Instant lastUpdatedOn;
    public String lastUpdatedBy;
    public Long lastUpdatedById;
}
