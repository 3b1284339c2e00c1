package io.laurel.award;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.laurel.badge.BadgeMetaDocument;
import io.laurel.badge.BadgeMetaDocument.Expiry;
import io.laurel.badge.BadgeStatus;
import io.laurel.common.ErrorCode;

/** The request-level checks that issue and earn calls share, each with the platform's code. */
final class AwardRules {

    static final int MAX_REQUEST_ID = 128;
    /** An earn event may be at most this far in the future (clock differences between systems). */
    static final Duration MAX_EARLY = Duration.ofHours(24);

    private AwardRules() {
    }

    static String requestId(String requestId) {
        if (requestId == null || requestId.isBlank()) {
            throw ErrorCode.REQUEST_ID_MISSING.exception(ErrorCode.REQUEST_ID_MISSING.message(), "requestId");
        }
        if (requestId.length() > MAX_REQUEST_ID) {
            throw ErrorCode.INVALID_INPUT.exception("requestId is at most " + MAX_REQUEST_ID + " characters", "requestId");
        }
        return requestId;
    }

    static Trigger trigger(TriggeredBy triggeredBy) {
        if (triggeredBy == null) {
            throw ErrorCode.TRIGGERED_BY_MISSING.exception(ErrorCode.TRIGGERED_BY_MISSING.message(), "triggeredBy");
        }
        if (triggeredBy.ownerType() == null) {
            throw ErrorCode.OWNER_TYPE_MISSING.exception(ErrorCode.OWNER_TYPE_MISSING.message(), "triggeredBy.ownerType");
        }
        return Trigger.of(triggeredBy);
    }

    /** Distinct positive customerIds, in the order given, between 1 and {@code max} of them. */
    static List<Long> customers(List<Long> customers, String field, int max) {
        if (customers == null || customers.isEmpty() || customers.size() > max) {
            throw ErrorCode.INVALID_INPUT.exception(field + " must list 1 to " + max + " customerIds", field);
        }
        Set<Long> distinct = new LinkedHashSet<>();
        for (int i = 0; i < customers.size(); i++) {
            Long id = customers.get(i);
            if (id == null || id <= 0) {
                throw ErrorCode.INVALID_INPUT.exception("customerIds are positive integers", field + "[" + i + "]");
            }
            distinct.add(id);
        }
        return new ArrayList<>(distinct);
    }

    /** Issuing and earning need an active badge that is LIVE now (1039), owned by the caller's module (714). */
    static void requireLiveAndOwned(BadgeMetaDocument badge, Trigger trigger, Instant now) {
        if (!badge.active || BadgeStatus.at(now, badge.startOn, badge.expiresOn) != BadgeStatus.LIVE) {
            throw ErrorCode.BADGE_NOT_LIVE.exception("Only an active, live badge can be issued or earned; this one is "
                    + (badge.active ? BadgeStatus.at(now, badge.startOn, badge.expiresOn) : "inactive"), "badgeMetaId");
        }
        if (trigger.ownerType.needsOwnership() && !badge.ownership.restrictedToOwners.contains(trigger.ownerType)) {
            throw ErrorCode.OWNER_TYPE_NOT_ALLOWED.exception(trigger.ownerType
                    + " is not in the badge's restrictedToOwners", "triggeredBy.ownerType");
        }
    }

    /**
     * The bulk calls (issueBulk, earnBulk) need the triggering module to hold an active claim on the badge with the
     * same referenceId, as the vendor (810, HTTP 409); Membercare needs none.
     */
    static void requireClaimed(BadgeMetaDocument badge, Trigger trigger) {
        if (!trigger.ownerType.needsOwnership()) {
            return;
        }
        boolean claimed = badge.ownership.claims != null && badge.ownership.claims.stream().anyMatch(c -> c.isActive
                && c.ownerType == trigger.ownerType && c.referenceId.equals(trigger.referenceId));
        if (!claimed) {
            throw ErrorCode.NOT_CLAIMED.exception(ErrorCode.NOT_CLAIMED.message() + ": no active claim of "
                    + trigger.ownerType + " with referenceId " + trigger.referenceId, "triggeredBy");
        }
    }

    /** The event must fall within the badge's start and end (816). */
    static void requireWithinBadge(BadgeMetaDocument badge, Instant event, String field) {
        if (event.isBefore(badge.startOn) || !event.isBefore(badge.expiresOn)) {
            throw ErrorCode.EVENT_DATE_OUTSIDE_BADGE.exception("The event date " + event
                    + " is not between the badge's startOn and expiresOn", field);
        }
    }

    static Instant earnEvent(Instant given, Instant now) {
        if (given == null) {
            return now;
        }
        if (given.isAfter(now.plus(MAX_EARLY))) {
            throw ErrorCode.INVALID_INPUT.exception("earnEventDate is more than 24 hours ahead", "earnEventDate");
        }
        return given;
    }

    /** When an issue or earn that happened at {@code base} expires under {@code expiry}; null for never. */
    static Instant expiresOn(Expiry expiry, BadgeMetaDocument badge, Instant base) {
        if (expiry == null) {
            return badge.expiresOn;
        }
        return switch (expiry.expiryType) {
            case WITH_BADGE_META -> badge.expiresOn;
            case NEVER -> null;
            case ABSOLUTE -> expiry.expiresOn;
            case RELATIVE -> switch (expiry.relativeExpiryType) {
                case DAYS -> base.plus(Duration.ofDays(expiry.value));
                case WEEKS -> base.plus(Duration.ofDays(7L * expiry.value));
                case MONTHS -> base.atZone(ZoneOffset.UTC).plusMonths(expiry.value).toInstant();
            };
        };
    }
}
