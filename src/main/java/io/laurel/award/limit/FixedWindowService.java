package io.laurel.award.limit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.laurel.badge.BadgeCatalog;
import io.laurel.badge.BadgeMetaDocument;
import io.laurel.badge.BadgeLimits;
import io.laurel.badge.EarnLimit;
import io.laurel.badge.EarnLimit.FixedWindow;
import io.laurel.badge.ConstraintType;
import io.laurel.common.EpochTime;
import io.laurel.common.ErrorCode;
import io.laurel.common.Paging;
import io.laurel.common.QueryParams;
import io.laurel.common.Times;
import io.laurel.customer.CustomerDocument;
import io.laurel.customer.CustomerLookup;
import io.laurel.identity.Caller;
import io.laurel.org.OrgCalendar;
import io.smallrye.mutiny.Uni;

/**
 * The cycles of a badge's fixed windows, numbered and counted as the limit engine numbers and counts them: at most
 * three database round trips (the badge, the customer, the scopes' counters) whatever the range.
 */
@ApplicationScoped
public class FixedWindowService {

    /** Which windows a request asks for. */
    public enum Kind {
        ALL, BADGE, CUSTOMER;

        static Kind parse(String value) {
            if (QueryParams.blank(value)) {
                return ALL;
            }
            return switch (value.trim().toUpperCase(Locale.ROOT)) {
                case "ALL" -> ALL;
                case "BADGE", "BADGE_FIXED_WINDOW" -> BADGE;
                case "CUSTOMER", "CUSTOMER_BADGE_FIXED_WINDOW" -> CUSTOMER;
                default -> throw ErrorCode.INVALID_INPUT.exception("constraintType must be BADGE, CUSTOMER or ALL",
                        "constraintType");
            };
        }

        boolean includes(ConstraintType type) {
            return type.isFixedWindow() && switch (this) {
                case ALL -> true;
                case BADGE -> !type.perCustomer();
                case CUSTOMER -> type.perCustomer();
            };
        }
    }

    /** A request, its text values parsed (400 naming the parameter otherwise). */
    public record Query(String badgeMetaId, Kind kind, String customerId, String identifierType, String referenceId,
            boolean includeEarnCount, Instant from, Instant to, Paging paging) {

        public static Query parse(String badgeMetaId, String constraintType, String customerId, String identifierType,
                String referenceId, String includeEarnCount, String startDate, String endDate, String page,
                String size) {
            if (QueryParams.blank(badgeMetaId)) {
                throw ErrorCode.INVALID_INPUT.exception("badgeMetaId is required", "badgeMetaId");
            }
            boolean counts = QueryParams.flag(includeEarnCount, "includeEarnCount", false);
            Instant from = EpochTime.query("startDate", startDate);
            Instant to = EpochTime.query("endDate", endDate);
            if (from != null && to != null && !to.isAfter(from)) {
                throw ErrorCode.INVALID_INPUT.exception("endDate must be after startDate", "endDate");
            }
            return new Query(badgeMetaId, Kind.parse(constraintType),
                    QueryParams.blank(customerId) ? null : customerId.trim(), identifierType,
                    QueryParams.blank(referenceId) ? null : referenceId.trim(), counts, from, to,
                    Paging.parse(page, size, 10, 100));
        }
    }

    private final BadgeCatalog catalog;
    private final CustomerLookup customers;
    private final LimitRepository scopes;

    private final OrgCalendar calendar;

    FixedWindowService(BadgeCatalog catalog, CustomerLookup customers, LimitRepository scopes, OrgCalendar calendar) {
        this.calendar = calendar;
        this.catalog = catalog;
        this.customers = customers;
        this.scopes = scopes;
    }

    public Uni<FixedWindowView> details(Caller caller, Query query) {
        Uni<CustomerDocument> customer = query.customerId() == null ? Uni.createFrom().nullItem()
                : customers.resolve(caller.orgId(), query.customerId(), query.identifierType());
        return Uni.combine().all().unis(catalog.require(caller.orgId(), query.badgeMetaId()), customer,
                calendar.zone(caller.orgId())).asTuple()
                .chain(found -> answer(found.getItem1(), found.getItem2(), query, found.getItem3()));
    }

    private Uni<FixedWindowView> answer(BadgeMetaDocument badge, CustomerDocument customer, Query query, ZoneId zone) {
        List<FixedWindow> windows = new ArrayList<>();
        BadgeLimits limits = catalog.limits(badge);
        for (List<EarnLimit> list : List.of(limits.customer(), limits.badge())) {
            list.stream().filter(FixedWindow.class::isInstance).map(FixedWindow.class::cast)
                    .filter(w -> query.kind().includes(w.type()))
                    .filter(w -> query.referenceId() == null || query.referenceId().equals(w.referenceId()))
                    .forEach(windows::add);
        }
        // The page is cut from the windows' cycles in order, counting them, never listing them.
        long skip = query.paging().skip();
        long total = 0;
        List<FixedWindows.Cycle> page = new ArrayList<>();
        for (FixedWindow window : windows) {
            long[] range = FixedWindows.range(window, query.from(), query.to(), zone);
            if (range == null) {
                continue;
            }
            long count = range[1] - range[0] + 1;
            long firstWanted = Math.max(skip - total, 0);
            long room = query.paging().size() - page.size();
            if (firstWanted < count && room > 0) {
                long first = range[0] + firstWanted;
                page.addAll(FixedWindows.cycles(window, first, Math.min(range[1], first + room - 1), zone));
            }
            total += count;
        }
        Long customerId = customer == null ? null : customer.customerId;
        Uni<Map<String, LimitScopeDocument>> counters = !query.includeEarnCount() || page.isEmpty()
                ? Uni.createFrom().item(Map.of())
                : scopes.findAll(scopeIds(badge, customerId)).map(found -> found.stream()
                        .collect(Collectors.toMap(s -> s.id, Function.identity())));
        long all = total;
        Instant now = Times.now();
        Instant from = query.from() == null || query.from().isBefore(badge.startOn) ? badge.startOn : query.from();
        Instant to = query.to() == null || query.to().isAfter(badge.expiresOn) ? badge.expiresOn : query.to();
        return counters.map(byScope -> new FixedWindowView(badge.id.toHexString(), badge.orgId,
                EpochTime.seconds(from), EpochTime.iso(from), EpochTime.seconds(to), EpochTime.iso(to), customerId,
                page.stream().map(cycle -> view(cycle, now, query.includeEarnCount()
                        ? count(cycle, byScope, badge, customerId) : null)).toList(),
                query.paging().of(all)));
    }

    private static List<String> scopeIds(BadgeMetaDocument badge, Long customerId) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(EarnLimits.badgeScopeId(badge));
        if (customerId != null) {
            ids.add(EarnLimits.customerScopeId(badge, customerId));
        }
        return List.copyOf(ids);
    }

    /** The earns counted in the cycle; null for a customer window asked without a customer. */
    private static Long count(FixedWindows.Cycle cycle, Map<String, LimitScopeDocument> byScope,
            BadgeMetaDocument badge, Long customerId) {
        boolean perCustomer = cycle.constraintType().perCustomer();
        if (perCustomer && customerId == null) {
            return null;
        }
        LimitScopeDocument scope = byScope.get(perCustomer ? EarnLimits.customerScopeId(badge, customerId)
                : EarnLimits.badgeScopeId(badge));
        return scope == null || scope.cycles == null ? 0L : scope.cycles.getOrDefault(cycle.counter(), 0L);
    }

    private static FixedWindowView.Cycle view(FixedWindows.Cycle cycle, Instant now, Long earnCount) {
        String status = now.isBefore(cycle.start()) ? "UPCOMING" : now.isBefore(cycle.end()) ? "ACTIVE" : "COMPLETED";
        return new FixedWindowView.Cycle(cycle.window().referenceId(), cycle.number(),
                EpochTime.seconds(cycle.start()), EpochTime.iso(cycle.start()), EpochTime.seconds(cycle.end()),
                EpochTime.iso(cycle.end()), cycle.constraintType(), status, (int) cycle.window().max(), earnCount);
    }
}
