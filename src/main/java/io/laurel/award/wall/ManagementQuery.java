package io.laurel.award.wall;

import java.time.Instant;
import java.util.Locale;

import org.bson.types.ObjectId;

import io.laurel.badge.BadgeStatus;
import io.laurel.badge.OwnerType;
import io.laurel.common.EpochTime;
import io.laurel.common.ErrorCode;
import io.laurel.common.ObjectIds;
import io.laurel.common.Paging;
import io.laurel.common.QueryParams;

/**
 * The management view's filters, as the vendor's: which badges ({@code badgeType}; default every badge the customer
 * was issued or earned), and narrowing by name, activation, status, owner, claim, group and dates.
 */
record ManagementQuery(Kind kind, String name, Boolean active, BadgeStatus badgeStatus, OwnerType owner,
        OwnerType claimedBy, ObjectId groupId, Instant startOn, boolean startBefore, Instant expiresOn,
        boolean expiresBefore, SortOn sortOn, boolean ascending, Paging paging) {

    enum Kind {
        /** Every badge the customer was issued (whatever became of the issue) or earned. */
        ALL,
        EARNED,
        AVAILABLE,
        AVAILABLE_TO_ISSUE,
        EXPIRED
    }

    enum SortOn {
        EXPIRES_ON,
        LAST_MODIFIED_DATE,
        LAST_ISSUED_DATE,
        LAST_EXPIRED_BADGE,
        LAST_EARNED_EVENT_DATE,
        LAST_EARNED_ON_DATE
    }

    static ManagementQuery parse(String badgeType, String name, String action, String badgeStatus, String owner,
            String claimedBy, String groupId, String startOn, String startOnOperator, String expiresOn,
            String expiresOnOperator, String sortOn, String order, String page, String size) {
        if (!blank(name) && name.length() > 200) {
            throw ErrorCode.INVALID_INPUT.exception("name is at most 200 characters", "name");
        }
        Boolean active = switch (blank(action) ? "" : action.trim().toUpperCase(Locale.ROOT)) {
            case "" -> null;
            case "ACTIVATED" -> true;
            case "DE_ACTIVATED" -> false;
            default -> throw ErrorCode.INVALID_INPUT.exception("action must be ACTIVATED or DE_ACTIVATED", "action");
        };
        return new ManagementQuery(QueryParams.choice(Kind.class, badgeType, "badgeType", Kind.ALL),
                blank(name) ? null : name, active,
                QueryParams.choice(BadgeStatus.class, !blank(badgeStatus) && badgeStatus.trim().equalsIgnoreCase("ENDED")
                        ? "EXPIRED" : badgeStatus, "badgeStatus", null),
                QueryParams.choice(OwnerType.class, owner, "owner", null),
                QueryParams.choice(OwnerType.class, claimedBy, "claimedBy", null),
                blank(groupId) ? null : ObjectIds.parse(groupId.trim(), "groupId"),
                EpochTime.query("startOn", startOn), lessThan(startOnOperator, "startOnOperator", false),
                EpochTime.query("expiresOn", expiresOn), lessThan(expiresOnOperator, "expiresOnOperator", true),
                QueryParams.choice(SortOn.class, sortOn, "sortOn", SortOn.EXPIRES_ON),
                QueryParams.ascending(order, "order", false),
                Paging.parse(page, size, 10, 100));
    }

    /** LESS_THAN or GREATER_THAN (the default given); true for LESS_THAN. */
    private static boolean lessThan(String operator, String name, boolean fallback) {
        return switch (blank(operator) ? "" : operator.trim().toUpperCase(Locale.ROOT)) {
            case "" -> fallback;
            case "LESS_THAN" -> true;
            case "GREATER_THAN" -> false;
            default -> throw ErrorCode.INVALID_INPUT.exception(name + " must be LESS_THAN or GREATER_THAN", name);
        };
    }

    private static boolean blank(String value) {
        return QueryParams.blank(value);
    }
}
