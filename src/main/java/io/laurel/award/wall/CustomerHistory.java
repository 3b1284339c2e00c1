package io.laurel.award.wall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;

import io.laurel.award.AwardStatus;
import io.laurel.award.EarnDocument;
import io.laurel.award.IssueDocument;
import io.laurel.award.limit.LimitScopeDocument;

/**
 * One customer's earns and issues, by badge, read in the same round trip as the customer (the wall and the management
 * view both start from it). Earns that were revoked are left out; issues are kept with their status.
 */
final class CustomerHistory {

    /** One badge's earns by this customer that were not revoked. */
    record EarnStats(long count, long live, Instant lastEarnedOn, Instant lastEarnEventDate) {
    }

    /** This customer's latest issue of one badge. */
    record LatestIssue(String status, Instant issuedOn, Instant expiresOn) {
    }

    final Map<ObjectId, EarnStats> earns = new HashMap<>();
    final Map<ObjectId, LatestIssue> issues = new HashMap<>();
    /** Badges with an issue that was not revoked. */
    final Set<ObjectId> issued = new HashSet<>();

    /**
     * The customer's record of each of the org's badges, found by key, not by scanning: for every definition of the
     * org, its customer scope ({@code c:<badge>:<customer>}, which counts the customer's live earns by expiry and
     * keeps the latest earn times) and its active issue (by the unique {@code activeKey}). Run on the definitions:
     * its cost follows the org's badges and this customer, never the number of issues and earns in the store.
     */
    static List<Bson> keyedJoins(long orgId, long customerId) {
        List<Bson> stages = new ArrayList<>();
        stages.add(Aggregates.match(Filters.eq("orgId", orgId)));
        stages.add(Aggregates.project(new Document("_id", 1)));
        stages.addAll(joinStages(orgId, customerId, "scope", "issue"));
        stages.add(Aggregates.project(new Document("scope", 1).append("issue", 1)));
        return stages;
    }

    /**
     * The stages that join, to each definition passing through, the customer's scope and active issue of it (as
     * arrays of at most one) under {@code scopeAs} and {@code issueAs}: for a page of definitions, only those.
     */
    static List<Bson> joinStages(long orgId, long customerId, String scopeAs, String issueAs) {
        Document id = new Document("$toString", "$_id");
        return List.of(Aggregates.addFields(
                        new com.mongodb.client.model.Field<>("_scopeKey", new Document("$concat",
                                List.of("c:", id, ":" + customerId))),
                        new com.mongodb.client.model.Field<>("_issueKey", new Document("$concat",
                                List.of(orgId + ":", id, ":" + customerId)))),
                Aggregates.lookup(LimitScopeDocument.COLLECTION, "_scopeKey", "_id", scopeAs),
                Aggregates.lookup(IssueDocument.COLLECTION, "_issueKey", "activeKey", issueAs));
    }

    /** The history from {@link #keyedJoins} rows: one per badge of the org, most with nothing joined. */
    static CustomerHistory ofKeyed(List<Document> rows, Instant now) {
        CustomerHistory history = new CustomerHistory();
        for (Document row : rows) {
            ObjectId badge = row.getObjectId("_id");
            for (Document scope : row.getList("scope", Document.class, List.of())) {
                long count = number(scope.get("total"));
                if (count <= 0) {
                    continue;
                }
                history.earns.put(badge, new EarnStats(count, live(scope, count, now),
                        instant(scope.getDate("lastEarnedOn")), instant(scope.getDate("lastEarnEventDate"))));
            }
            for (Document issue : row.getList("issue", Document.class, List.of())) {
                Instant expires = instant(issue.getDate("expiresOn"));
                String status = AwardStatus.at(issue.getString("status"), expires, now);
                if (!AwardStatus.REVOKED.equals(status)) {
                    history.issued.add(badge);
                }
                history.issues.put(badge, new LatestIssue(status, instant(issue.getDate("issuedOn")), expires));
            }
        }
        return history;
    }

    /**
     * The scope's earns not expired at {@code now}, from its counts by expiry; earns counted before the scopes kept
     * expiries have none there and are taken as live.
     */
    static long live(Document scope, long count, Instant now) {
        Document byExpiry = scope.get("exp", Document.class);
        if (byExpiry == null) {
            return count;
        }
        long known = 0;
        long expired = 0;
        for (Map.Entry<String, Object> entry : byExpiry.entrySet()) {
            long n = number(entry.getValue());
            known += n;
            if (!entry.getKey().equals(LimitScopeDocument.NEVER)
                    && !Instant.ofEpochSecond(Long.parseLong(entry.getKey())).isAfter(now)) {
                expired += n;
            }
        }
        return Math.max(0, count - expired - Math.max(0, known - count));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    /** The joins that bring the customer's earns and issues along with the customer. */
    static List<Bson> joins() {
        // No projection of the joined arrays: the embedded store projects "earns.x" into a sub-document.
        return List.of(Aggregates.lookup(EarnDocument.COLLECTION, "customerId", "customerId", "earns"),
                Aggregates.lookup(IssueDocument.COLLECTION, "customerId", "customerId", "issues"));
    }

    static CustomerHistory of(Document customer, long orgId, Instant now) {
        CustomerHistory history = new CustomerHistory();
        for (Document earn : customer.getList("earns", Document.class, List.of())) {
            String status = earn.getString("status");
            if (orgId != earn.get("orgId", Number.class).longValue() || AwardStatus.REVOKED.equals(status)) {
                continue;
            }
            boolean live = AwardStatus.ACTIVE.equals(AwardStatus.at(status, instant(earn.getDate("expiresOn")), now));
            history.earns.merge(earn.get("badgeMetaId", ObjectId.class),
                    new EarnStats(1, live ? 1 : 0, instant(earn.getDate("earnedOn")),
                            instant(earn.getDate("earnEventDate"))),
                    (a, b) -> new EarnStats(a.count + b.count, a.live + b.live, later(a.lastEarnedOn, b.lastEarnedOn),
                            later(a.lastEarnEventDate, b.lastEarnEventDate)));
        }
        for (Document issue : customer.getList("issues", Document.class, List.of())) {
            if (orgId != issue.get("orgId", Number.class).longValue()) {
                continue;
            }
            ObjectId badge = issue.get("badgeMetaId", ObjectId.class);
            Instant expires = instant(issue.getDate("expiresOn"));
            String status = AwardStatus.at(issue.getString("status"), expires, now);
            if (!AwardStatus.REVOKED.equals(status)) {
                history.issued.add(badge);
            }
            LatestIssue latest = new LatestIssue(status, instant(issue.getDate("issuedOn")), expires);
            history.issues.merge(badge, latest, (a, b) -> b.issuedOn != null
                    && (a.issuedOn == null || b.issuedOn.isAfter(a.issuedOn)) ? b : a);
        }
        return history;
    }

    /** Every badge this customer was issued (whatever became of it) or earned. */
    Set<ObjectId> touched() {
        Set<ObjectId> touched = new HashSet<>(issues.keySet());
        touched.addAll(earns.keySet());
        return touched;
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
