package io.laurel.award.wall;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Facet;
import com.mongodb.client.model.Field;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import io.laurel.award.EarnRepository;
import io.laurel.award.IssueRepository;
import io.laurel.award.limit.LimitExplainer;
import io.laurel.award.limit.LimitsView;
import io.laurel.badge.BadgeCatalog;
import io.laurel.badge.BadgeMetaDocument;
import io.laurel.badge.BadgeMetaService;
import io.laurel.badge.BadgeMetaView;
import io.laurel.badge.BadgeStatus;
import io.laurel.badge.EarnType;
import io.laurel.common.EpochTime;
import io.laurel.common.Times;
import io.laurel.customer.CustomerLookup;
import io.laurel.identity.Caller;
import io.laurel.org.OrgCalendar;
import io.smallrye.mutiny.Uni;

/**
 * The vendor's badge management view of a customer in two round trips whatever the customer's history: the customer
 * with its earns and issues, then one page of definitions filtered, sorted and counted in the database.
 */
@ApplicationScoped
public class ManagementService {

    private static final int NOT_DONE = Integer.MAX_VALUE;

    private final CustomerLookup customers;
    private final BadgeCatalog catalog;
    private final IssueRepository issues;
    private final EarnRepository earns;
    private final LimitExplainer limits;
    private final OrgCalendar calendar;

    ManagementService(CustomerLookup customers, BadgeCatalog catalog, IssueRepository issues, EarnRepository earns,
            LimitExplainer limits, OrgCalendar calendar) {
        this.calendar = calendar;
        this.customers = customers;
        this.catalog = catalog;
        this.issues = issues;
        this.earns = earns;
        this.limits = limits;
    }

    /**
     * One badge of one customer: its headline, every issue and earn of this customer (active, revoked, expired) with
     * dates, trigger and request ids; with {@code includeStatistics}, each limit's count now (read as the limit
     * explainer reads it) and the issues and earns by status.
     */
    public Uni<CustomerBadgeDetail> badge(Caller caller, String customerId, String identifierType, String badgeId,
            boolean includeStatistics) {
        Instant now = Times.now();
        return Uni.combine().all().unis(customers.resolve(caller.orgId(), customerId, identifierType),
                catalog.require(caller.orgId(), badgeId), calendar.zone(caller.orgId())).asTuple()
                .chain(found -> {
                    BadgeMetaDocument badge = found.getItem2();
                    long customer = found.getItem1().customerId;
                    ZoneId zone = found.getItem3();
                    Uni<LimitsView> counts = includeStatistics ? limits.explain(badge, customer, now, zone)
                            : Uni.createFrom().nullItem();
                    return Uni.combine().all().unis(issues.findOfCustomer(caller.orgId(), badge.id, customer),
                            earns.findOfCustomer(caller.orgId(), badge.id, customer), catalog.groupName(badge), counts)
                            .with((issued, earned, groupName, explained) -> CustomerBadgeDetails.of(badge, issued, earned,
                                    groupName, explained, includeStatistics, now, zone));
                });
    }

    public Uni<ManagementView> view(Caller caller, String customerId, String identifierType, ManagementQuery query) {
        Instant now = Times.now();
        return Uni.combine().all().unis(customers.resolveJoined(caller.orgId(), customerId, identifierType,
                CustomerHistory.joins()), calendar.zone(caller.orgId())).asTuple()
                .chain(found -> {
                    CustomerHistory history = CustomerHistory.of(found.getItem1(), caller.orgId(), now);
                    return catalog.aggregateOne(pipeline(caller.orgId(), history, query, now), WallFacet.class)
                            .map(facet -> page(facet, history, query, now, found.getItem2()));
                });
    }

    private static List<Bson> pipeline(long orgId, CustomerHistory history, ManagementQuery query, Instant now) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("orgId", orgId));
        filters.add(switch (query.kind()) {
            case ALL -> Filters.in("_id", history.touched());
            case EARNED -> Filters.in("_id", history.earns.entrySet().stream().filter(e -> e.getValue().live() > 0)
                    .map(Map.Entry::getKey).toList());
            case AVAILABLE -> available(EarnType.EARN, query, now);
            case AVAILABLE_TO_ISSUE -> available(EarnType.ISSUE_EARN, query, now);
            case EXPIRED -> CustomerBadgesService.expired(history, now);
        });
        if (query.name() != null) {
            filters.add(Filters.regex("name", Pattern.quote(query.name()), "i"));
        }
        if (query.active() != null) {
            filters.add(Filters.eq("active", query.active()));
        }
        if (query.badgeStatus() != null) {
            filters.add(BadgeMetaService.statusFilter(query.badgeStatus(), now));
        }
        if (query.owner() != null) {
            filters.add(Filters.eq("ownership.restrictedToOwners", query.owner().name()));
        }
        if (query.claimedBy() != null) {
            filters.add(Filters.elemMatch("ownership.claims", new Document("isActive", true)
                    .append("ownerType", query.claimedBy().name())));
        }
        if (query.groupId() != null) {
            filters.add(Filters.eq("badgeGroupId", query.groupId()));
        }
        if (query.startOn() != null) {
            filters.add(query.startBefore() ? Filters.lt("startOn", query.startOn()) : Filters.gt("startOn", query.startOn()));
        }
        if (query.expiresOn() != null) {
            filters.add(query.expiresBefore() ? Filters.lt("expiresOn", query.expiresOn())
                    : Filters.gt("expiresOn", query.expiresOn()));
        }
        List<Bson> pipeline = new ArrayList<>();
        pipeline.add(Aggregates.match(Filters.and(filters)));
        pipeline.add(Aggregates.lookup(BadgeCatalog.GROUP_COLLECTION, "badgeGroupId", "_id", "group"));
        String field = switch (query.sortOn()) {
            case EXPIRES_ON, LAST_EXPIRED_BADGE -> "expiresOn";
            case LAST_MODIFIED_DATE -> "lastUpdatedOn";
            case LAST_ISSUED_DATE, LAST_EARNED_EVENT_DATE, LAST_EARNED_ON_DATE -> "_sortDone";
        };
        if (field.equals("_sortDone")) {
            pipeline.add(Aggregates.addFields(new Field<>("_sortDone", doneOrder(history, query))));
            // The customer's order is computed newest first; ascending reads it backwards, the never-done still last.
            pipeline.add(Aggregates.sort(Sorts.orderBy(Sorts.ascending("_sortDone"), Sorts.ascending("_id"))));
        } else {
            pipeline.add(Aggregates.sort(query.ascending() ? Sorts.orderBy(Sorts.ascending(field), Sorts.ascending("_id"))
                    : Sorts.orderBy(Sorts.descending(field), Sorts.ascending("_id"))));
        }
        pipeline.add(Aggregates.facet(
                new Facet("items", Aggregates.skip(query.paging().skip()), Aggregates.limit(query.paging().size()),
                        Aggregates.project(new Document("_id", 0).append("badge", "$$ROOT")
                                .append("groupName", new Document("$arrayElemAt", List.of("$group.name", 0))))),
                new Facet("total", Aggregates.count("n"))));
        return pipeline;
    }

    /** Active badges of the kind; live ones unless badgeStatus asks for others (the vendor lists UPCOMING ones so). */
    private static Bson available(EarnType type, ManagementQuery query, Instant now) {
        Bson kind = Filters.and(Filters.eq("earnType", type.name()), Filters.eq("active", true));
        return query.badgeStatus() != null ? kind : Filters.and(kind, BadgeMetaService.statusFilter(BadgeStatus.LIVE, now));
    }

    /** Each badge's place in the customer's own order (by last issue, earn or earn event); the others after. */
    private static Document doneOrder(CustomerHistory history, ManagementQuery query) {
        Function<ObjectId, Instant> when = switch (query.sortOn()) {
            case LAST_ISSUED_DATE -> id -> history.issues.containsKey(id) ? history.issues.get(id).issuedOn() : null;
            case LAST_EARNED_ON_DATE -> id -> history.earns.containsKey(id) ? history.earns.get(id).lastEarnedOn() : null;
            default -> id -> history.earns.containsKey(id) ? history.earns.get(id).lastEarnEventDate() : null;
        };
        Comparator<Instant> direction = query.ascending() ? Comparator.naturalOrder() : Comparator.reverseOrder();
        List<ObjectId> order = history.touched().stream().filter(id -> when.apply(id) != null)
                .sorted(Comparator.comparing(when, direction).thenComparing(Function.identity())).toList();
        Document index = new Document("$indexOfArray", List.of(order, "$_id"));
        return new Document("$cond", List.of(new Document("$lt", List.of(index, 0)), NOT_DONE, index));
    }

    private static ManagementView page(WallFacet facet, CustomerHistory history, ManagementQuery query, Instant now,
            ZoneId zone) {
        long total = facet.total == null || facet.total.isEmpty() ? 0 : facet.total.get(0).n;
        List<ManagementView.Item> items = new ArrayList<>();
        for (WallFacet.Item item : facet.items) {
            BadgeMetaView b = BadgeMetaView.of(item.badge, now, zone);
            CustomerHistory.EarnStats earns = history.earns.get(item.badge.id);
            CustomerHistory.LatestIssue issue = history.issues.get(item.badge.id);
            Instant lastEarnedOn = earns == null ? null : earns.lastEarnedOn();
            Instant lastEvent = earns == null ? null : earns.lastEarnEventDate();
            Instant issuedOn = issue == null ? null : issue.issuedOn();
            Instant issueExpires = issue == null ? null : issue.expiresOn();
            items.add(new ManagementView.Item(b.name(), b.description(), b.badgeMetaId(), b.earnType().name(),
                    b.badgeGroupId(), item.groupName, b.badgeRank(), b.createdOn(), b.createdOnISO(), b.lastUpdatedOn(),
                    b.lastUpdatedOnISO(), b.images(), BadgeStatus.at(now, item.badge.startOn, item.badge.expiresOn).name(),
                    EpochTime.decimal(lastEarnedOn), EpochTime.iso(lastEarnedOn), b.startOn(), b.startOnISO(), b.expiresOn(),
                    b.expiresOnISO(), earns == null ? null : earns.count(), b.ownership(),
                    issue == null ? null : issue.status(), EpochTime.decimal(issuedOn), EpochTime.iso(issuedOn),
                    EpochTime.decimal(issueExpires), EpochTime.iso(issueExpires), EpochTime.decimal(lastEarnedOn),
                    EpochTime.iso(lastEarnedOn), EpochTime.decimal(lastEvent), EpochTime.iso(lastEvent), b.active()));
        }
        return new ManagementView(items, query.paging().of(total));
    }
}
