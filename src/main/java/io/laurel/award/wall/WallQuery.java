package io.laurel.award.wall;

import org.bson.types.ObjectId;

import io.laurel.common.ErrorCode;
import io.laurel.common.ObjectIds;
import io.laurel.common.Paging;

/** The validated query of a badge wall request; every bad value is a 400 naming its parameter. */
record WallQuery(BadgeType badgeType, SortOn sortOn, boolean includeExpired, ObjectId groupId, int page, int limit) {

    enum BadgeType {
        /** Live, active ISSUE_EARN badges. */
        AVAILABLE_TO_ISSUE,
        /** Live, active EARN badges. */
        AVAILABLE,
        /** Badges the customer holds at least one live earn of. */
        EARNED,
        /** Badges the customer was issued or earned whose badge or earn has expired. */
        EXPIRED
    }

    enum SortOn {
        RANK,
        LAST_EARNED_ON_DATE,
        LAST_EARNED_EVENT_DATE,
        /** No sortOn: expiresOn, latest first. */
        EXPIRY
    }

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    static WallQuery parse(String badgeType, String sortOn, String includeExpired, String groupId, String page,
            String limit) {
        return new WallQuery(
                badgeType == null || badgeType.isBlank() ? BadgeType.AVAILABLE_TO_ISSUE
                        : parseEnum(BadgeType.class, badgeType, "badgeType"),
                sortOn == null || sortOn.isBlank() ? SortOn.EXPIRY : parseSort(sortOn),
                parseBoolean(includeExpired),
                groupId == null || groupId.isBlank() ? null : ObjectIds.parse(groupId.trim(), "groupId"),
                Paging.parseInt("page", page, 0, 0, Integer.MAX_VALUE),
                Paging.parseInt("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    private static SortOn parseSort(String value) {
        SortOn sort = parseEnum(SortOn.class, value, "sortOn");
        if (sort == SortOn.EXPIRY) {
            throw invalid("sortOn", "RANK, LAST_EARNED_ON_DATE or LAST_EARNED_EVENT_DATE");
        }
        return sort;
    }

    private static boolean parseBoolean(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (value.trim().equalsIgnoreCase("true") || value.trim().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value.trim());
        }
        throw invalid("includeExpired", "true or false");
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            if (!constant.name().equals("EXPIRY")) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name());
            }
        }
        throw invalid(name, allowed.toString());
    }

    private static RuntimeException invalid(String name, String allowed) {
        return ErrorCode.INVALID_INPUT.exception(name + " must be one of " + allowed, name);
    }
}
