package io.laurel.award;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import io.laurel.badge.BadgeCatalog;
import io.laurel.badge.BadgeMetaDocument;
import io.laurel.common.EpochTime;
import io.laurel.event.Event;
import io.laurel.event.EventSource;
import io.laurel.event.PendingEvents;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The award feature's events: {@code badge.earned}, {@code badge.imported} and {@code badge.earn.revoked} raised by
 * earns, {@code badge.issued} and {@code badge.issue.revoked} by issues. Each carries the badge's id and name, the
 * customer, the earn or issue and what triggered it, so a receiver needs no call back.
 */
@ApplicationScoped
public class AwardEvents implements EventSource {

    public static final String EARNED = "badge.earned";
    public static final String IMPORTED = "badge.imported";
    public static final String EARN_REVOKED = "badge.earn.revoked";
    public static final String ISSUED = "badge.issued";
    public static final String ISSUE_REVOKED = "badge.issue.revoked";

    private final EarnRepository earns;
    private final IssueRepository issues;
    private final BadgeCatalog catalog;

    AwardEvents(EarnRepository earns, IssueRepository issues, BadgeCatalog catalog) {
        this.earns = earns;
        this.issues = issues;
        this.catalog = catalog;
    }

    @Override
    public List<Source<?>> sources() {
        return List.of(
                new Source<EarnDocument>("earns", earns::mongoCollection, e -> e.id, e -> e.events,
                        batch -> withBadges(batch, e -> e.orgId, e -> e.badgeMetaId, this::earnEvents)),
                new Source<IssueDocument>("issues", issues::mongoCollection, i -> i.id, i -> i.events,
                        batch -> withBadges(batch, i -> i.orgId, i -> i.badgeMetaId, this::issueEvents)));
    }

    private interface Build<T> {
        List<Event> events(T document, BadgeMetaDocument badge);
    }

    /** The events of a batch, with the badges they name read once an org. */
    private <T> Uni<List<Event>> withBadges(List<T> batch, Function<T, Long> org, Function<T, ObjectId> badge,
            Build<T> build) {
        Map<Long, List<T>> byOrg = batch.stream().collect(Collectors.groupingBy(org, LinkedHashMap::new,
                Collectors.toList()));
        return Multi.createFrom().iterable(byOrg.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> catalog.findAll(entry.getKey(),
                        entry.getValue().stream().map(badge).collect(Collectors.toSet()))
                        .map(badges -> entry.getValue().stream()
                                .flatMap(doc -> build.events(doc, badges.get(badge.apply(doc))).stream()).toList()))
                .collect().in(ArrayList<Event>::new, List::addAll);
    }

    private List<Event> earnEvents(EarnDocument earn, BadgeMetaDocument badge) {
        return Event.each(earn.events, earn.orgId, raised -> {
            Map<String, Object> data = common(badge, earn.badgeMetaId, earn.customerId);
            data.put("earnedBadgeId", earn.id.toHexString());
            data.put("issuedBadgeId", earn.issuedId == null ? null : earn.issuedId.toHexString());
            data.put("customerEarnedCount", earn.customerEarnedCount);
            data.put("earnEventDate", EpochTime.iso(earn.earnEventDate));
            data.put("earnedOn", EpochTime.iso(earn.earnedOn));
            data.put("expiresOn", EpochTime.iso(earn.expiresOn));
            data.put("requestId", earn.requestId);
            data.put("triggeredBy", trigger(earn.triggeredBy));
            if (EARN_REVOKED.equals(raised.type)) {
                data.put("revokedOn", EpochTime.iso(earn.revokedOn));
            }
            return data;
        }).toList();
    }

    private List<Event> issueEvents(IssueDocument issue, BadgeMetaDocument badge) {
        return Event.each(issue.events, issue.orgId, raised -> {
            Map<String, Object> data = common(badge, issue.badgeMetaId, issue.customerId);
            data.put("issuedBadgeId", issue.id.toHexString());
            data.put("issueEventDate", EpochTime.iso(issue.issueEventDate));
            data.put("issuedOn", EpochTime.iso(issue.issuedOn));
            data.put("expiresOn", EpochTime.iso(issue.expiresOn));
            data.put("requestId", issue.requestId);
            data.put("triggeredBy", trigger(issue.triggeredBy));
            if (ISSUE_REVOKED.equals(raised.type)) {
                data.put("revokedOn", EpochTime.iso(issue.endedOn));
            }
            return data;
        }).toList();
    }

    private static Map<String, Object> common(BadgeMetaDocument badge, ObjectId badgeMetaId, long customerId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("badgeMetaId", badgeMetaId.toHexString());
        // A badge deleted since: its name is gone, the ids stay.
        data.put("badgeName", badge == null ? null : badge.name);
        data.put("customerId", customerId);
        return data;
    }

    private static Map<String, Object> trigger(Trigger trigger) {
        if (trigger == null) {
            return null;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ownerType", trigger.ownerType == null ? null : trigger.ownerType.name());
        data.put("referenceId", trigger.referenceId);
        return data;
    }
}
