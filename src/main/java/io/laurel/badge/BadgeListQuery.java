package io.laurel.badge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import io.laurel.common.EpochTime;
import io.laurel.common.ErrorCode;
import io.laurel.common.Paging;
import io.laurel.common.QueryParams;

/**
 * The badge list's filters, as the vendor's list takes them; each text value parsed here, a bad one a 400 naming it.
 * {@code startOn}/{@code expiresOn} keep badges starting at or after, and expiring at or before, the given time.
 */
public record BadgeListQuery(List<BadgeStatus> statuses, EarnType earnType, Boolean active, OwnerType owner,
        OwnerType claimedBy, boolean unclaimed, String name, Instant startsFrom, Instant expiresBy, String sortOn,
        boolean ascending, Paging paging) {

    static final int MAX_NAME = 200;

    public static BadgeListQuery parse(String status, String earnType, String badgeType, String action, String owner,
            String claimedBy, String unclaimed, String name, String startOn, String expiresOn, String sortOn,
            String order, String page, String size, String limit) {
        List<BadgeStatus> statuses = blank(status) ? List.of() : Arrays.stream(status.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(s -> s.equalsIgnoreCase("ENDED") ? "EXPIRED" : s)
                .map(s -> QueryParams.choice(BadgeStatus.class, s, "status", null)).distinct().toList();
        EarnType type = !blank(earnType) ? QueryParams.choice(EarnType.class, earnType, "earnType", null)
                : QueryParams.choice(EarnType.class, badgeType, "badgeType", null);
        Boolean active = switch (blank(action) ? "" : action.trim().toUpperCase(Locale.ROOT)) {
            case "" -> null;
            case "ACTIVATED", "ACTIVE" -> true;
            case "DE_ACTIVATED", "DEACTIVATED", "INACTIVE" -> false;
            default -> throw ErrorCode.INVALID_INPUT.exception("action must be ACTIVATED or DE_ACTIVATED", "action");
        };
        boolean onlyUnclaimed = QueryParams.flag(unclaimed, "unclaimed", false);
        if (!blank(name) && name.length() > MAX_NAME) {
            throw ErrorCode.INVALID_INPUT.exception("name is at most " + MAX_NAME + " characters", "name");
        }
        String sort = blank(sortOn) ? "ID" : sortOn.trim().toUpperCase(Locale.ROOT);
        if (!List.of("ID", "NAME", "START_DATE").contains(sort)) {
            throw ErrorCode.INVALID_INPUT.exception("sortOn must be ID, NAME or START_DATE", "sortOn");
        }
        boolean ascending = QueryParams.ascending(order, "order", sort.equals("NAME"));
        Paging paging = blank(size) && !blank(limit) ? Paging.parseWithSizeName(page, limit, "limit", 10, 100)
                : Paging.parse(page, size, 10, 100);
        return new BadgeListQuery(statuses, type, active,
                QueryParams.choice(OwnerType.class, owner, "owner", null),
                QueryParams.choice(OwnerType.class, claimedBy, "claimedBy", null),
                onlyUnclaimed, blank(name) ? null : name, EpochTime.query("startOn", startOn),
                EpochTime.query("expiresOn", expiresOn), sort, ascending, paging);
    }

    /** The store filter of this query in the org at {@code now} (statuses depend on the clock). */
    Bson filter(long orgId, Instant now) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("orgId", orgId));
        if (!statuses.isEmpty()) {
            filters.add(Filters.or(statuses.stream().map(s -> BadgeMetaService.statusFilter(s, now)).toList()));
        }
        if (earnType != null) {
            filters.add(Filters.eq("earnType", earnType.name()));
        }
        if (active != null) {
            filters.add(Filters.eq("active", active));
        }
        if (owner != null) {
            filters.add(Filters.eq("ownership.restrictedToOwners", owner.name()));
        }
        Document activeClaim = new Document("isActive", true);
        if (claimedBy != null) {
            filters.add(Filters.elemMatch("ownership.claims", new Document(activeClaim).append("ownerType", claimedBy.name())));
        }
        if (unclaimed) {
            filters.add(Filters.not(Filters.elemMatch("ownership.claims", activeClaim)));
        }
        if (name != null) {
            filters.add(Filters.regex("name", Pattern.quote(name), "i"));
        }
        if (startsFrom != null) {
            filters.add(Filters.gte("startOn", startsFrom));
        }
        if (expiresBy != null) {
            filters.add(Filters.lte("expiresOn", expiresBy));
        }
        return Filters.and(filters);
    }

    /** The order: the chosen field, then the id, so pages never overlap. */
    Bson sort() {
        String field = switch (sortOn) {
            case "NAME" -> "name";
            case "START_DATE" -> "startOn";
            default -> "_id";
        };
        Bson first = ascending ? Sorts.ascending(field) : Sorts.descending(field);
        return field.equals("_id") ? first : Sorts.orderBy(first, ascending ? Sorts.ascending("_id") : Sorts.descending("_id"));
    }

    private static boolean blank(String value) {
        return QueryParams.blank(value);
    }
}
