package io.laurel.badge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.laurel.badge.BadgeMetaDocument.Claim;
import io.laurel.badge.BadgeMetaDocument.Constraint;
import io.laurel.badge.BadgeMetaDocument.Expiry;
import io.laurel.badge.BadgeMetaDocument.Image;
import io.laurel.badge.BadgeMetaDocument.Ownership;
import io.laurel.badge.BadgeMetaDocument.Tag;
import io.laurel.badge.BadgeMetaRequest.ConstraintRequest;
import io.laurel.badge.BadgeMetaRequest.ExpiryRequest;
import io.laurel.badge.BadgeMetaView.ClaimView;
import io.laurel.badge.BadgeMetaView.ConstraintView;
import io.laurel.badge.BadgeMetaView.ExpiryView;
import io.laurel.badge.BadgeMetaView.ImageView;
import io.laurel.badge.BadgeMetaView.OwnershipView;
import io.laurel.badge.BadgeMetaView.TagView;
import io.laurel.common.EpochTime;
import io.laurel.common.ObjectIds;

/** Between the API's records and the stored document. */
final class BadgeMetaMapper {

    private BadgeMetaMapper() {
    }

    /** Writes every field the request carries onto the document; absent fields leave the document as it is. */
    static void apply(BadgeMetaRequest request, BadgeMetaDocument doc) {
        if (request.name() != null) {
            doc.name = request.name();
        }
        if (request.description() != null) {
            doc.description = request.description();
        }
        Instant startOn = EpochTime.pick(request.startOn(), request.startOnISO());
        if (startOn != null) {
            doc.startOn = startOn;
        }
        Instant expiresOn = EpochTime.pick(request.expiresOn(), request.expiresOnISO());
        if (expiresOn != null) {
            doc.expiresOn = expiresOn;
        }
        if (request.earnType() != null) {
            doc.earnType = request.earnType();
        }
        if (request.ownership() != null) {
            Ownership ownership = new Ownership();
            ownership.restrictedToOwners = request.ownership().restrictedToOwners() == null ? List.of()
                    : request.ownership().restrictedToOwners().stream().distinct().toList();
            ownership.claims = doc.ownership == null ? new ArrayList<>() : doc.ownership.claims;
            doc.ownership = ownership;
        }
        if (request.customerConstraints() != null) {
            doc.customerConstraints = map(request.customerConstraints(), BadgeMetaMapper::constraint);
        }
        if (request.badgeConstraints() != null) {
            doc.badgeConstraints = map(request.badgeConstraints(), BadgeMetaMapper::constraint);
        }
        if (request.earnedBadgeExpiry() != null) {
            doc.earnedBadgeExpiry = expiry(request.earnedBadgeExpiry());
        }
        if (request.issuedBadgeExpiry() != null) {
            doc.issuedBadgeExpiry = expiry(request.issuedBadgeExpiry());
        }
        if (request.images() != null) {
            doc.images = map(request.images(), i -> {
                Image image = new Image();
                image.name = i.name();
                image.fileSvcHandle = i.fileSvcHandle();
                image.url = i.url();
                image.tag = i.tag();
                return image;
            });
        }
        if (request.tags() != null) {
            doc.tags = map(request.tags(), t -> tag(t.name(), t.value()));
        }
        if (request.customFields() != null) {
            doc.customFields = request.customFields().entrySet().stream().map(e -> tag(e.getKey(), e.getValue()))
                    .toList();
        }
        if (request.badgeGroupId() != null) {
            doc.badgeGroupId = request.badgeGroupId().isBlank() ? null
                    : ObjectIds.parse(request.badgeGroupId(), "badgeGroupId");
        }
        if (request.badgeRank() != null) {
            doc.badgeRank = request.badgeRank();
        }
        if (request.active() != null) {
            doc.active = request.active();
        }
    }

    /** A copy whose fields can be replaced without touching the original's. */
    static BadgeMetaDocument copy(BadgeMetaDocument d) {
        BadgeMetaDocument c = new BadgeMetaDocument();
        c.id = d.id;
        c.orgId = d.orgId;
        c.name = d.name;
        c.description = d.description;
        c.startOn = d.startOn;
        c.expiresOn = d.expiresOn;
        c.earnType = d.earnType;
        c.ownership = d.ownership;
        c.customerConstraints = d.customerConstraints;
        c.badgeConstraints = d.badgeConstraints;
        c.earnedBadgeExpiry = d.earnedBadgeExpiry;
        c.issuedBadgeExpiry = d.issuedBadgeExpiry;
        c.images = d.images;
        c.tags = d.tags;
        c.customFields = d.customFields;
        c.badgeGroupId = d.badgeGroupId;
        c.badgeRank = d.badgeRank;
        c.active = d.active;
        c.issuedCount = d.issuedCount;
        c.earnedCount = d.earnedCount;
        c.version = d.version;
        c.createdOn = d.createdOn;
        c.createdBy = d.createdBy;
        c.lastUpdatedOn = d.lastUpdatedOn;
        c.lastUpdatedBy = d.lastUpdatedBy;
        return c;
    }

    static BadgeMetaView view(BadgeMetaDocument d, Instant now) {
        String id = d.id.toHexString();
        Map<String, String> customFields = new LinkedHashMap<>();
        if (d.customFields != null) {
            d.customFields.forEach(f -> customFields.put(f.name, f.value));
        }
        return new BadgeMetaView(id, id, d.orgId, d.name, d.description,
                EpochTime.seconds(d.startOn), EpochTime.iso(d.startOn),
                EpochTime.seconds(d.expiresOn), EpochTime.iso(d.expiresOn),
                BadgeStatus.at(now, d.startOn, d.expiresOn), d.earnType,
                new OwnershipView(d.ownership.restrictedToOwners,
                        map(d.ownership.claims, c -> new ClaimView(c.ownerType, c.referenceId, c.isActive))),
                map(d.customerConstraints, c -> constraintView(c, d)),
                map(d.badgeConstraints, c -> constraintView(c, d)),
                expiryView(d.earnedBadgeExpiry), expiryView(d.issuedBadgeExpiry),
                map(d.images, i -> new ImageView(i.name, i.fileSvcHandle, i.url, i.tag)),
                map(d.tags, t -> new TagView(t.name, t.value)),
                customFields,
                d.badgeGroupId == null ? null : d.badgeGroupId.toHexString(),
                d.badgeRank, d.active, d.issuedCount, d.earnedCount,
                EpochTime.iso(d.createdOn), d.createdBy, EpochTime.iso(d.lastUpdatedOn), d.lastUpdatedBy);
    }

    private static Constraint constraint(ConstraintRequest r) {
        Constraint c = new Constraint();
        c.constraintType = r.constraintType();
        c.referenceId = r.referenceId();
        c.maxEarnLimit = r.maxEarnLimit();
        c.maxEarnForDays = r.maxEarnForDays();
        c.rollForDays = r.rollForDays();
        c.maxEarnForWeeks = r.maxEarnForWeeks();
        c.rollForWeeks = r.rollForWeeks();
        c.maxEarnForMonths = r.maxEarnForMonths();
        c.rollForMonths = r.rollForMonths();
        c.durationType = r.durationType();
        c.refreshRate = r.refreshRate();
        c.rollType = r.rollType();
        c.rollValue = r.rollValue();
        c.startDate = EpochTime.pick(r.startDate(), r.startDateISO());
        c.endDate = EpochTime.pick(r.endDate(), r.endDateISO());
        c.cycleStatus = r.cycleStatus();
        return c;
    }

    private static Expiry expiry(ExpiryRequest r) {
        Expiry e = new Expiry();
        e.expiryType = r.expiryType();
        e.expiresOn = EpochTime.pick(r.expiresOn(), r.expiresOnISO());
        e.relativeExpiryType = r.relativeExpiryType();
        e.value = r.value();
        return e;
    }

    private static Tag tag(String name, String value) {
        Tag tag = new Tag();
        tag.name = name;
        tag.value = value;
        return tag;
    }

    /** A fixed window's start and end default to the badge's: shown as they apply. */
    private static ConstraintView constraintView(Constraint c, BadgeMetaDocument badge) {
        boolean fixedWindow = BadgeMetaRules.isFixedWindow(c.constraintType);
        Instant start = fixedWindow && c.startDate == null ? badge.startOn : c.startDate;
        Instant end = fixedWindow && c.endDate == null ? badge.expiresOn : c.endDate;
        return new ConstraintView(c.constraintType, c.referenceId, c.durationType, c.refreshRate, c.rollType,
                c.rollValue, c.maxEarnLimit, c.maxEarnForDays, c.rollForDays, c.maxEarnForWeeks, c.rollForWeeks,
                c.maxEarnForMonths, c.rollForMonths, c.cycleStatus,
                start == null ? null : EpochTime.seconds(start), EpochTime.iso(start),
                end == null ? null : EpochTime.seconds(end), EpochTime.iso(end));
    }

    private static ExpiryView expiryView(Expiry e) {
        if (e == null) {
            return new ExpiryView(ExpiryType.WITH_BADGE_META, null, null, null, null);
        }
        return new ExpiryView(e.expiryType, e.expiresOn == null ? null : EpochTime.seconds(e.expiresOn),
                EpochTime.iso(e.expiresOn), e.relativeExpiryType, e.value);
    }

    private static <A, B> List<B> map(List<A> list, Function<A, B> f) {
        return list == null ? List.of() : list.stream().map(f).toList();
    }

    static Claim claim(OwnerType ownerType, String referenceId) {
        Claim claim = new Claim();
        claim.ownerType = ownerType;
        claim.referenceId = referenceId;
        claim.isActive = true;
        return claim;
    }
}
