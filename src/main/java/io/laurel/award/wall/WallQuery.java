package io.laurel.award.wall;

import java.util.List;

import org.bson.types.ObjectId;

import io.laurel.common.ErrorCode;
import io.laurel.common.ObjectIds;
import io.laurel.common.Paging;
import io.laurel.common.QueryParams;

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
                QueryParams.choice(BadgeType.class, badgeType, "badgeType", BadgeType.AVAILABLE_TO_ISSUE),
                sortOn == null || sortOn.isBlank() ? SortOn.EXPIRY : parseSort(sortOn),
                QueryParams.flag(includeExpired, "includeExpired", false),
                groupId == null || groupId.isBlank() ? null : ObjectIds.parse(groupId.trim(), "groupId"),
                Paging.parseInt("page", page, 0, 0, Integer.MAX_VALUE),
                Paging.parseInt("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    /** One of the sorts a client may ask for (EXPIRY is the default's name, not a value to send). */
    private static SortOn parseSort(String value) {
        for (SortOn sort : List.of(SortOn.RANK, SortOn.LAST_EARNED_ON_DATE, SortOn.LAST_EARNED_EVENT_DATE)) {
            if (sort.name().equalsIgnoreCase(value.trim())) {
                return sort;
            }
        }
        throw invalid("sortOn", "RANK, LAST_EARNED_ON_DATE or LAST_EARNED_EVENT_DATE");
    }

    private static RuntimeException invalid(String name, String allowed) {
        return ErrorCode.INVALID_INPUT.exception(name + " must be one of " + allowed, name);
    }
}
