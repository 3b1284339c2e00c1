package io.laurel.award.limit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.laurel.badge.BadgeCatalog;
import io.laurel.badge.BadgeMetaDocument;
import io.laurel.badge.BadgeLimits;
import io.laurel.badge.EarnLimit;
import io.laurel.badge.EarnLimit.FixedWindow;
import io.laurel.common.EpochTime;
import io.laurel.common.Times;
import io.laurel.customer.CustomerLookup;
import io.laurel.identity.Caller;
import io.laurel.org.OrgCalendar;
import io.smallrye.mutiny.Uni;

/**
 * Explains a badge's earn limits for one customer: the same {@link Scope} the enforcer builds for an earn at that time,
 * read against the same counters, so the explainer's {@code remaining} is 0 exactly when earn answers 1101 or 1102.
 * Three round trips: the badge, the customer, the two scopes.
 */
@ApplicationScoped
public class LimitExplainer {

    private final BadgeCatalog catalog;
    private final CustomerLookup customers;
    private final LimitRepository scopes;
    private final OrgCalendar calendar;

    LimitExplainer(BadgeCatalog catalog, CustomerLookup customers, LimitRepository scopes, OrgCalendar calendar) {
        this.calendar = calendar;
        this.catalog = catalog;
        this.customers = customers;
        this.scopes = scopes;
    }

    public Uni<LimitsView> explain(Caller caller, String customerPath, String identifierType, String badgeMetaId,
            String at) {
        Instant when = EpochTime.query("at", at);
        Instant time = when == null ? Times.now() : when;
        return Uni.combine().all().unis(catalog.require(caller.orgId(), badgeMetaId),
                customers.resolve(caller.orgId(), customerPath, identifierType), calendar.zone(caller.orgId())).asTuple()
                .chain(found -> explain(found.getItem1(), found.getItem2().customerId, time, found.getItem3()));
    }

    /** The limits of a badge already read, for a customer already known (one round trip: the counters). */
    public Uni<LimitsView> explain(BadgeMetaDocument badge, long customerId, Instant at, ZoneId zone) {
        String customerScope = EarnLimits.customerScopeId(badge, customerId);
        String badgeScope = EarnLimits.badgeScopeId(badge);
        BadgeLimits typed = catalog.limits(badge);
        return scopes.findAll(List.of(customerScope, badgeScope))
                .map(found -> found.stream().collect(Collectors.toMap(s -> s.id, Function.identity())))
                .map(byId -> {
                    List<LimitsView.Limit> limits = new ArrayList<>();
                    limits.addAll(limits(typed.customer(), true, customerScope, byId.get(customerScope), at, zone));
                    limits.addAll(limits(typed.badge(), false, badgeScope, byId.get(badgeScope), at, zone));
                    Long remaining = limits.stream().map(LimitsView.Limit::remaining).min(Long::compare).orElse(null);
                    return new LimitsView(customerId, badge.id.toHexString(), EpochTime.seconds(at),
                            EpochTime.iso(at), remaining == null || remaining > 0, remaining, limits);
                });
    }

    private static List<LimitsView.Limit> limits(List<EarnLimit> typed, boolean perCustomer, String scopeId,
            LimitScopeDocument counters, Instant at, ZoneId zone) {
        Scope scope = Scope.of(typed, perCustomer, scopeId, at, zone);
        List<LimitsView.Limit> limits = new ArrayList<>();
        for (Scope.Fill fill : scope.fills(counters)) {
            EarnLimit limit = fill.source();
            FixedWindow window = limit instanceof FixedWindow w ? w : null;
            Instant start = null;
            Instant end = null;
            if (fill.rolling() != null) {
                start = LocalDate.ofEpochDay(fill.rolling().startDay(scope.day)).atStartOfDay(zone).toInstant();
                end = LocalDate.ofEpochDay(scope.day + 1).atStartOfDay(zone).toInstant();
            } else if (window != null) {
                long n = FixedWindows.cycleAt(window, at, zone);
                FixedWindows.Cycle cycle = FixedWindows.cycles(window, n, n, zone).get(0);
                start = cycle.start();
                end = cycle.end();
            }
            Instant next = fill.full() ? nextSlot(limit, perCustomer, scopeId, counters, fill, end, scope.day, zone)
                    : null;
            limits.add(new LimitsView.Limit(perCustomer ? "CUSTOMER" : "BADGE", limit.type(),
                    window == null ? null : window.referenceId(),
                    fill.rolling() == null ? null : fill.rolling().unit(),
                    fill.rolling() == null ? null : fill.rolling().length(),
                    fill.max(), fill.count(), Math.max(0, fill.max() - fill.count()),
                    start == null ? null : EpochTime.seconds(start), EpochTime.iso(start),
                    end == null ? null : EpochTime.seconds(end), EpochTime.iso(end),
                    next == null ? null : EpochTime.seconds(next), EpochTime.iso(next), fill.description()));
        }
        return limits;
    }

    /**
     * When a full limit lets an earn through again, asked of the enforcer's own check at later times: a fixed window
     * at its next cycle (null past the window's end), a rolling window on the first later day whose window has room
     * (at most its longest span ahead), a fixed value never (null: only a revoke frees it).
     */
    private static Instant nextSlot(EarnLimit limit, boolean perCustomer, String scopeId, LimitScopeDocument counters,
            Scope.Fill full, Instant windowEnd, long day, ZoneId zone) {
        List<Instant> candidates = new ArrayList<>();
        if (full.rolling() != null) {
            for (long d = day + 1; d <= day + full.rolling().longestSpanDays() + 1; d++) {
                candidates.add(LocalDate.ofEpochDay(d).atStartOfDay(zone).toInstant());
            }
        } else if (limit instanceof FixedWindow window && windowEnd != null && windowEnd.isBefore(window.end())) {
            candidates.add(windowEnd);
        }
        for (Instant candidate : candidates) {
            Scope later = Scope.of(List.of(limit), perCustomer, scopeId, candidate, zone);
            if (later.fills(counters).stream().noneMatch(Scope.Fill::full)) {
                return candidate;
            }
        }
        return null;
    }
}
