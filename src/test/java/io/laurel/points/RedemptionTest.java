package io.laurel.points;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import io.laurel.support.Bodies;
import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.Parallel;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class RedemptionTest {

    static final String REDEEM = "/v1.1/points/redeem";

    @ConfigProperty(name = "quarkus.mongodb.connection-string")
    String store;

    @Inject
    RedemptionService redemptions;

    long org;
    long customer;

    @BeforeEach
    void aCustomerWithTheVendorsMobile() {
        org = Orgs.fresh();
        customer = Orgs.as(org).contentType(ContentType.JSON).body(Map.of("mobile", "9877792149"))
                .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath().getLong("data.customerId");
    }

    void allocate(int points) {
        Orgs.as(org).contentType(ContentType.JSON).body(Bodies.goodwill(customer, "gw-" + UUID.randomUUID(), points))
                .post("/internal/goodwill/").then().statusCode(201);
    }

    ValidatableResponse redeem(Object points, String reference) {
        return Orgs.as(org).contentType(ContentType.JSON).queryParam("format", "json")
                .body(Map.of("root", Map.of("redeem", Map.of("points_redeemed", points,
                        "customer", Map.of("mobile", "9877792149"), "transaction_number", "t-" + reference,
                        "external_reference_number", reference))))
                .post(REDEEM).then();
    }

    JsonPath points() {
        return Orgs.as(org).get("/api_gateway/v1/points/customer/" + customer).then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void theVendorsExampleRedeemsOnceAndShowsInBalanceAndHistory() {
        allocate(150);
        String body = RedemptionResource.VENDOR_BODY;
        Orgs.as(org).contentType(ContentType.JSON).queryParam("skip_validation", "true").queryParam("format", "json")
                .body(body).post(REDEEM).then().statusCode(200)
                .body("data.pointsRedeemed", equalTo(100)).body("data.balance", equalTo(50))
                .body("data.customerId", equalTo((int) customer))
                .body("data.referenceId", equalTo("ACR-583523332039150121"))
                .body("data.transactionNumber", equalTo("numbr892723330323421971280"));
        JsonPath after = points();
        assertEquals(50, after.getLong("data.balance"));
        assertEquals("REDEMPTION", after.getString("data.goodwill[0].type"));
        assertEquals(-100, after.getInt("data.goodwill[0].points"));
        assertEquals("Redemption by SMS", after.getString("data.goodwill[0].reason"));
        // the same reference again: 744, nothing redeemed
        Orgs.as(org).contentType(ContentType.JSON).body(body).post(REDEEM).then().statusCode(400)
                .body("errors[0].code", equalTo(744));
        assertEquals(50, points().getLong("data.balance"));
    }

    @Test
    void moreThanTheBalanceIsRefusedAndChangesNothing() {
        allocate(30);
        redeem("31", "r-" + UUID.randomUUID()).statusCode(400).body("errors[0].code", equalTo(1210))
                .body("errors[0].reference", equalTo("points_redeemed"));
        redeem(30, "r-" + UUID.randomUUID()).statusCode(200).body("data.balance", equalTo(0));
        redeem(1, "r-" + UUID.randomUUID()).statusCode(400).body("errors[0].code", equalTo(1210));
        assertEquals(0, points().getLong("data.balance"));
    }

    @Test
    void badInputIsAClear400() {
        allocate(10);
        for (Object bad : List.of("abc", "0", "-5", 1.5, "99999999999999999999")) {
            redeem(bad, "r-" + UUID.randomUUID()).statusCode(400).body("errors[0].code", equalTo(400))
                    .body("errors[0].reference", equalTo("points_redeemed"));
        }
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("root", Map.of("redeem", Map.of("points_redeemed", "1",
                "customer", Map.of("mobile", "9877792149"))))).post(REDEEM).then().statusCode(400)
                .body("errors[0].reference", equalTo("external_reference_number"));
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("root", Map.of("redeem", Map.of("points_redeemed", "1",
                "customer", Map.of(), "external_reference_number", "x")))).post(REDEEM).then().statusCode(400)
                .body("errors[0].reference", equalTo("customer"));
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("root", Map.of("redeem", Map.of("points_redeemed", "1",
                "customer", Map.of("mobile", "000"), "external_reference_number", "x")))).post(REDEEM).then()
                .statusCode(404).body("errors[0].code", equalTo(1026));
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("redeem", Map.of())).post(REDEEM).then().statusCode(400);
        assertEquals(10, points().getLong("data.balance"));
    }

    @Test
    void parallelRedemptionsNeverOverdraw() throws Exception {
        allocate(100);
        List<Integer> statuses = Parallel.run(25, i -> redeem("10", "p-" + i + "-" + UUID.randomUUID())
                .extract().statusCode());
        assertEquals(10, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(15, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
        JsonPath after = points();
        assertEquals(0, after.getLong("data.balance"));
        assertEquals(11, after.getInt("data.pagination.total"));
        try (MongoClient client = MongoClients.create(store)) {
            Document account = client.getDatabase("laurel").getCollection(PointsAccountDocument.COLLECTION)
                    .find(Filters.eq("_id", org + ":" + customer)).first();
            assertEquals(100L, account.getLong("redeemed"));
            assertTrue(account.getList("pending", Document.class).isEmpty());
        }
    }

    @Test
    void parallelRepeatsOfOneReferenceRedeemOnce() throws Exception {
        allocate(100);
        String reference = "same-" + UUID.randomUUID();
        List<Integer> statuses = Parallel.run(12, i -> redeem(10, reference).extract().statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(90, points().getLong("data.balance"));
    }

    @Test
    void aRedemptionACrashLeftPendingIsSettledByTheSweep() {
        allocate(50);
        String key = org + ":" + customer;
        try (MongoClient client = MongoClients.create(store)) {
            // What a crash after the debit and before the ledger entry leaves: two pending, one whose reference a
            // goodwill allocation took meanwhile.
            client.getDatabase("laurel").getCollection(PointsAccountDocument.COLLECTION).insertOne(new Document("_id", key)
                    .append("orgId", org).append("customerId", customer).append("redeemed", 30L)
                    .append("pending", List.of(pending(900_000_001L, "crashed-1", 20), pending(900_000_002L, "taken", 10))));
        }
        Orgs.as(org).contentType(ContentType.JSON).body(Bodies.goodwill(customer, "taken", 5))
                .post("/internal/goodwill/").then().statusCode(201);
        // meanwhile the balance already counts both debits
        assertEquals(55 - 30, points().getLong("data.balance"));
        int settled = redemptions.settleStale(Duration.ZERO).await().atMost(Duration.ofSeconds(10));
        assertEquals(2, settled);
        JsonPath after = points();
        assertEquals(55 - 20, after.getLong("data.balance"));
        assertEquals(List.of("crashed-1"), after.getList("data.goodwill.findAll { it.type == 'REDEMPTION' }.referenceId"));
        assertEquals(0, redemptions.settleStale(Duration.ZERO).await().atMost(Duration.ofSeconds(10)));
        try (MongoClient client = MongoClients.create(store)) {
            Document account = client.getDatabase("laurel").getCollection(PointsAccountDocument.COLLECTION)
                    .find(Filters.eq("_id", key)).first();
            assertEquals(20L, account.getLong("redeemed"));
        }
    }

    /**
     * What a crash after a redemption's ledger entry and before the pull of its pending record leaves (and, for a
     * moment, every redemption): the balance counts it once, before the sweep and after.
     */
    @Test
    void aRedemptionInTheLedgerAndStillPendingCountsOnce() {
        allocate(50);
        String key = org + ":" + customer;
        try (MongoClient client = MongoClients.create(store)) {
            MongoDatabase db = client.getDatabase("laurel");
            db.getCollection(PointsAccountDocument.COLLECTION).insertOne(new Document("_id", key).append("orgId", org)
                    .append("customerId", customer).append("redeemed", 20L)
                    .append("pending", List.of(pending(900_000_003L, "half-settled", 20))));
            db.getCollection(GoodwillEntryDocument.COLLECTION).insertOne(new Document("orgId", org)
                    .append("customerId", customer).append("createdId", 900_000_003L)
                    .append("referenceId", "half-settled").append("points", -20L)
                    .append("type", RedemptionService.REDEMPTION).append("createdOn", new Date(0)));
        }
        assertEquals(30, points().getLong("data.balance"));
        assertTrue(redemptions.settleStale(Duration.ZERO).await().atMost(Duration.ofSeconds(10)) >= 1);
        try (MongoClient client = MongoClients.create(store)) {
            Document account = client.getDatabase("laurel").getCollection(PointsAccountDocument.COLLECTION)
                    .find(Filters.eq("_id", key)).first();
            assertEquals(20L, account.getLong("redeemed"), "its ledger entry was there: nothing given back");
            assertTrue(account.getList("pending", Document.class).isEmpty());
        }
        assertEquals(30, points().getLong("data.balance"));
        redeem(30, "the-rest").statusCode(200).body("data.balance", equalTo(0));
        redeem(1, "one-more").statusCode(400).body("errors[0].code", equalTo(1210));
    }

    static Document pending(long createdId, String reference, long points) {
        return new Document("createdId", createdId).append("referenceId", reference).append("points", points)
                .append("notes", "crash").append("createdBy", "test").append("at", new Date(0));
    }

    @Test
    void validateOnlyWritesNothing() {
        allocate(10);
        Orgs.as(org).header("X-LAUREL-VALIDATE-ONLY", "true").contentType(ContentType.JSON)
                .body(Map.of("root", Map.of("redeem", Map.of("points_redeemed", "10",
                        "customer", Map.of("mobile", "9877792149"), "external_reference_number", "v-1"))))
                .post(REDEEM).then().statusCode(204);
        Orgs.as(org).header("X-LAUREL-VALIDATE-ONLY", "true").contentType(ContentType.JSON)
                .body(Map.of("root", Map.of("redeem", Map.of("points_redeemed", "11",
                        "customer", Map.of("mobile", "9877792149"), "external_reference_number", "v-1"))))
                .post(REDEEM).then().statusCode(400).body("errors[0].code", equalTo(1210));
        assertEquals(10, points().getLong("data.balance"));
        points().getList("data.goodwill.type").forEach(t -> assertEquals("GOODWILL", t));
    }

}
