package io.laurel.badge;

import java.time.Instant;
import java.util.List;

import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A badge definition as stored. Counters and claims change only through atomic single-document updates. */
@MongoEntity(collection = BadgeMetaDocument.COLLECTION)
public class BadgeMetaDocument {
    public static final String COLLECTION = "badge_metas";

    public ObjectId id;
    /** The org's running number of the badge, as the vendor answers {@code badgeNumericId}; absent on older badges. */
    public Long badgeNumericId;
    public long orgId;
    public String name;
    public String description;
    public Instant startOn;
    public Instant expiresOn;
    public EarnType earnType;
    public Ownership ownership;
    public List<Constraint> customerConstraints;
    public List<Constraint> badgeConstraints;
    public Expiry earnedBadgeExpiry;
    public Expiry issuedBadgeExpiry;
    public List<Image> images;
    public List<Tag> tags;
    /** Kept as name/value pairs: client keys never become field names of the database. */
    public List<Tag> customFields;
    public ObjectId badgeGroupId;
    public Integer badgeRank;
    public boolean active;
    public long issuedCount;
    public long earnedCount;
    /** Optimistic version: every update of the definition is conditional on it and increments it. */
    public long version;
    public Instant createdOn;
    /** Username of the creator. */
    public String createdBy;
    /** User id of the creator, as the vendor answers {@code createdBy}; absent on badges of earlier versions. */
    public Long createdById;
    public Instant lastUpdatedOn;
    public String lastUpdatedBy;
    public Long lastUpdatedById;
    public List<Benefit> benefits;

    @RegisterForReflection
    public static class Benefit {
        public String benefitType;
        public Long seriesId;
        public Long programId;
        public Long promotionId;
        public Long allocationStrategyId;
        public Long expirationStrategyId;
        public Long defaultTillId;
    }

    @RegisterForReflection
    public static class Ownership {
        public List<OwnerType> restrictedToOwners;
        public List<Claim> claims;
    }

    @RegisterForReflection
    public static class Claim {
        public OwnerType ownerType;
        public String referenceId;
        public boolean isActive;
    }

    @RegisterForReflection
    public static class Constraint {
        public ConstraintType constraintType;
        public String referenceId;
        public Integer maxEarnLimit;
        public Integer maxEarnForDays;
        public Integer rollForDays;
        public Integer maxEarnForWeeks;
        public Integer rollForWeeks;
        public Integer maxEarnForMonths;
        public Integer rollForMonths;
        public DurationType durationType;
        public Integer refreshRate;
        public DurationType rollType;
        public Integer rollValue;
        public Instant startDate;
        public Instant endDate;
        public String cycleStatus;
        /** A WEEKS fixed window's first day of the week, 1 (Monday) to 7 (Sunday); null: the start's own day. */
        public Integer startDayOfTheWeek;
    }

    @RegisterForReflection
    public static class Expiry {
        public ExpiryType expiryType;
        public Instant expiresOn;
        public DurationType relativeExpiryType;
        public Integer value;
    }

    @RegisterForReflection
    public static class Image {
        public String name;
        public String fileSvcHandle;
        public String url;
        public ImageTag tag;
    }

    @RegisterForReflection
    public static class Tag {
        public String name;
        public String value;
    }
}
