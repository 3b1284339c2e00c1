package io.laurel.award;

import static io.laurel.award.Awards.DAY;
import static io.laurel.award.Awards.badge;
import static io.laurel.award.Awards.earn;
import static io.laurel.award.Awards.issue;
import static io.laurel.award.Awards.liveBadge;
import static io.laurel.award.Awards.now;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.laurel.award.limit.LimitScopeDocument;
import io.laurel.badge.BadgeCounters;
import io.laurel.badge.BadgeMetaDocument;
import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What a {@code kill -9} between the single-document steps of an award leaves behind, written straight into the
 * store, and repaired from the records (the embedded store runs the repair when it reopens its files).
 * {@code CrashConsistencyIT} provokes the same states with real kills.
 */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class AwardRepairTest {

    @Inject
    BadgeCounters counters;

    /**
     * On any store, the embedded one included (it no longer repairs anything itself when it reopens): counters short,
     * slots held by a revoked earn and by an earn never written are put right by the reconciler's pass once the
     * scopes have been quiet for its grace period.
     */
    @Test
    void countersAndSlotsLeftByACrashArePutRightByTheReconciler() {
        long org = Orgs.fresh();
        List<Long> customers = Awards.customers(org, 3);
        long kept = customers.get(0);
        long revoked = customers.get(1);
        long cutOff = customers.get(2);
        String badge = liveBadge(org, "ISSUE_EARN",
                "customerConstraints", List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit", 1)),
                "badgeConstraints", List.of(Map.of("constraintType", "BADGE_ROLLING_WINDOW", "rollType", "DAYS",
                        "rollValue", 7, "maxEarnLimit", 5)));
        issue(org, badge, customers).statusCode(200);
        earn(org, badge, kept).statusCode(200);
        String revokedEarn = earn(org, badge, revoked).statusCode(200).extract().jsonPath().getString("data.earnedBadgeId");

        counters.flush().await().indefinitely(); // the counts this replica still holds, written before the damage
        try (MongoClient client = MongoClients.create(ConfigProvider.getConfig()
                .getValue("quarkus.mongodb.connection-string", String.class))) {
            MongoDatabase store = client.getDatabase("laurel");
            ObjectId badgeId = new ObjectId(badge);
            // 1. Issue and earn written, the counters' $inc lost.
            store.getCollection(BadgeMetaDocument.COLLECTION).updateOne(Filters.eq("_id", badgeId),
                    Updates.combine(Updates.inc("issuedCount", -2L), Updates.inc("earnedCount", -1L)));
            // 2. An earn revoked, its slots never given back (nor the counter).
            store.getCollection(EarnDocument.COLLECTION).updateOne(Filters.eq("_id", new ObjectId(revokedEarn)),
                    Updates.set("status", EarnDocument.EarnStatus.REVOKED.name()));
            // 3. The slots reserved, the earn never written (a single earn's record is its requestId's claim).
            String day = Long.toString(Math.floorDiv(now(), DAY));
            store.getCollection(LimitScopeDocument.COLLECTION).updateOne(
                    Filters.eq("_id", "c:" + badge + ":" + cutOff),
                    Updates.combine(Updates.inc("total", 1L), Updates.inc("version", 1L),
                            Updates.setOnInsert("orgId", org), Updates.setOnInsert("badgeMetaId", badgeId)),
                    new com.mongodb.client.model.UpdateOptions().upsert(true));
            store.getCollection(LimitScopeDocument.COLLECTION).updateOne(Filters.eq("_id", "b:" + badge),
                    Updates.combine(Updates.inc("total", 1L), Updates.inc("days." + day, 1L), Updates.inc("version", 1L)));

            // Broken as a crash would leave it: counters short, slots held, the retry refused for nothing.
            badge(org, badge).body("data.issuedCount", equalTo(1)).body("data.earnedCount", equalTo(1));
            earn(org, badge, revoked).statusCode(400).body("errors[0].code", equalTo(1101));
            earn(org, badge, cutOff, "requestId", "cut-off").statusCode(400).body("errors[0].code", equalTo(1101));

            // The crash was ten minutes ago: the scopes have been quiet since.
            store.getCollection(LimitScopeDocument.COLLECTION).updateMany(Filters.eq("badgeMetaId", badgeId),
                    Updates.set("changedOn", Date.from(Instant.now().minus(Duration.ofMinutes(10)))));
            store.getCollection(AwardReconciler.LEASES).deleteOne(Filters.eq("_id", AwardReconciler.LEASE));
            String changed = reconciler.reconcile();
            assertTrue(changed.contains("limit scopes recounted") && changed.contains("badge counters recounted"),
                    changed);
            assertEquals("", reconciler.reconcile(), "the next pass finds nothing");
        }

        badge(org, badge).body("data.issuedCount", equalTo(3)).body("data.earnedCount", equalTo(1));
        earn(org, badge, revoked).statusCode(200);
        earn(org, badge, cutOff, "requestId", "cut-off").statusCode(200).body("data.earnedCount", equalTo(1));
        earn(org, badge, kept).statusCode(400).body("errors[0].code", equalTo(1101));
        badge(org, badge).body("data.issuedCount", equalTo(3)).body("data.earnedCount", equalTo(3));
        earn(org, badge, cutOff, "requestId", "cut-off").statusCode(400).body("errors[0].code", equalTo(809));
    }

    @Inject
    AwardReconciler reconciler;

    /**
     * On any store, with the service running: a replica killed between an earn's reservation and its record left a
     * slot held and its unwritten definition count lost; the reconciler's next pass, once the scope has been quiet
     * for the grace period, frees the slot and puts the count right.
     */
    @Test
    void theReconcilerFreesASlotHeldByAnEarnThatWasNeverWritten() {
        long org = Orgs.fresh();
        List<Long> customers = Awards.customers(org, 2);
        long held = customers.get(0);
        String badge = liveBadge(org, "EARN",
                "customerConstraints", List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit", 1)),
                "badgeConstraints", List.of(Map.of("constraintType", "BADGE_ROLLING_WINDOW", "rollType", "DAYS",
                        "rollValue", 7, "maxEarnLimit", 2)));
        earn(org, badge, customers.get(1)).statusCode(200);
        counters.flush().await().indefinitely();
        withStore(store -> {
            ObjectId badgeId = new ObjectId(badge);
            String day = Long.toString(Math.floorDiv(now(), DAY));
            Date quietSince = Date.from(Instant.now().minus(Duration.ofMinutes(10)));
            // The cut-off earn: both scopes reserved ten minutes ago, no record; the other earn's count lost.
            store.getCollection(LimitScopeDocument.COLLECTION).updateOne(Filters.eq("_id", "c:" + badge + ":" + held),
                    Updates.combine(Updates.inc("total", 1L), Updates.inc("version", 1L),
                            Updates.set("changedOn", quietSince), Updates.setOnInsert("orgId", org),
                            Updates.setOnInsert("badgeMetaId", badgeId)),
                    new com.mongodb.client.model.UpdateOptions().upsert(true));
            store.getCollection(LimitScopeDocument.COLLECTION).updateOne(Filters.eq("_id", "b:" + badge),
                    Updates.combine(Updates.inc("total", 1L), Updates.inc("days." + day, 1L), Updates.inc("version", 1L),
                            Updates.set("changedOn", quietSince)));
            store.getCollection(BadgeMetaDocument.COLLECTION).updateOne(Filters.eq("_id", badgeId),
                    Updates.inc("earnedCount", -1L));
            store.getCollection(AwardReconciler.LEASES).deleteOne(Filters.eq("_id", AwardReconciler.LEASE));
        });
        earn(org, badge, held).statusCode(400).body("errors[0].code", equalTo(1101));
        badge(org, badge).body("data.earnedCount", equalTo(0));

        // (A first pass after the lease is gone looks at the whole store: other tests' badges may be counted too.)
        String changed = reconciler.reconcile();
        assertTrue(changed.startsWith("2 limit scopes recounted,") && changed.contains("badge counters recounted"),
                changed);
        assertEquals("", reconciler.reconcile(), "the next pass finds nothing");

        badge(org, badge).body("data.earnedCount", equalTo(1));
        earn(org, badge, held).statusCode(200).body("data.earnedCount", equalTo(1));
        earn(org, badge, Awards.customer(org)).statusCode(400).body("errors[0].code", equalTo(1102));
    }

    /**
     * On any store: a replica killed after an issueBulk wrote its issues and before its counts reached the definition
     * (an issue-only badge: no limit scope shows it) leaves issuedCount short; the reconciler's next pass finds the
     * badge by its records written in the window and puts the count right.
     */
    @Test
    void theReconcilerRecountsABadgeWithoutLimitsWhoseCountsWereLost() {
        long org = Orgs.fresh();
        List<Long> customers = Awards.customers(org, 3);
        String badge = liveBadge(org, "ISSUE_EARN");
        withStore(store -> {
            // What the killed replica left: three issues written ten minutes ago, no count of them.
            ObjectId badgeId = new ObjectId(badge);
            long written = Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond();
            for (int i = 0; i < customers.size(); i++) {
                store.getCollection(IssueDocument.COLLECTION).insertOne(new org.bson.Document("_id",
                        new ObjectId(String.format("%08x", written) + String.format("%016x", i + 1)))
                        .append("orgId", org).append("badgeMetaId", badgeId).append("customerId", customers.get(i))
                        .append("status", "ACTIVE"));
            }
            store.getCollection(AwardReconciler.LEASES).deleteOne(Filters.eq("_id", AwardReconciler.LEASE));
        });
        badge(org, badge).body("data.issuedCount", equalTo(0));
        assertTrue(reconciler.reconcile().contains("badge counters recounted"));
        badge(org, badge).body("data.issuedCount", equalTo(3));
    }

    /**
     * A scope counted before it kept its latest day (lastDay) may hold earns on later days: a late earn is then
     * checked by reading the days, not by the window ending on its own day alone, and is refused when a later window
     * would overflow.
     */
    @Test
    void aLateEarnOnAScopeWithoutItsLatestDayIsCheckedByReading() {
        long org = Orgs.fresh();
        long customer = Awards.customer(org);
        String badge = liveBadge(org, "EARN", "customerConstraints", List.of(Map.of(
                "constraintType", "CUSTOMER_BADGE_ROLLING_WINDOW", "rollForDays", 3, "maxEarnForDays", 1)));
        long today = Math.floorDiv(now(), DAY) * DAY + 60;
        earn(org, badge, customer, "earnEventDate", today).statusCode(200);
        withStore(store -> store.getCollection(LimitScopeDocument.COLLECTION).updateOne(
                Filters.eq("_id", "c:" + badge + ":" + customer), Updates.unset("lastDay")));
        // Yesterday's window (ending yesterday) is empty, but the one ending today would hold both.
        earn(org, badge, customer, "earnEventDate", today - DAY).statusCode(400).body("errors[0].code", equalTo(1101));
        earn(org, badge, customer, "earnEventDate", today - 3 * DAY).statusCode(200);
    }

    /** A requestId claimed before claims moved beside the records stays used after the upgrade. */
    @Test
    void claimsOfAnEarlierVersionAreMovedBesideTheRecords() {
        long org = Orgs.fresh();
        long customer = Awards.customer(org);
        String badge = liveBadge(org, "EARN");
        withStore(store -> store.getCollection(AwardReconciler.OLD_CLAIMS).insertOne(
                new org.bson.Document("_id", org + ":before-upgrade").append("orgId", org)
                        .append("requestId", "before-upgrade").append("operation", "issueBulk")
                        .append("badgeMetaId", new ObjectId(badge)).append("usedOn", new Date()).append("done", true)));
        reconciler.moveOldClaims(null);
        reconciler.moveOldClaims(null); // again, as after a start cut off half-way
        earn(org, badge, customer, "requestId", "before-upgrade").statusCode(400).body("errors[0].code", equalTo(809));
        withStore(store -> assertEquals(0, store.getCollection(AwardReconciler.OLD_CLAIMS).countDocuments()));
    }

    @Test
    void theRetryOfAnIssueBulkCutOffHalfwayIssuesTheRestAndReportsTheFirstHalfAsItsOwn() {
        long org = Orgs.fresh();
        List<Long> customers = Awards.customers(org, 4);
        String badge = liveBadge(org, "ISSUE_EARN");
        String request = "bulk-" + org;
        // The cut-off call: its first two customers written, then no answer and no "done".
        List<String> firstHalf = issue(org, badge, customers.subList(0, 2), "requestId", request).statusCode(200)
                .extract().jsonPath().getList("data.issuedBadges.issuedId", String.class);
        withStore(store -> {
            store.getCollection(RequestIds.Used.COLLECTION).updateOne(Filters.eq("_id", org + ":" + request),
                    Updates.set("done", false));
            // Young and unfinished: the call may still be running, so the claim is held.
            issue(org, badge, customers, "requestId", request).statusCode(400).body("errors[0].code", equalTo(809));
            counters.flush().await().indefinitely();
            // Later than laurel.awards.claim-abandoned-after: the call will not come back.
            store.getCollection(RequestIds.Used.COLLECTION).updateOne(Filters.eq("_id", org + ":" + request),
                    Updates.set("usedOn", Date.from(Instant.now().minus(Duration.ofMinutes(2)).minusSeconds(1))));
        });

        issue(org, badge, customers, "requestId", request).statusCode(200)
                .body("data.issuedBadges.customerId", equalTo(customers.stream().map(Long::intValue).toList()))
                .body("data.issuedBadges[0].issuedId", equalTo(firstHalf.get(0)))
                .body("data.issuedBadges[1].issuedId", equalTo(firstHalf.get(1)))
                .body("errors", equalTo(List.of()));
        badge(org, badge).body("data.issuedCount", equalTo(4));
        issue(org, badge, customers, "requestId", request).statusCode(400).body("errors[0].code", equalTo(809));
    }

    @Test
    void theRetryOfAnEarnBulkCutOffHalfwayEarnsTheRestOnceWithoutARestart() {
        long org = Orgs.fresh();
        List<Long> customers = Awards.customers(org, 4);
        String badge = liveBadge(org, "EARN",
                "customerConstraints", List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit", 1)));
        String request = "earn-bulk-" + org;
        List<String> firstHalf = earnBulk(org, badge, customers.subList(0, 2), request).statusCode(200)
                .extract().jsonPath().getList("data.earnedBadges.earnedBadgeId", String.class);
        // Cut off more than two minutes ago (the store stayed up, so nothing repaired it): the claim has aged out.
        withStore(store -> store.getCollection(RequestIds.Used.COLLECTION).updateOne(
                Filters.eq("_id", org + ":" + request), Updates.combine(Updates.set("done", false),
                        Updates.set("usedOn", Date.from(Instant.now().minus(Duration.ofMinutes(2)).minusSeconds(1))))));

        earnBulk(org, badge, customers, request).statusCode(200)
                .body("data.earnedBadges.customerId", equalTo(customers.stream().map(Long::intValue).toList()))
                .body("data.earnedBadges[0].earnedBadgeId", equalTo(firstHalf.get(0)))
                .body("data.earnedBadges[1].earnedBadgeId", equalTo(firstHalf.get(1)))
                .body("data.earnedBadges.earnedCount", equalTo(List.of(1, 1, 1, 1)))
                .body("errors", equalTo(List.of()));
        badge(org, badge).body("data.earnedCount", equalTo(4));
        earnBulk(org, badge, customers, request).statusCode(400).body("errors[0].code", equalTo(809));
    }

    private static io.restassured.response.ValidatableResponse earnBulk(long org, String badge, List<Long> customers,
            String requestId) {
        return Orgs.as(org).contentType(io.restassured.http.ContentType.JSON).body(Map.of("badgeMetaId", badge,
                "customerIds", customers, "requestId", requestId, "triggeredBy", Map.of("ownerType", "Loyalty",
                        "referenceId", "txn")))
                .post(Awards.EARN_BULK).then();
    }

    /**
     * Definition counters are written in batches; a caller that awaits {@code flush()} (shutdown, these tests) must find
     * every count it made before the call in the store, even while another flush is writing: parallel earns, each
     * followed by a flush, never read fewer earns than had been answered before their flush began.
     */
    @Test
    void aFlushThatOverlapsAnotherStillWritesEveryEarlierCount() throws Exception {
        long org = Orgs.fresh();
        List<Long> customers = Awards.customers(org, 48);
        String badge = liveBadge(org, "EARN");
        ObjectId badgeId = new ObjectId(badge);
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try (MongoClient client = MongoClients.create(ConfigProvider.getConfig()
                .getValue("quarkus.mongodb.connection-string", String.class))) {
            com.mongodb.client.MongoCollection<org.bson.Document> metas = client.getDatabase("laurel")
                    .getCollection(BadgeMetaDocument.COLLECTION);
            List<java.util.concurrent.Future<long[]>> checks = new java.util.ArrayList<>();
            for (long customer : customers) {
                checks.add(pool.submit(() -> {
                    earn(org, badge, customer).statusCode(200);
                    long before = answered.incrementAndGet();
                    counters.flush().await().indefinitely();
                    Number stored = metas.find(Filters.eq("_id", badgeId)).first().get("earnedCount", Number.class);
                    return new long[] { before, stored == null ? 0 : stored.longValue() };
                }));
            }
            for (java.util.concurrent.Future<long[]> check : checks) {
                long[] seen = check.get();
                assertTrue(seen[1] >= seen[0], seen[0] + " earns answered before the flush, " + seen[1] + " stored after it");
            }
            counters.flush().await().indefinitely();
            assertEquals(customers.size(), metas.find(Filters.eq("_id", badgeId)).first()
                    .get("earnedCount", Number.class).intValue(), "each earn counted once");
        } finally {
            pool.shutdown();
        }
    }

    private static void withStore(java.util.function.Consumer<MongoDatabase> work) {
        try (MongoClient client = MongoClients.create(ConfigProvider.getConfig()
                .getValue("quarkus.mongodb.connection-string", String.class))) {
            work.accept(client.getDatabase("laurel"));
        }
    }
}
