package io.laurel.badge;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.laurel.badge.BadgeMetaDocument.Benefit;
import io.laurel.badge.BadgeMetaDocument.Claim;
import io.laurel.badge.BadgeMetaDocument.Constraint;
import io.laurel.badge.BadgeMetaDocument.Expiry;
import io.laurel.badge.BadgeMetaDocument.Image;
import io.laurel.badge.BadgeMetaDocument.Ownership;
import io.laurel.badge.BadgeMetaDocument.Tag;
import io.laurel.badge.BadgeMetaRequest.ConstraintRequest;
import io.laurel.badge.BadgeMetaRequest.ExpiryRequest;
import io.laurel.badge.BadgeMetaView.BenefitView;
import io.laurel.badge.BadgeMetaView.ClaimView;
import io.laurel.badge.BadgeMetaView.ConstraintView;
import io.laurel.badge.BadgeMetaView.ExpiryView;
import io.laurel.badge.BadgeMetaView.ImageView;
import io.laurel.badge.BadgeMetaView.OwnershipView;
import io.laurel.badge.BadgeMetaView.TagView;
import io.laurel.common.EpochTime;
import io.laurel.common.ErrorCode;
import io.laurel.common.ObjectIds;

/** Between the API's records and the stored document. */
final class BadgeMetaMapper {

    static final String WITH_BADGE_META = "WITH_BADGE_META";
    static final String FIXED_DATE = "FIXED_DATE";

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
        if (request.customerConstraints() != null || request.badgeConstraints() != null) {
            placeConstraints(request, doc);
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
        if (request.benefits() != null) {
            doc.benefits = map(request.benefits(), b -> {
                Benefit benefit = new Benefit();
                benefit.benefitType = b.benefitType();
                benefit.seriesId = b.seriesId();
                benefit.programId = b.programId();
                benefit.promotionId = b.promotionId();
                benefit.allocationStrategyId = b.allocationStrategyId();
                benefit.expirationStrategyId = b.expirationStrategyId();
                benefit.defaultTillId = b.defaultTillId();
                return benefit;
            });
        }
    }

    /**
     * Each constraint goes to the list of its kind, whichever list it came in (the vendor moves a customer-level one
     * sent in badgeConstraints, and the reverse); a list that is given or receives one is replaced. Repeated no-limit
     * items are one.
     */
    private static void placeConstraints(BadgeMetaRequest request, BadgeMetaDocument doc) {
        List<ConstraintRequest> all = new ArrayList<>();
        if (request.customerConstraints() != null) {
            all.addAll(request.customerConstraints());
        }
        if (request.badgeConstraints() != null) {
            all.addAll(request.badgeConstraints());
        }
        for (boolean perCustomer : new boolean[] {true, false}) {
            List<ConstraintRequest> given = perCustomer ? request.customerConstraints() : request.badgeConstraints();
            List<Constraint> placed = new ArrayList<>();
            boolean noLimit = false;
            for (ConstraintRequest r : all) {
                if (r.constraintType().perCustomer() != perCustomer) {
                    continue;
                }
                boolean isNoLimit = r.constraintType().isNoLimit();
                if (isNoLimit && noLimit) {
                    continue;
                }
                noLimit |= isNoLimit;
                placed.add(constraint(r));
            }
            if (given != null || !placed.isEmpty()) {
                if (perCustomer) {
                    doc.customerConstraints = placed;
                } else {
                    doc.badgeConstraints = placed;
                }
            }
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
        c.createdById = d.createdById;
        c.lastUpdatedById = d.lastUpdatedById;
        c.badgeNumericId = d.badgeNumericId;
        c.benefits = d.benefits;
        return c;
    }

    static BadgeMetaView view(BadgeMetaDocument d, Instant now, ZoneId zone) {
        return view(d, now, null, zone);
    }

    /** The view at {@code now}; fixed windows' current cycles in the org's {@code zone}. */
    static BadgeMetaView view(BadgeMetaDocument d, Instant now, String groupName, ZoneId zone) {
        String id = d.id.toHexString();
        Map<String, String> customFields = new LinkedHashMap<>();
        if (d.customFields != null) {
            d.customFields.forEach(f -> customFields.put(f.name, f.value));
        }
        return new BadgeMetaView(id, id, d.badgeNumericId, d.orgId, d.name, d.description,
                EpochTime.seconds(d.startOn), EpochTime.iso(d.startOn),
                EpochTime.seconds(d.expiresOn), EpochTime.iso(d.expiresOn),
                BadgeStatus.at(now, d.startOn, d.expiresOn), d.earnType,
                new OwnershipView(d.ownership.restrictedToOwners,
                        map(d.ownership.claims, c -> new ClaimView(c.ownerType, c.referenceId, c.isActive))),
                map(d.customerConstraints, c -> constraintView(c, d, now, zone)),
                map(d.badgeConstraints, c -> constraintView(c, d, now, zone)),
                expiryView(d.earnedBadgeExpiry), expiryView(d.issuedBadgeExpiry),
                map(d.images, i -> new ImageView(i.name, i.fileSvcHandle, i.url, i.tag)),
                map(d.tags, t -> new TagView(t.name, t.value)),
                customFields,
                map(d.benefits, b -> new BenefitView(b.benefitType, b.seriesId, b.programId, b.promotionId,
                        b.allocationStrategyId, b.expirationStrategyId, b.defaultTillId)),
                d.badgeGroupId == null ? null : d.badgeGroupId.toHexString(), groupName,
                d.badgeRank, d.active, d.issuedCount, d.earnedCount,
                EpochTime.decimal(d.createdOn), EpochTime.iso(d.createdOn), d.createdById,
                EpochTime.decimal(d.lastUpdatedOn), EpochTime.iso(d.lastUpdatedOn), d.lastUpdatedById, null);
    }

    private static Constraint constraint(ConstraintRequest r) {
        Constraint c = new Constraint();
        c.constraintType = r.constraintType();
        c.referenceId = r.referenceId();
        c.maxEarnLimit = given(r.maxEarnLimit());
        c.maxEarnForDays = given(r.maxEarnForDays());
        c.rollForDays = given(r.rollForDays());
        c.maxEarnForWeeks = given(r.maxEarnForWeeks());
        c.rollForWeeks = given(r.rollForWeeks());
        c.maxEarnForMonths = given(r.maxEarnForMonths());
        c.rollForMonths = given(r.rollForMonths());
        c.durationType = r.durationType();
        c.refreshRate = given(r.refreshRate());
        c.rollType = r.rollType();
        c.rollValue = given(r.rollValue());
        c.startDate = EpochTime.pick(r.startDate(), r.startDateISO());
        c.endDate = EpochTime.pick(r.endDate(), r.endDateISO());
        c.cycleStatus = r.cycleStatus();
        c.startDayOfTheWeek = dayOfWeek(r.startDayOfTheWeek());
        return c;
    }

    /** 1 (Monday) to 7 (Sunday), from the number or the day's name; 0, blank or absent is none; else 400. */
    static Integer dayOfWeek(String given) {
        if (given == null || given.isBlank() || given.trim().equals("0")) {
            return null;
        }
        String text = given.trim();
        if (text.matches("[1-7]")) {
            return Integer.parseInt(text);
        }
        try {
            return java.time.DayOfWeek.valueOf(text.toUpperCase(java.util.Locale.ROOT)).getValue();
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_INPUT.exception("startDayOfTheWeek must be 1 (Monday) to 7 (Sunday) or a day's name",
                    "startDayOfTheWeek");
        }
    }

    /** 0 is "not given", as the vendor's samples send it for fields a constraint kind does not use. */
    static Integer given(Integer number) {
        return number == null || number == 0 ? null : number;
    }

    /** The vendor's expiry forms read as Laurel's kinds (see {@link ExpiryRequest}). */
    static ExpiryType expiryType(ExpiryRequest r) {
        if (r.expiryType() == ExpiryType.ABSOLUTE && (Boolean.TRUE.equals(r.expireWithBadgeMeta())
                || WITH_BADGE_META.equalsIgnoreCase(r.type()))) {
            return ExpiryType.WITH_BADGE_META;
        }
        return r.expiryType();
    }

    private static Expiry expiry(ExpiryRequest r) {
        Expiry e = new Expiry();
        e.expiryType = expiryType(r);
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
    private static ConstraintView constraintView(Constraint c, BadgeMetaDocument badge, Instant now, ZoneId zone) {
        boolean fixedWindow = c.constraintType.isFixedWindow();
        Instant start = fixedWindow && c.startDate == null ? badge.startOn : c.startDate;
        Instant end = fixedWindow && c.endDate == null ? badge.expiresOn : c.endDate;
        return new ConstraintView(c.constraintType, c.referenceId, c.durationType, c.refreshRate, c.rollType,
                c.rollValue, c.maxEarnLimit, c.maxEarnForDays, c.rollForDays, c.maxEarnForWeeks, c.rollForWeeks,
                c.maxEarnForMonths, c.rollForMonths, c.cycleStatus,
                start == null ? null : EpochTime.seconds(start), EpochTime.iso(start),
                end == null ? null : EpochTime.seconds(end), EpochTime.iso(end),
                fixedWindow ? currentCycle(c, badge, start, end, now, zone) : null, c.startDayOfTheWeek);
    }

    /** The window's cycle at {@code now}, clipped to the window; null outside it. */
    private static BadgeMetaView.CurrentCycle currentCycle(Constraint c, BadgeMetaDocument badge, Instant start,
            Instant end, Instant now, ZoneId zone) {
        if (now.isBefore(start) || !now.isBefore(end)) {
            return null;
        }
        WindowCycles cycles = WindowCycles.of(badge, c, zone);
        Instant[] cycle = cycles.bounds(start, end, cycles.cycle(now));
        return new BadgeMetaView.CurrentCycle(EpochTime.seconds(cycle[0]), EpochTime.iso(cycle[0]),
                EpochTime.seconds(cycle[1]), EpochTime.iso(cycle[1]));
    }

    /** In the vendor's form: WITH_BADGE_META is ABSOLUTE with {@code type} and {@code expireWithBadgeMeta}. */
    private static ExpiryView expiryView(Expiry e) {
        ExpiryType type = e == null ? ExpiryType.WITH_BADGE_META : e.expiryType;
        return switch (type) {
            case WITH_BADGE_META -> new ExpiryView(ExpiryType.ABSOLUTE.name(), WITH_BADGE_META, true, null, null,
                    null, null, null);
            case ABSOLUTE -> new ExpiryView(type.name(), FIXED_DATE, false, EpochTime.seconds(e.expiresOn),
                    EpochTime.iso(e.expiresOn), null, null, null);
            case RELATIVE -> new ExpiryView(type.name(), null, null, null, null, e.relativeExpiryType,
                    e.relativeExpiryType, e.value);
            case NEVER -> new ExpiryView(type.name(), null, null, null, null, null, null, null);
        };
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
