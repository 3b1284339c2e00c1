package io.laurel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

import io.laurel.support.Bodies;
import io.laurel.support.CommandCounter;
import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The sharding plan holds for the hot paths: every command an earn, a wall read, a goodwill allocation, a balance read
 * and a redemption send to a collection the plan shards carries that collection's shard key (by equality), so a
 * sharded cluster routes it to one shard instead of asking all of them. Read from the driver's own command log.
 */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class ShardKeyTest {

    /** The plan (README, "Sharding"): collection → the shard key's leading field that every hot command carries. */
    static final Map<String, String> PLAN = Map.of(
            "customers", "orgId",
            "badge_metas", "orgId",
            "badge_earns", "orgId",
            "badge_issues", "orgId",
            "goodwill_entries", "orgId",
            "workflow_requests", "orgId",
            "earn_scopes", "_id",
            "points_accounts", "_id");

    @Inject
    CommandCounter commands;

    @Test
    void everyHotCommandOnAShardedCollectionCarriesItsShardKey() {
        long org = Orgs.fresh();
        long customer = Orgs.as(org).contentType(ContentType.JSON).body(Map.of("externalId", "s-" + org))
                .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath()
                .getLong("data.customerId");
        long now = Instant.now().getEpochSecond();
        String badge = Orgs.as(org).contentType(ContentType.JSON).header("X-CAP-BADGES-MIGRATION", "migration")
                .body(Map.of("name", "shard-" + UUID.randomUUID(), "startOn", now - 86_400, "expiresOn",
                        now + 86_400 * 30, "earnType", "EARN",
                        "ownership", Map.of("restrictedToOwners", List.of("Loyalty"),
                                "claims", List.of(Map.of("ownerType", "Loyalty", "referenceId", "1"))),
                        "customerConstraints", List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_VALUE",
                                "maxEarnLimit", 5)),
                        "badgeConstraints", List.of(Map.of("constraintType", "BADGE_ROLLING_WINDOW",
                                "rollType", "DAYS", "rollValue", 7, "maxEarnLimit", 1000))))
                .post("/api_gateway/v1/badges/badgeMeta").then().statusCode(201).extract().jsonPath()
                .getString("data.id");

        commands.reset();
        for (int i = 0; i < 2; i++) {
            Orgs.as(org).contentType(ContentType.JSON).body(Map.of("badgeMetaId", badge, "customerId", customer,
                    "requestId", "shard-" + UUID.randomUUID(), "triggeredBy", Map.of("ownerType", "Loyalty",
                            "referenceId", "1")))
                    .post("/api_gateway/v1/badges/customer/earn").then().statusCode(200);
        }
        Orgs.as(org).get("/api_gateway/v1/badges/customer/" + customer).then().statusCode(200);
        Orgs.as(org).contentType(ContentType.JSON).body(Bodies.goodwill(customer, "g-" + UUID.randomUUID(), 30))
                .post("/internal/goodwill/").then().statusCode(201);
        Orgs.as(org).get("/api_gateway/v1/points/customer/" + customer).then().statusCode(200);
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("root", Map.of("redeem", Map.of("points_redeemed",
                "10", "customer", Map.of("id", Long.toString(customer)), "external_reference_number",
                "r-" + UUID.randomUUID())))).post("/v1.1/points/redeem").then().statusCode(200);

        List<String> scattered = new ArrayList<>();
        int checked = 0;
        for (BsonDocument command : commands.sent()) {
            String name = command.getFirstKey();
            BsonValue target = command.get(name);
            if (!target.isString() || !PLAN.containsKey(target.asString().getValue())) {
                continue;
            }
            String collection = target.asString().getValue();
            String key = PLAN.get(collection);
            for (BsonDocument routed : routedBy(name, command)) {
                checked++;
                if (!carries(routed, key)) {
                    scattered.add(name + " " + collection + " " + routed.toJson());
                }
            }
        }
        assertTrue(checked > 20, "only " + checked + " commands on planned collections");
        assertEquals(List.of(), scattered, "commands without their collection's shard key");
    }

    /** What a command is routed by: a find's filter, each update's or delete's q, a findAndModify's query, etc. */
    static List<BsonDocument> routedBy(String name, BsonDocument command) {
        List<BsonDocument> routed = new ArrayList<>();
        switch (name) {
            case "find", "count" -> routed.add(command.getDocument(name.equals("find") ? "filter" : "query",
                    new BsonDocument()));
            case "findAndModify" -> routed.add(command.getDocument("query"));
            case "insert" -> command.getArray("documents").forEach(d -> routed.add(d.asDocument()));
            case "update" -> command.getArray("updates").forEach(u -> routed.add(u.asDocument().getDocument("q")));
            case "delete" -> command.getArray("deletes").forEach(d -> routed.add(d.asDocument().getDocument("q")));
            case "aggregate" -> {
                BsonArray pipeline = command.getArray("pipeline");
                BsonDocument first = pipeline.isEmpty() ? new BsonDocument() : pipeline.get(0).asDocument();
                routed.add(first.getDocument("$match", new BsonDocument()));
            }
            default -> routed.add(new BsonDocument()); // anything else must not touch a sharded collection
        }
        return routed;
    }

    /** Whether the filter (or document) fixes {@code key}: by equality or $in, at its top or in a top $and. */
    static boolean carries(BsonDocument filter, String key) {
        BsonValue value = filter.get(key);
        if (value != null) {
            return !value.isDocument() || value.asDocument().containsKey("$eq") || value.asDocument().containsKey("$in")
                    || !value.asDocument().getFirstKey().startsWith("$");
        }
        BsonValue and = filter.get("$and");
        return and != null && and.isArray() && and.asArray().stream().anyMatch(v -> v.isDocument()
                && carries(v.asDocument(), key));
    }
}
