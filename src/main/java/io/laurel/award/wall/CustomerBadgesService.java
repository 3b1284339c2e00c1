package io.laurel.award.wall;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Facet;
import com.mongodb.client.model.Field;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import io.laurel.badge.BadgeCatalog;
import io.laurel.badge.BadgeMetaView;
import io.laurel.badge.EarnType;
import io.laurel.common.EpochTime;
import io.laurel.common.Paging;
import io.laurel.common.Times;
import io.laurel.customer.CustomerLookup;
import io.laurel.identity.Caller;
import io.laurel.org.OrgCalendar;
import io.smallrye.mutiny.Uni;

/**
 * A customer's badge wall in two round trips whatever the page size or the number of badges: the customer with its
 * earns and issues (one aggregation), then one page of definitions with their groups, sorted and counted in the
 * database (one aggregation).
 */
@ApplicationScoped
public class CustomerBadgesService {

    private static final int NOT_EARNED = Integer.MAX_VALUE;

    private final CustomerLookup customers;
    private final BadgeCatalog catalog;

    private final OrgCalendar calendar;

    CustomerBadgesService(CustomerLookup customers, BadgeCatalog catalog, OrgCalendar calendar) {
        this.calendar = calendar;
        this.customers = customers;
        this.catalog = catalog;
    }

    public Uni<CustomerBadgeView.Page> wall(Caller caller, String customerId, String identifierType, WallQuery query) {
        Instant now = Times.now();
        long orgId = caller.orgId();
        return customers.resolve(orgId, customerId, identifierType).chain(customer -> {
            long id = customer.customerId;
            if (!needsHistory(query)) {
                // Two round trips: the customer by key; the page of definitions, each of the page's joined by key to
                // the customer's scope and active issue of it.
                return Uni.combine().all().unis(catalog.aggregateOne(pipeline(orgId, new CustomerHistory(), query,
                        now, id), WallFacet.class), calendar.zone(orgId)).asTuple()
                        .map(found -> page(found.getItem1(), CustomerHistory.ofKeyed(found.getItem1().items.stream()
                                .map(item -> new Document("_id", item.badge.id).append("scope", item.scope)
                                        .append("issue", item.issue)).toList(), now), query, now, found.getItem2()));
            }
            // Filtering or sorting by the customer's history: three round trips, each by key or over the org's
            // definitions: the customer; the customer's scope and active issue of every definition; the page.
            return Uni.combine().all().unis(catalog.aggregateAll(CustomerHistory.keyedJoins(orgId, id)),
                    calendar.zone(orgId)).asTuple().chain(found -> {
                        CustomerHistory awards = CustomerHistory.ofKeyed(found.getItem1(), now);
                        return catalog.aggregateOne(pipeline(orgId, awards, query, now, null), WallFacet.class)
                                .map(facet -> page(facet, awards, query, now, found.getItem2()));
                    });
        });
    }

    /** Whether the kind or the order depends on the customer's history (else only the page's badges need it). */
    static boolean needsHistory(WallQuery query) {
        return query.badgeType() == WallQuery.BadgeType.EARNED || query.badgeType() == WallQuery.BadgeType.EXPIRED
                || query.sortOn() == WallQuery.SortOn.LAST_EARNED_ON_DATE
                || query.sortOn() == WallQuery.SortOn.LAST_EARNED_EVENT_DATE;
    }

    /** The page of definitions; with {@code joinFor}, each of the page's joined to that customer's records of it. */
    private static List<Bson> pipeline(long orgId, CustomerHistory awards, WallQuery query, Instant now, Long joinFor) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("orgId", orgId));
        filters.add(match(awards, query, now));
        if (query.groupId() != null) {
            filters.add(Filters.eq("badgeGroupId", query.groupId()));
        }
        List<Bson> pipeline = new ArrayList<>();
        pipeline.add(Aggregates.match(Filters.and(filters)));
        pipeline.add(Aggregates.lookup(BadgeCatalog.GROUP_COLLECTION, "badgeGroupId", "_id", "group"));
        List<Field<?>> sortKeys = sortKeys(awards, query);
        if (!sortKeys.isEmpty()) {
            pipeline.add(Aggregates.addFields(sortKeys));
        }
        pipeline.add(Aggregates.sort(sort(query)));
        List<Bson> items = new ArrayList<>();
        items.add(Aggregates.skip(Paging.skip(query.page(), query.limit())));
        items.add(Aggregates.limit(query.limit()));
        Document item = new Document("_id", 0).append("badge", "$$ROOT")
                .append("groupName", new Document("$arrayElemAt", List.of("$group.name", 0)));
        if (joinFor != null) {
            items.addAll(CustomerHistory.joinStages(orgId, joinFor, "_wallScope", "_wallIssue"));
            item.append("scope", "$_wallScope").append("issue", "$_wallIssue");
        }
        items.add(Aggregates.project(item));
        pipeline.add(Aggregates.facet(new Facet("items", items), new Facet("total", Aggregates.count("n"))));
        return pipeline;
    }

    private static Bson match(CustomerHistory awards, WallQuery query, Instant now) {
        return switch (query.badgeType()) {
            case AVAILABLE_TO_ISSUE -> available(EarnType.ISSUE_EARN, query.includeExpired(), now);
            case AVAILABLE -> available(EarnType.EARN, query.includeExpired(), now);
            case EARNED -> {
                List<ObjectId> live = awards.earns.entrySet().stream().filter(e -> e.getValue().live() > 0)
                        .map(Map.Entry::getKey).toList();
                yield query.includeExpired() ? Filters.or(Filters.in("_id", live), expired(awards, now))
                        : Filters.in("_id", live);
            }
            case EXPIRED -> expired(awards, now);
        };
    }

    /** Live active badges of the kind; with includeExpired also those whose time is over. */
    static Bson available(EarnType type, boolean includeExpired, Instant now) {
        Bson started = Filters.and(Filters.eq("earnType", type.name()), Filters.eq("active", true),
                Filters.lte("startOn", now));
        return includeExpired ? started : Filters.and(started, Filters.gt("expiresOn", now));
    }

    /** Badges the customer was issued or earned whose badge has expired, or of which an earn has expired. */
    static Bson expired(CustomerHistory awards, Instant now) {
        Set<ObjectId> touched = new HashSet<>(awards.issued);
        touched.addAll(awards.earns.keySet());
        List<ObjectId> expiredEarns = awards.earns.entrySet().stream().filter(e -> e.getValue().count() > e.getValue().live())
                .map(Map.Entry::getKey).toList();
        return Filters.or(Filters.in("_id", expiredEarns),
                Filters.and(Filters.in("_id", touched), Filters.lte("expiresOn", now)));
    }

    private static List<Field<?>> sortKeys(CustomerHistory awards, WallQuery query) {
        List<Field<?>> keys = new ArrayList<>();
        switch (query.sortOn()) {
            case RANK -> {
                keys.add(new Field<>("_sortUngrouped",
                        new Document("$cond", List.of(new Document("$eq", List.of(new Document("$size", "$group"), 0)), 1, 0))));
                keys.add(new Field<>("_sortGroupRank",
                        new Document("$ifNull", List.of(new Document("$arrayElemAt", List.of("$group.rank", 0)), 0))));
                keys.add(new Field<>("_sortUnranked", new Document("$cond", List.of(
                        new Document("$eq", Arrays.asList(new Document("$ifNull", Arrays.asList("$badgeRank", null)), null)),
                        1, 0))));
            }
            case LAST_EARNED_ON_DATE, LAST_EARNED_EVENT_DATE -> {
                Comparator<Map.Entry<ObjectId, CustomerHistory.EarnStats>> newestFirst = Comparator.comparing(
                        e -> query.sortOn() == WallQuery.SortOn.LAST_EARNED_ON_DATE ? e.getValue().lastEarnedOn()
                                : e.getValue().lastEarnEventDate(), Comparator.nullsLast(Comparator.reverseOrder()));
                List<ObjectId> order = awards.earns.entrySet().stream()
                        .sorted(newestFirst.thenComparing(Map.Entry::getKey)).map(Map.Entry::getKey).toList();
                Document index = new Document("$indexOfArray", List.of(order, "$_id"));
                keys.add(new Field<>("_sortLast", new Document("$cond",
                        List.of(new Document("$lt", List.of(index, 0)), NOT_EARNED, index))));
            }
            case EXPIRY -> {
            }
        }
        return keys;
    }

    private static Bson sort(WallQuery query) {
        return switch (query.sortOn()) {
            case RANK -> Sorts.orderBy(Sorts.ascending("_sortUngrouped", "_sortGroupRank", "badgeGroupId",
                    "_sortUnranked", "badgeRank"), Sorts.descending("expiresOn"), Sorts.ascending("_id"));
            case LAST_EARNED_ON_DATE, LAST_EARNED_EVENT_DATE -> Sorts.orderBy(Sorts.ascending("_sortLast"),
                    Sorts.descending("expiresOn"), Sorts.ascending("_id"));
            case EXPIRY -> Sorts.orderBy(Sorts.descending("expiresOn"), Sorts.ascending("_id"));
        };
    }

    private static CustomerBadgeView.Page page(WallFacet facet, CustomerHistory awards, WallQuery query, Instant now,
            ZoneId zone) {
        long total = facet.total == null || facet.total.isEmpty() ? 0 : facet.total.get(0).n;
        List<CustomerBadgeView> items = new ArrayList<>();
        for (WallFacet.Item item : facet.items) {
            BadgeMetaView b = BadgeMetaView.of(item.badge, now, zone);
            CustomerHistory.EarnStats stats = awards.earns.get(item.badge.id);
            items.add(new CustomerBadgeView(b.badgeMetaId(), b.orgId(), b.name(), b.description(), b.startOn(),
                    b.startOnISO(), b.expiresOn(), b.expiresOnISO(), b.images(), b.tags(), b.badgeGroupId(),
                    item.groupName, b.badgeRank(), b.ownership(), b.earnType(), b.benefits(), b.customerConstraints(),
                    b.badgeConstraints(),
                    stats == null ? null : stats.count(),
                    stats == null || stats.lastEarnedOn() == null ? null : EpochTime.seconds(stats.lastEarnedOn()),
                    stats == null ? null : EpochTime.iso(stats.lastEarnedOn()),
                    stats == null || stats.lastEarnEventDate() == null ? null : EpochTime.seconds(stats.lastEarnEventDate()),
                    stats == null ? null : EpochTime.iso(stats.lastEarnEventDate()),
                    b.customFields(), b.active()));
        }
        return new CustomerBadgeView.Page(items, new Paging(query.page(), query.limit()).of(total));
    }
}
