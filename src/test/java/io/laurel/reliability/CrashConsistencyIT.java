package io.laurel.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;

import io.laurel.support.LaurelApp;
import io.laurel.support.StoreSeed;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * {@code kill -9} of the service (embedded store inside) while a 10,000-customer issueBulk, parallel limited earns and
 * goodwill allocations are in flight; then a restart on the same files. Checked straight in the store: every
 * acknowledged write is there, no customer holds two active issues, every definition's counters and every limit
 * scope equal their records, and retrying each call that got no answer completes it once (809/744 only when it had
 * already happened). Rounds: -Dchaos.crashes (2 in CI; chaos/run runs 20): odd ones kill as the bulk's issues
 * land, even ones after a random number of answered earns.
 */
class CrashConsistencyIT {

    static final long ORG = 100458;
    static final int ISSUE_CUSTOMERS = 10_000;
    static final int EARN_CUSTOMERS = 200;
    static final int EARN_LIMIT = 3;
    static final int WORKERS = 24;

    @TempDir
    Path dataDir;

    /** One call of the load: its idempotency key, and whether (and with what) it was acknowledged. */
    record Call(String kind, String key, long customer, String acknowledged) {
    }

    /** What one round sent before the kill: the load's calls, and the bulk's answer (null: cut off). */
    record Sent(String issueBadge, String earnBadge, String issueRequest, List<Call> calls, Response issueAnswer) {
    }

    int storePort;
    Map<String, String> env;
    List<Long> issueCustomers;
    List<Long> earnCustomers;
    LaurelApp app;
    /** Rounds in which the reconciler logged a correction (the "reconciler:" lines are read as they come). */
    int repaired;
    int happenedUnanswered;
    int acknowledged;

    @Test
    void aKillDuringIssueBulkEarnsAndGoodwillLeavesAConsistentStoreAndEveryRetryCompletesOnce() throws Exception {
        int rounds = Integer.getInteger("chaos.crashes", 2);
        storePort = LaurelApp.freePort();
        // The reconciler every second, for scopes and records quiet for two: on a given MongoDB (no repair when a
        // store reopens) it is what puts counters right after the kill.
        env = Map.of("LAUREL_DATA_DIR", dataDir.toString(), "LAUREL_STORE_PORT", Integer.toString(storePort),
                "LAUREL_JSON_LOGS", "false", "LAUREL_WORKFLOW_POLL_INTERVAL", "off",
                "LAUREL_AWARDS_RECONCILE_EVERY", "PT1S", "LAUREL_AWARDS_RECONCILE_GRACE", "PT2S",
                // and a cut-off bulk call's claim is taken over by its retry after the restart, as it would be
                // two minutes later with the default
                "LAUREL_AWARDS_CLAIM_ABANDONED_AFTER", "PT2S");
        app = LaurelApp.start(env);
        try {
            try (MongoClient client = store()) {
                issueCustomers = StoreSeed.customers(client.getDatabase(LaurelApp.database()), ORG, ISSUE_CUSTOMERS, 30_000_000L);
                earnCustomers = StoreSeed.customers(client.getDatabase(LaurelApp.database()), ORG, EARN_CUSTOMERS, 31_000_000L);
            }
            for (int round = 0; round < rounds; round++) {
                Sent sent = loadAndKill(round);
                List<String> reconciled = new CopyOnWriteArrayList<>();
                app = LaurelApp.start(env, line -> {
                    if (line.contains("Award reconciler:")) {
                        reconciled.add(line);
                    }
                });
                try (MongoClient client = store()) {
                    checkAndRetry(client.getDatabase(LaurelApp.database()), sent, "round " + round);
                }
                repaired += reconciled.isEmpty() ? 0 : 1;
                for (String pass : reconciled) {
                    System.out.println("CrashConsistencyIT round " + round + ": "
                            + pass.substring(pass.indexOf("Award reconciler:")));
                }
            }
        } finally {
            app.close();
        }
        System.out.printf("CrashConsistencyIT: %d kills -9 during a %,d-customer issueBulk and %d parallel earn/goodwill "
                + "callers: %d acknowledged writes all present, %d restarts whose counters or slots the reconciler "
                + "put right, "
                + "%d unanswered calls had happened (their retry got 809/744), 0 customers with two active issues, "
                + "counters equal to the records%n", rounds, ISSUE_CUSTOMERS, WORKERS, acknowledged, repaired,
                happenedUnanswered);
    }

    /**
     * Earn and goodwill callers run against fresh badges; the bulk starts once they flow. Odd rounds kill the moment
     * its first issues are written (before its counter moves), even ones after a random number of further answers.
     */
    private Sent loadAndKill(int round) throws Exception {
        String issueBadge = badge(app, "ISSUE_EARN", Map.of());
        String earnBadge = badge(app, "EARN", Map.of(
                "customerConstraints", List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_VALUE",
                        "maxEarnLimit", EARN_LIMIT)),
                "badgeConstraints", List.of(Map.of("constraintType", "BADGE_ROLLING_WINDOW", "rollType", "DAYS",
                        "rollValue", 7, "maxEarnLimit", 100_000))));
        String issueRequest = UUID.randomUUID().toString();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        LaurelApp running = app;
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1);
        try (MongoClient client = store()) {
            List<Future<List<Call>>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                workers.add(pool.submit(() -> load(running, earnBadge, earnCustomers, killed, answered)));
            }
            await(() -> answered.get() >= 50);
            Future<Response> bulk = pool.submit(() -> issueBulk(running, issueBadge, issueCustomers, issueRequest));
            if (round % 2 == 1) {
                Bson issued = Filters.eq("badgeMetaId", new ObjectId(issueBadge));
                await(() -> client.getDatabase(LaurelApp.database()).getCollection("badge_issues").countDocuments(issued) > 0);
            } else {
                int more = answered.get() + ThreadLocalRandom.current().nextInt(20, 200);
                await(() -> answered.get() >= more);
            }
            app.kill();
            killed.set(true);
            List<Call> calls = new ArrayList<>();
            for (Future<List<Call>> worker : workers) {
                calls.addAll(worker.get(60, TimeUnit.SECONDS));
            }
            return new Sent(issueBadge, earnBadge, issueRequest, calls, bulk.get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
            app.close();
        }
    }

    /** Every acknowledged write is there and the store consistent; each unanswered call, retried, completes once. */
    private void checkAndRetry(MongoDatabase store, Sent sent, String round) {
        for (Call call : sent.calls.stream().filter(c -> c.acknowledged != null).toList()) {
            acknowledged++;
            if (call.kind.equals("earn")) {
                assertEquals(1, store.getCollection("badge_earns").countDocuments(Filters.and(
                        Filters.eq("_id", new ObjectId(call.acknowledged)), Filters.eq("status", "ACTIVE"))),
                        "acknowledged earn " + call.acknowledged);
            } else {
                assertEquals(1, goodwillEntries(store, call.key), "acknowledged goodwill " + call.key);
            }
        }
        Bson ofIssueBadge = Filters.eq("badgeMetaId", new ObjectId(sent.issueBadge));
        if (sent.issueAnswer != null) {
            assertEquals(200, sent.issueAnswer.statusCode(), sent.issueAnswer.asString());
            assertEquals(ISSUE_CUSTOMERS, store.getCollection("badge_issues").countDocuments(ofIssueBadge),
                    "an acknowledged issueBulk");
        }
        // On any store, the reconciler puts counters and slots right within seconds of the restart (every second here,
        // for scopes and records quiet for two).
        awaitConsistent(store, round + " after the restart");

        for (Call call : sent.calls.stream().filter(c -> c.acknowledged == null).toList()) {
            if (call.kind.equals("earn")) {
                Response retry = earn(app, sent.earnBadge, call.customer, call.key);
                long recorded = store.getCollection("badge_earns").countDocuments(Filters.and(
                        Filters.eq("orgId", ORG), Filters.eq("requestId", call.key)));
                boolean done = retry.statusCode() == 200 && recorded == 1;
                boolean hadHappened = code(retry) == 809 && recorded == 1;
                boolean full = code(retry) == 1101 && recorded == 0;
                assertTrue(done || hadHappened || full,
                        "retried earn " + call.key + ": " + retry.asString() + ", records " + recorded);
                happenedUnanswered += hadHappened ? 1 : 0;
            } else {
                Response retry = goodwill(app, call.customer, call.key);
                boolean hadHappened = code(retry) == 744;
                assertTrue(retry.statusCode() == 201 || hadHappened, "retried goodwill " + call.key + ": "
                        + retry.asString());
                assertEquals(1, goodwillEntries(store, call.key), "goodwill " + call.key + " after its retry");
                happenedUnanswered += hadHappened ? 1 : 0;
            }
        }
        if (sent.issueAnswer == null) {
            long recorded = store.getCollection("badge_issues").countDocuments(ofIssueBadge);
            Response retry = issueBulk(app, sent.issueBadge, issueCustomers, sent.issueRequest);
            boolean hadHappened = code(retry) == 809 && recorded == ISSUE_CUSTOMERS;
            assertTrue(retry.statusCode() == 200 || hadHappened, "retried issueBulk after " + recorded + " issues: "
                    + retry.statusCode() + " " + retry.asString().substring(0, Math.min(300, retry.asString().length())));
            happenedUnanswered += hadHappened ? 1 : 0;
        }
        assertEquals(ISSUE_CUSTOMERS, store.getCollection("badge_issues").countDocuments(
                Filters.and(ofIssueBadge, Filters.eq("status", "ACTIVE"))), "every customer issued once after the retry");
        // The retries' definition counts are written within a second of them (BadgeCounters): awaited, bounded.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                assertConsistent(store, round + " after the retries");
                break;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }

    private MongoClient store() {
        return MongoClients.create(LaurelApp.store(storePort));
    }

    private static long goodwillEntries(MongoDatabase store, String referenceId) {
        return store.getCollection("goodwill_entries").countDocuments(
                Filters.and(Filters.eq("orgId", ORG), Filters.eq("referenceId", referenceId)));
    }

    /** No customer with two active issues; counters, limits and scopes equal the records they count. */
    static void assertConsistent(MongoDatabase store, String when) {
        List<Document> doubled = store.getCollection("badge_issues").aggregate(List.of(
                Aggregates.match(Filters.eq("status", "ACTIVE")),
                Aggregates.group(new Document("b", "$badgeMetaId").append("c", "$customerId"), Accumulators.sum("n", 1)),
                Aggregates.match(Filters.gt("n", 1)))).into(new ArrayList<>());
        assertEquals(List.of(), doubled, when + ": customers with two active issues");
        Map<Object, Long> issued = count(store, "badge_issues", Filters.ne("status", "REVOKED"), "$badgeMetaId");
        // Records only: the earns collection also holds the requestId claims of issue and bulk calls (no status).
        Map<Object, Long> earned = count(store, "badge_earns", Filters.eq("status", "ACTIVE"), "$badgeMetaId");
        for (Document badge : store.getCollection("badge_metas").find(Filters.eq("orgId", ORG))) {
            assertEquals(issued.getOrDefault(badge.get("_id"), 0L), ((Number) badge.get("issuedCount")).longValue(),
                    when + ": issuedCount of " + badge.getString("name"));
            assertEquals(earned.getOrDefault(badge.get("_id"), 0L), ((Number) badge.get("earnedCount")).longValue(),
                    when + ": earnedCount of " + badge.getString("name"));
        }
        Map<Object, Long> perCustomer = count(store, "badge_earns", Filters.eq("status", "ACTIVE"),
                new Document("b", "$badgeMetaId").append("c", "$customerId"));
        Map<Object, Long> perBadge = count(store, "badge_earns", Filters.eq("status", "ACTIVE"), "$badgeMetaId");
        for (Document scope : store.getCollection("earn_scopes").find(Filters.eq("orgId", ORG))) {
            Object key = scope.get("customerId") == null ? scope.get("badgeMetaId")
                    : new Document("b", scope.get("badgeMetaId")).append("c", scope.get("customerId"));
            long live = (scope.get("customerId") == null ? perBadge : perCustomer).getOrDefault(key, 0L);
            assertEquals(live, ((Number) scope.get("total")).longValue(), when + ": slots held in " + scope.get("_id"));
            assertTrue(scope.get("customerId") == null || live <= EARN_LIMIT, when + ": over-award in " + scope.get("_id"));
        }
    }

    private static Map<Object, Long> count(MongoDatabase store, String collection, Bson filter, Object by) {
        Map<Object, Long> counts = new HashMap<>();
        store.getCollection(collection).aggregate(List.of(Aggregates.match(Filters.and(Filters.eq("orgId", ORG), filter)),
                Aggregates.group(by, Accumulators.sum("n", 1))))
                .forEach(row -> counts.put(row.get("_id"), ((Number) row.get("n")).longValue()));
        return counts;
    }

    /** Earns and goodwill against the app until it is killed; each call with a fresh key. */
    /** Waits, for at most a minute, until the condition holds: progress of the load, never a length of time. */
    private void awaitConsistent(MongoDatabase store, String when) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try {
                assertConsistent(store, when);
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "the load made no progress");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // polls; leaves the 2 cores to the service
        }
    }

    private static List<Call> load(LaurelApp app, String badge, List<Long> customers, AtomicBoolean killed,
            AtomicInteger answered) {
        List<Call> calls = new ArrayList<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        while (!killed.get() && calls.size() < 2_000) {
            long customer = customers.get(ThreadLocalRandom.current().nextInt(customers.size()));
            String key = UUID.randomUUID().toString();
            boolean earn = ThreadLocalRandom.current().nextInt(4) > 0;
            String acknowledged = null;
            try {
                if (earn) {
                    Response answer = earn(app, badge, customer, key);
                    if (answer.statusCode() == 200) {
                        acknowledged = answer.jsonPath().getString("data.earnedBadgeId");
                    } else if (code(answer) == 1101) {
                        continue; // refused for the limit: written nothing, nothing to check
                    }
                } else if (goodwill(app, customer, key).statusCode() == 201) {
                    acknowledged = key;
                }
            } catch (Exception connectionLost) { // rest-assured rethrows IOExceptions unchecked
                // The kill cut the call off: no answer.
            }
            if (acknowledged != null) {
                answered.incrementAndGet();
            }
            if (seen.add(key)) {
                calls.add(new Call(earn ? "earn" : "goodwill", key, customer, acknowledged));
            }
        }
        return calls;
    }

    /** The answer, or null when the call was cut off. */
    private static Response issueBulk(LaurelApp app, String badge, List<Long> customers, String requestId) {
        try {
            Response answer = admin(app).contentType(ContentType.JSON).body(Map.of("badgeMetaId", badge,
                    "customers", customers, "requestId", requestId, "triggeredBy", Map.of("ownerType", "Loyalty",
                            "referenceId", "crash")))
                    .post("/api_gateway/v1/badges/badgeMeta/customer/issueBulk");
            answer.asString(); // the whole body now: a kill while it streams is no answer, not a cut one
            return answer;
        } catch (Exception connectionLost) { // rest-assured rethrows IOExceptions unchecked
            return null;
        }
    }

    private static Response earn(LaurelApp app, String badge, long customer, String requestId) {
        return admin(app).contentType(ContentType.JSON).body(Map.of("badgeMetaId", badge, "customerId", customer,
                "requestId", requestId, "triggeredBy", Map.of("ownerType", "Loyalty")))
                .post("/api_gateway/v1/badges/customer/earn");
    }

    private static Response goodwill(LaurelApp app, long customer, String referenceId) {
        return admin(app).contentType(ContentType.JSON).header("X-CAP-API-AUTH-ORG-ID", Long.toString(ORG))
                .body(Map.of("referenceId", referenceId, "reason", "crash test", "baseType", "POINTS",
                        "programId", 1, "awardingTillId", 1, "earningEntityType", "CUSTOMER", "earningEntityId", customer,
                        "points", 5, "source", "API"))
                .post("/internal/goodwill/");
    }

    private static int code(Response answer) {
        Integer code = answer.statusCode() >= 400 ? answer.jsonPath().getObject("errors[0].code", Integer.class) : null;
        return code == null ? -1 : code;
    }

    private static String badge(LaurelApp app, String earnType, Map<String, Object> extra) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> body = new HashMap<>(Map.of("name", "crash-" + UUID.randomUUID(), "startOn", now - 86_400,
                "expiresOn", now + 86_400 * 30, "earnType", earnType,
                "ownership", Map.of("restrictedToOwners", List.of("Loyalty"),
                        "claims", List.of(Map.of("ownerType", "Loyalty", "referenceId", "crash")))));
        body.putAll(extra);
        return admin(app).contentType(ContentType.JSON).header("X-CAP-BADGES-MIGRATION", "migration").body(body)
                .post("/api_gateway/v1/badges/badgeMeta").then().statusCode(201).extract().jsonPath().getString("data.id");
    }

    private static RequestSpecification admin(LaurelApp app) {
        return app.asAdmin();
    }
}
