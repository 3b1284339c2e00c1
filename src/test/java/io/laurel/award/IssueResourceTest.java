package io.laurel.award;

import static io.laurel.award.Awards.DAY;
import static io.laurel.award.Awards.badge;
import static io.laurel.award.Awards.customers;
import static io.laurel.award.Awards.issue;
import static io.laurel.award.Awards.liveBadge;
import static io.laurel.award.Awards.now;
import static io.laurel.support.Orgs.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.laurel.support.CommandCounter;
import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.Parallel;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class IssueResourceTest {

    @Inject
    CommandCounter commands;

    @ConfigProperty(name = "quarkus.mongodb.connection-string")
    String store;

    @Test
    void theSeedRequestIssuesToEachCustomerWithTheSeedsResponseShape() {
        long org = Orgs.fresh();
        List<Long> ids = customers(org, 2);
        // The seed's event dates lie in 2025: a badge that started before them and runs on.
        String badge = liveBadge(org, "ISSUE_EARN", "startOn", 1735689600L,
                "issuedBadgeExpiry", Map.of("expiryType", "ABSOLUTE", "expiresOnISO", "2031-01-15T09:32:37Z"));
        String body = IssueResource.SEED_ISSUE_BULK.replace("693804d8cebb9648d8974489", badge)
                .replace("566881933", ids.get(0).toString()).replace("566881934", ids.get(1).toString())
                .replace("434e0d861777711w2yyybj265", "req-" + UUID.randomUUID());
        JsonPath answer = as(org).contentType(ContentType.JSON).body(body).post(Awards.ISSUE_BULK).then()
                .statusCode(200)
                .body("errors", hasSize(0)).body("warnings", hasSize(0))
                .body("data.badgeMetaId", equalTo(badge))
                .body("data.triggeredBy.ownerType", equalTo("Loyalty"))
                .body("data.triggeredBy.referenceId", equalTo("string"))
                .body("data.expiresOn", equalTo(1926235957))
                .body("data.expiresOnISO", equalTo("2031-01-15T09:32:37Z"))
                .body("data.issuedBadges.customerId", equalTo(List.of(ids.get(0).intValue(), ids.get(1).intValue())))
                .body("data.issuedBadges.issuedId", everyItem(matchesPattern("[0-9a-f]{24}")))
                .body("data.issuedBadges.status", everyItem(equalTo("ACTIVE")))
                .extract().jsonPath();
        assertTrue(answer.getString("data.requestId").startsWith("req-"));
        badge(org, badge).body("data.issuedCount", equalTo(2));
    }

    @Test
    void perCustomerFailuresDoNotStopTheOthers() {
        long org = Orgs.fresh();
        List<Long> ids = customers(org, 3);
        String badge = liveBadge(org, "ISSUE_EARN");
        issue(org, badge, List.of(ids.get(0))).statusCode(200);
        Long unknown = 987_654_321L;
        // As the vendor's "Badge Overlapping" answer: the refused customers are items with an error (and, for 1040,
        // the issue they hold); the envelope's errors stay empty.
        issue(org, badge, List.of(ids.get(0), ids.get(1), unknown, ids.get(2), ids.get(1))).statusCode(200)
                .body("errors", hasSize(0))
                .body("data.issuedBadges.customerId", equalTo(List.of(ids.get(1).intValue(), ids.get(2).intValue(),
                        ids.get(0).intValue(), unknown.intValue())))
                .body("data.issuedBadges.findAll { it.error != null }.error.code", equalTo(List.of(1040, 1026)))
                .body("data.issuedBadges[2].issuedId", matchesPattern("[0-9a-f]{24}"))
                .body("data.issuedBadges[2].status", equalTo("ACTIVE"))
                .body("data.issuedBadges[3].issuedId", nullValue());
        badge(org, badge).body("data.issuedCount", equalTo(3));
    }

    @Test
    void everyRequestLevelCodeIsProvoked() {
        long org = Orgs.fresh();
        List<Long> ids = customers(org, 1);
        String badge = liveBadge(org, "ISSUE_EARN");
        Map<String, Object> fine = new HashMap<>();
        fine.put("badgeMetaId", badge);
        fine.put("triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "626"));
        fine.put("customers", ids);
        fine.put("requestId", "r-" + UUID.randomUUID());

        assertCode(org, without(fine, "requestId"), 804);
        assertCode(org, with(fine, "requestId", "  "), 804);
        assertCode(org, without(fine, "triggeredBy"), 803);
        assertCode(org, with(fine, "triggeredBy", Map.of("referenceId", "1")), 716);
        assertCode(org, with(fine, "triggeredBy", Map.of("ownerType", "Journeys")), 714);
        assertCode(org, with(fine, "badgeMetaId", liveBadge(org, "EARN")), 801);
        assertCode(org, with(fine, "badgeMetaId", liveBadge(org, "ISSUE_EARN", "active", false)), 1039);
        String upcoming = as(org).contentType(ContentType.JSON).body(Map.of("name", "soon-" + UUID.randomUUID(),
                "startOn", now() + DAY, "expiresOn", now() + 9 * DAY, "earnType", "ISSUE_EARN",
                "ownership", Map.of("restrictedToOwners", List.of("Loyalty")))).post(Awards.BADGES).then()
                .statusCode(201).extract().jsonPath().getString("data.id");
        assertCode(org, with(fine, "badgeMetaId", upcoming), 1039);
        assertCode(org, with(fine, "issueEventDate", now() - 60 * DAY), 816);
        assertCode(org, with(fine, "issueEventDateISO", "2099-01-01T00:00:00Z"), 816);
        as(org).contentType(ContentType.JSON).body(with(fine, "badgeMetaId", "0123456789abcdef01234567"))
                .post(Awards.ISSUE_BULK).then().statusCode(404).body("errors[0].code", equalTo(404));
        as(org).contentType(ContentType.JSON).body(with(fine, "badgeMetaId", "nope")).post(Awards.ISSUE_BULK).then()
                .statusCode(400).body("errors[0].reference", equalTo("badgeMetaId"));
        // The vendor's 810 (HTTP 409): the triggering module holds no active claim with that referenceId.
        as(org).contentType(ContentType.JSON).body(with(fine, "triggeredBy", Map.of("ownerType", "Loyalty",
                "referenceId", "unclaimed"))).post(Awards.ISSUE_BULK).then().statusCode(409)
                .body("errors[0].code", equalTo(810));
        assertCode(org, with(fine, "customers", List.of()), 400);
        assertCode(org, with(fine, "customers", List.of(-4)), 400);

        as(org).contentType(ContentType.JSON).body(fine).post(Awards.ISSUE_BULK).then().statusCode(200)
                .body("data.issuedBadges", hasSize(1));
        Map<String, Object> again = new HashMap<>(fine);
        again.put("customers", List.of(Awards.customer(org)));
        assertCode(org, again, 809);
        badge(org, badge).body("data.issuedCount", equalTo(1));
    }

    @Test
    void parallelCallsWithOneRequestIdIssueOnce() throws Exception {
        long org = Orgs.fresh();
        List<Long> ids = customers(org, 16);
        String badge = liveBadge(org, "ISSUE_EARN");
        String requestId = "same-" + UUID.randomUUID();
        List<Integer> statuses = Parallel.run(16, i -> issue(org, badge, List.of(ids.get(i)), "requestId", requestId)
                .extract().statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        badge(org, badge).body("data.issuedCount", equalTo(1));
    }

    @Test
    void parallelIssuesToOneCustomerLeaveOneActiveIssue() throws Exception {
        long org = Orgs.fresh();
        long customer = Awards.customer(org);
        String badge = liveBadge(org, "ISSUE_EARN");
        List<Integer> issued = Parallel.run(12, i -> issue(org, badge, List.of(customer)).statusCode(200)
                .extract().jsonPath().getList("data.issuedBadges.findAll { it.error == null }").size());
        assertEquals(1, issued.stream().mapToInt(Integer::intValue).sum(), issued.toString());
        badge(org, badge).body("data.issuedCount", equalTo(1));
    }

    @Test
    void revokingAnIssueFreesTheCustomerForANewOne() {
        long org = Orgs.fresh();
        List<Long> ids = customers(org, 2);
        String badge = liveBadge(org, "ISSUE_EARN");
        String issuedId = issue(org, badge, List.of(ids.get(0))).statusCode(200).extract().jsonPath()
                .getString("data.issuedBadges[0].issuedId");
        as(org).contentType(ContentType.JSON).body(Map.of("badgeMetaId", badge, "customers", ids))
                .post(Awards.REVOKE_ISSUE).then().statusCode(200)
                .body("data.revokedIssuedBadges[0].issuedId", equalTo(issuedId))
                .body("data.revokedIssuedBadges[0].error", nullValue())
                .body("data.revokedIssuedBadges[1].issuedId", nullValue())
                .body("data.revokedIssuedBadges[1].error", notNullValue());
        badge(org, badge).body("data.issuedCount", equalTo(0));
        issue(org, badge, List.of(ids.get(0))).statusCode(200).body("data.issuedBadges", hasSize(1));
        as(org).contentType(ContentType.JSON).body(Map.of("badgeMetaId", badge, "customers",
                Collections.nCopies(21, ids.get(0)))).post(Awards.REVOKE_ISSUE).then().statusCode(400);
    }

    @Test
    void tenThousandCustomersAreIssuedInOneCallWithAFewRoundTrips() {
        long org = Orgs.fresh();
        String badge = liveBadge(org, "ISSUE_EARN");
        List<Long> ids = seedCustomers(org, 10_000);

        commands.reset();
        issue(org, badge, ids.subList(0, 100)).statusCode(200).body("data.issuedBadges", hasSize(100));
        List<String> small = commands.commands();

        commands.reset();
        issue(org, badge, ids).statusCode(200)
                .body("data.issuedBadges", hasSize(10_000))
                .body("data.issuedBadges.findAll { it.error != null }.error.code", hasSize(100))
                .body("data.issuedBadges.findAll { it.error != null }.error.code", everyItem(equalTo(1040)))
                .body("errors", hasSize(0));
        List<String> large = commands.commands();

        // requestId, customers, the issues, requestId done (the definition was read by the first call and is
        // remembered, the counters are written in batches: BadgeCounters); and, when some customers already hold an
        // issue, one update that retires those of them that lapsed and one read of the rest (their ids answer the
        // refusal). The driver splits one insertMany into commands of the server's maxWriteBatchSize: 1,000 for the
        // embedded store (100,000 for MongoDB).
        long issueInserts = 10_000 / 1_000;
        assertEquals(3 + issueInserts + 2, large.size(), "round trips for 10,000 customers: " + large);
        assertEquals(5, small.size(), "round trips for 100 customers (and the first read of the definition): " + small);
        assertEquals(List.of("insert", "find", "insert"), large.subList(0, 3), large.toString());
        badge(org, badge).body("data.issuedCount", equalTo(10_000));
    }

    /**
     * A customer whose issue has expired (it is still marked active until something retires it) is issued again by a
     * bulk call: the lapsed issue is retired, a new one made; beside customers that never held one and one whose issue
     * is still running (1040).
     */
    @Test
    void aLapsedIssueIsRetiredAndIssuedAgainInABulkCall() {
        long org = Orgs.fresh();
        String badge = liveBadge(org, "ISSUE_EARN");
        List<Long> ids = seedCustomers(org, 4);
        long lapsed = ids.get(0);
        long running = ids.get(1);
        String lapsedIssue = issue(org, badge, List.of(lapsed, running)).statusCode(200).extract().jsonPath()
                .getString("data.issuedBadges[0].issuedId");
        try (MongoClient client = MongoClients.create(store)) {
            // Test data: the issue ran out yesterday (badge expiry rules are tested elsewhere).
            client.getDatabase("laurel").getCollection("badge_issues").updateOne(
                    Filters.eq("_id", new org.bson.types.ObjectId(lapsedIssue)),
                    Updates.set("expiresOn", java.util.Date.from(java.time.Instant.now().minusSeconds(86_400))));
        }
        issue(org, badge, ids).statusCode(200)
                .body("data.issuedBadges", hasSize(4))
                .body("data.issuedBadges.findAll { it.error != null }.customerId", equalTo(List.of(running)))
                .body("data.issuedBadges.findAll { it.error != null }.error.code", equalTo(List.of(1040)))
                .body("data.issuedBadges.find { it.customerId == " + lapsed + " }.issuedId",
                        not(equalTo(lapsedIssue)));
        try (MongoClient client = MongoClients.create(store)) {
            Document old = client.getDatabase("laurel").getCollection("badge_issues")
                    .find(Filters.eq("_id", new org.bson.types.ObjectId(lapsedIssue))).first();
            assertEquals("EXPIRED", old.getString("status"));
        }
    }

    private List<Long> seedCustomers(long org, int n) {
        // Test data written straight to the store (the API's own customer creation is tested elsewhere).
        List<Long> ids = new ArrayList<>();
        List<Document> documents = new ArrayList<>();
        long base = 5_000_000_000L + (org % 1_000_000) * 100_000;
        for (int i = 0; i < n; i++) {
            ids.add(base + i);
            documents.add(new Document("orgId", org).append("customerId", base + i)
                    .append("externalIdKey", org + ":seed-" + (base + i)).append("externalId", "seed-" + (base + i)));
        }
        try (MongoClient client = MongoClients.create(store)) {
            client.getDatabase("laurel").getCollection("customers").insertMany(documents);
        }
        return ids;
    }

    private static void assertCode(long org, Map<String, Object> body, int code) {
        as(org).contentType(ContentType.JSON).body(body).post(Awards.ISSUE_BULK).then().statusCode(400)
                .body("data", nullValue()).body("errors[0].code", equalTo(code));
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        copy.put("requestId", key.equals("requestId") ? value : "r-" + UUID.randomUUID());
        return copy;
    }

    static Map<String, Object> without(Map<String, Object> body, String key) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.remove(key);
        if (!key.equals("requestId")) {
            copy.put("requestId", "r-" + UUID.randomUUID());
        }
        return copy;
    }
}
