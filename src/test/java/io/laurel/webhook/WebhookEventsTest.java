package io.laurel.webhook;

import static io.laurel.support.Orgs.as;
import static io.laurel.support.WebhookReceiver.signedBy;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.laurel.support.Bodies;
import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.SchemaCheck;
import io.laurel.support.Tokens;
import io.laurel.support.WebhookReceiver;
import io.laurel.support.WebhookReceiver.Received;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Events end to end, to a real receiver on loopback: every event type raised over the API is delivered with a
 * signature the test checks with its own HMAC code and the fields a client needs; a refused change raises nothing; a
 * receiver down, then back, gets every event once per delivery id, and events handed over again (as after a crash
 * between publishing and marking them published) are not delivered twice.
 */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class WebhookEventsTest {

    private static final String HOOKS = "/api_gateway/v1/webhooks";
    private static final String BADGES = "/api_gateway/v1/badges/badgeMeta";
    private static final String FLOW = "/api_gateway/v2/request-workflow/";
    private static final long DAY = 86_400;

    @Inject
    Deliveries deliveries;

    long org;
    String basic;

    @BeforeEach
    void anOrgWithAServiceUser() {
        org = Orgs.fresh();
        basic = Orgs.serviceUser(org);
    }

    @Test
    void everyEventTypeIsDeliveredSignedWithWhatAClientNeeds() throws Exception {
        JsonPath hook = subscribe(List.of("*"));
        long customer = customer();
        long other = customer();
        String issueEarn = badge("ISSUE_EARN");
        String earn = badge("EARN");

        String issuedId = post("/api_gateway/v1/badges/badgeMeta/customer/issueBulk", Map.of("badgeMetaId", issueEarn,
                "customers", List.of(customer), "requestId", UUID.randomUUID().toString(),
                "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "626"))).statusCode(200)
                .extract().jsonPath().getString("data.issuedBadges[0].issuedId");
        String requestId = UUID.randomUUID().toString();
        String earnedId = post("/api_gateway/v1/badges/customer/earn", Map.of("badgeMetaId", issueEarn,
                "customerId", customer, "requestId", requestId,
                "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "txn"))).statusCode(200)
                .extract().jsonPath().getString("data.earnedBadgeId");
        // Refused (not issued to this customer): no event.
        post("/api_gateway/v1/badges/customer/earn", Map.of("badgeMetaId", issueEarn, "customerId", other,
                "requestId", UUID.randomUUID().toString(),
                "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "txn"))).statusCode(409);
        post("/api_gateway/v1/badges/customer/revokeEarn", Map.of("badgeMetaId", issueEarn, "customerId", customer,
                "earnedBadgeId", earnedId)).statusCode(200);
        post("/api_gateway/v1/badges/badgeMeta/customer/revokeIssue", Map.of("badgeMetaId", issueEarn,
                "customers", List.of(customer))).statusCode(200);
        String importedId = as(org).contentType(ContentType.JSON).body(List.of(Map.of("badgeMetaId", earn,
                "customerId", other, "earnEventDate", Instant.now().getEpochSecond() - 10 * DAY)))
                .post("/api_gateway/v1/badges/import/customerBadges").then().statusCode(200).extract().jsonPath()
                .getString("[0].data.earnedBadgeId");
        String reference = "ref-" + UUID.randomUUID();
        post("/internal/goodwill/", Bodies.goodwill(customer, reference, 20)).statusCode(201);
        String redemption = "red-" + UUID.randomUUID();
        post("/v1.1/points/redeem", redeem(customer, 15, redemption)).statusCode(200);
        // Refused (more than is left): no event.
        post("/v1.1/points/redeem", redeem(customer, 6, "red-" + UUID.randomUUID())).statusCode(400);
        // Two status changes, and a resend of the second that changes nothing (no event).
        for (String label : List.of("Suspended", "Blocked", "Blocked")) {
            as(org).contentType(ContentType.JSON).queryParam("identifierName", "id")
                    .queryParam("identifierValue", Long.toString(other)).queryParam("source", "instore")
                    .body(Map.of("reason", "events test", "label", label)).put("/v2/customers/lookup/status").then()
                    .statusCode(200);
        }

        // Workflow: approved and applied; approved and refused by its target (its reference is used); rejected;
        // cancelled by its maker; expired.
        String shared = "ref-" + UUID.randomUUID();
        String applied = make(goodwillRequest(other, shared, 5));
        String refused = make(goodwillRequest(other, shared, 6));
        String rejected = make(goodwillRequest(other, "ref-" + UUID.randomUUID(), 7));
        decide(applied, "approved").body("data.state", equalTo("approved"));
        decide(refused, "approved").body("data.state", equalTo("failed"));
        decide(rejected, "rejected").body("data.state", equalTo("rejected"));
        String cancelled = make(goodwillRequest(other, "ref-" + UUID.randomUUID(), 8));
        maker().post(FLOW + "requests/" + cancelled + "/cancel").then().statusCode(200);
        // Expired: made eight days ago (test data), then a checker's approval comes too late.
        String expired = make(goodwillRequest(other, "ref-" + UUID.randomUUID(), 9));
        try (MongoClient client = MongoClients.create(ConfigProvider.getConfig()
                .getValue("quarkus.mongodb.connection-string", String.class))) {
            client.getDatabase("laurel").getCollection("workflow_requests").updateOne(Filters.eq("requestId", expired),
                    Updates.set("startTime", Date.from(Instant.now().minus(Duration.ofDays(8)))));
        }
        given().header("X-CAP-UI-AUTH-TOKEN", Tokens.valid(1002, "checker.one", org, "CanCheckRequest"))
                .contentType(ContentType.JSON).body(Map.of("requestId", expired, "actionName", "AdminTask",
                        "payload", Map.of("AdminTask-Payload", Map.of("actionDecision", "approved"))))
                .put(FLOW + "GOODWILL-POINTS").then().statusCode(400);

        JsonPath api = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            publishAndDeliver();
            List<JsonPath> events = new ArrayList<>();
            for (Received message : receiver.got) {
                JsonPath body = new JsonPath(message.body());
                if (body.getLong("orgId") != org) {
                    continue;
                }
                assertTrue(signedBy(hook.getString("data.secret"), message), message.toString());
                assertTrue(message.id().startsWith("msg_"), message.id());
                assertTrue(body.getString("id").startsWith("evt_"), body.getString("id"));
                assertNotNull(Instant.parse(body.getString("timestamp")));
                // The message fits the JSON Schema the OpenAPI document publishes for its type.
                String ref = api.getString("webhooks.'" + body.getString("type")
                        + "'.post.requestBody.content.'application/json'.schema.'$ref'");
                Map<String, Object> schema = api.getMap("components.schemas." + ref.substring(ref.lastIndexOf('/') + 1));
                assertEquals(List.of(), SchemaCheck.problems(schema, body.getMap("")), message.body());
                events.add(body);
            }
            Map<String, List<JsonPath>> byType = events.stream().collect(Collectors.groupingBy(e -> e.getString("type")));
            assertEquals(new TreeSet<>(EventTypes.ALL), new TreeSet<>(byType.keySet()), "every type, once at least");
            assertEquals(1, byType.get("badge.issued").size());
            assertEquals(1, byType.get("badge.earned").size(), "the refused earn raised nothing");
            assertEquals(5, byType.get("workflow.request.created").size());
            assertEquals(expired, byType.get("workflow.request.expired").get(0).getString("data.requestId"));
            assertEquals(cancelled, byType.get("workflow.request.cancelled").get(0).getString("data.requestId"));
            assertEquals(2, byType.get("workflow.request.approved").size());
            assertEquals(2, byType.get("points.goodwill.allocated").size(), "direct and through the workflow");
            assertEquals(events.size(), events.stream().map(e -> e.getString("id")).distinct().count(),
                    "one delivery an event");

            JsonPath issued = byType.get("badge.issued").get(0);
            assertEquals(issueEarn, issued.getString("data.badgeMetaId"));
            assertTrue(issued.getString("data.badgeName").startsWith("events-"));
            assertEquals(customer, issued.getLong("data.customerId"));
            assertEquals(issuedId, issued.getString("data.issuedBadgeId"));
            assertEquals("Loyalty", issued.getString("data.triggeredBy.ownerType"));
            JsonPath earned = byType.get("badge.earned").get(0);
            assertEquals(earnedId, earned.getString("data.earnedBadgeId"));
            assertEquals(issuedId, earned.getString("data.issuedBadgeId"));
            assertEquals(1, earned.getInt("data.customerEarnedCount"));
            assertEquals(requestId, earned.getString("data.requestId"));
            assertEquals("txn", earned.getString("data.triggeredBy.referenceId"));
            assertEquals(earnedId, byType.get("badge.earn.revoked").get(0).getString("data.earnedBadgeId"));
            assertNotNull(byType.get("badge.earn.revoked").get(0).getString("data.revokedOn"));
            assertEquals(issuedId, byType.get("badge.issue.revoked").get(0).getString("data.issuedBadgeId"));
            JsonPath imported = byType.get("badge.imported").get(0);
            assertEquals(importedId, imported.getString("data.earnedBadgeId"));
            assertEquals("Historical_Import", imported.getString("data.triggeredBy.ownerType"));
            JsonPath points = byType.get("points.goodwill.allocated").stream()
                    .filter(e -> reference.equals(e.getString("data.referenceId"))).findFirst().orElseThrow();
            assertEquals(20, points.getInt("data.points"));
            assertEquals(customer, points.getLong("data.customerId"));
            assertEquals(1, byType.get("points.redeemed").size(), "the refused redemption raised nothing");
            JsonPath redeemed = byType.get("points.redeemed").get(0);
            assertEquals(15, redeemed.getInt("data.pointsRedeemed"));
            assertEquals(customer, redeemed.getLong("data.customerId"));
            assertEquals(redemption, redeemed.getString("data.referenceId"));
            assertEquals("t-" + redemption, redeemed.getString("data.transactionNumber"));
            List<JsonPath> statuses = byType.get("customer.status.changed");
            assertEquals(2, statuses.size(), "the resend raised nothing");
            assertEquals(List.of("Active", "Suspended"), statuses.stream()
                    .map(e -> e.getString("data.previousLabel")).sorted().toList());
            JsonPath blocked = statuses.stream().filter(e -> "Blocked".equals(e.getString("data.label"))).findFirst()
                    .orElseThrow();
            assertEquals(other, blocked.getLong("data.customerId"));
            assertEquals("Suspended", blocked.getString("data.previousLabel"));
            assertEquals("INSTORE", blocked.getString("data.source"));
            assertEquals("events test", blocked.getString("data.reason"));
            assertEquals(applied, byType.get("workflow.request.completed").get(0).getString("data.requestId"));
            assertEquals(201, byType.get("workflow.request.completed").get(0).getInt("data.outputStatus"));
            assertEquals(refused, byType.get("workflow.request.failed").get(0).getString("data.requestId"));
            JsonPath no = byType.get("workflow.request.rejected").get(0);
            assertEquals(rejected, no.getString("data.requestId"));
            assertEquals("checker.one", no.getString("data.checkerUserName"));
            assertEquals("goodwill-points", no.getString("data.requestType"));
        }
        as(org).get(HOOKS + "/" + hook.getString("data.id") + "/deliveries").then().statusCode(200)
                .body("data.findAll { it.state != 'DELIVERED' }.size()", equalTo(0));
    }

    @Test
    void aReceiverDownThenBackGetsEveryEventOncePerIdAndARepeatedHandOverSendsNothingTwice() throws Exception {
        JsonPath hook = subscribe(List.of("badge.*"));
        String badge = badge("EARN");
        List<String> earned = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            earned.add(post("/api_gateway/v1/badges/customer/earn", Map.of("badgeMetaId", badge, "customerId",
                    customer(), "requestId", UUID.randomUUID().toString(),
                    "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "txn"))).statusCode(200)
                    .extract().jsonPath().getString("data.earnedBadgeId"));
        }
        // Nobody listens: every attempt fails, every delivery stays pending.
        publishAndDeliver();
        as(org).get(HOOKS + "/" + hook.getString("data.id") + "/deliveries").then().statusCode(200)
                .body("data.size()", equalTo(5))
                .body("data.findAll { it.state == 'PENDING' && it.attempts >= 1 && it.lastStatus == 0 }.size()",
                        equalTo(5));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            publishAndDeliver();
            // The events handed over again, as if a crash came after their deliveries were written and before they
            // were marked published: the same delivery ids, nothing new to send.
            raiseAgain(earned);
            publishAndDeliver();
            List<Received> mine = receiver.got.stream()
                    .filter(m -> new JsonPath(m.body()).getLong("orgId") == org).toList();
            assertEquals(5, mine.size(), mine.toString());
            Set<String> ids = mine.stream().map(Received::id).collect(Collectors.toSet());
            assertEquals(5, ids.size(), "one message a delivery id");
            Set<String> earns = mine.stream().map(m -> new JsonPath(m.body()).getString("data.earnedBadgeId"))
                    .collect(Collectors.toSet());
            assertEquals(Set.copyOf(earned), earns);
            for (Received message : mine) {
                assertTrue(signedBy(hook.getString("data.secret"), message));
            }
        }
    }

    /**
     * A delivery still failing when its retry period has run out (here: its period moved into the past in the store)
     * ends FAILED and pauses the subscription with the reason; a paused subscription is given no new deliveries, and
     * made active again it gets the next events.
     */
    @Test
    void aSubscriptionStillFailingAfterTheRetryPeriodIsPausedWithAReason() throws Exception {
        JsonPath hook = subscribe(List.of("badge.earned"));
        String id = hook.getString("data.id");
        String badge = badge("EARN");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.status = 503;
            earnOnce(badge);
            publishAndDeliver();
            String delivery = as(org).get(HOOKS + "/" + id + "/deliveries").then().statusCode(200)
                    .body("data[0].state", equalTo("PENDING")).body("data[0].lastStatus", equalTo(503))
                    .extract().jsonPath().getString("data[0].id");
            try (MongoClient client = MongoClients.create(ConfigProvider.getConfig()
                    .getValue("quarkus.mongodb.connection-string", String.class))) {
                // Test data: the delivery has been retrying for 25 hours (the period is 24).
                client.getDatabase("laurel").getCollection(DeliveryDocument.COLLECTION).updateOne(
                        Filters.eq("_id", delivery), Updates.set("retryingSince",
                                Date.from(Instant.now().minus(Duration.ofHours(25)))));
            }
            publishAndDeliver();
            as(org).get(HOOKS + "/" + id + "/deliveries").then().body("data[0].state", equalTo("FAILED"));
            as(org).get(HOOKS + "/" + id).then().statusCode(200).body("data.active", equalTo(false))
                    .body("data.pausedReason", containsString("503"))
                    .body("data.pausedOn", notNullValue());

            receiver.status = 204;
            earnOnce(badge);
            publishAndDeliver();
            as(org).get(HOOKS + "/" + id + "/deliveries").then().body("data.size()", equalTo(1));
            as(org).contentType(ContentType.JSON).body(Map.of("active", true)).put(HOOKS + "/" + id).then()
                    .statusCode(200).body("data.active", equalTo(true))
                    .body("data", not(hasKey("pausedReason")));
            String last = earnOnce(badge);
            publishAndDeliver();
            as(org).get(HOOKS + "/" + id + "/deliveries").then().body("data.size()", equalTo(2))
                    .body("data[0].state", equalTo("DELIVERED"));
            assertTrue(receiver.got.stream().anyMatch(m -> m.body().contains(last)));
        }
    }

    private String earnOnce(String badge) {
        return post("/api_gateway/v1/badges/customer/earn", Map.of("badgeMetaId", badge, "customerId", customer(),
                "requestId", UUID.randomUUID().toString(),
                "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "626"))).statusCode(200)
                .extract().jsonPath().getString("data.earnedBadgeId");
    }

    /**
     * Between sweeps the scheduled publishing reads the documents this process raised events on by id: an earn made
     * after a publishing (sweep or not) is published by the next one, well within the sweep interval (a minute).
     */
    @Test
    void theScheduledPublishingFindsThisProcesssEventsByIdBetweenSweeps() throws Exception {
        subscribe(List.of("badge.earned"));
        String badge = badge("EARN");
        deliveries.publishDue().await().atMost(Duration.ofSeconds(120));
        String earned = earnOnce(badge);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            deliveries.publishDue().await().atMost(Duration.ofSeconds(60));
            deliveries.drain(100).await().atMost(Duration.ofSeconds(30));
            assertTrue(receiver.got.stream().anyMatch(m -> m.body().contains(earned)), receiver.got.toString());
        }
    }

    /** Makes the earns' published events pending again, with their ids, directly in the store (test data). */
    private void raiseAgain(List<String> earned) {
        try (MongoClient client = MongoClients.create(ConfigProvider.getConfig()
                .getValue("quarkus.mongodb.connection-string", String.class))) {
            var earns = client.getDatabase("laurel").getCollection("badge_earns");
            var deliveries = client.getDatabase("laurel").getCollection(DeliveryDocument.COLLECTION);
            for (String id : earned) {
                Document delivery = deliveries.find(Filters.eq("eventType", "badge.earned"))
                        .filter(Filters.regex("body", id)).first();
                assertNotNull(delivery, id);
                earns.updateOne(Filters.eq("_id", new ObjectId(id)), Updates.combine(
                        Updates.push("events.pending", new Document("eventId", delivery.getString("eventId"))
                                .append("type", "badge.earned").append("at", new Date())),
                        Updates.set("events.nextAttemptAt", new Date())));
            }
        }
    }

    /** Publishes every event waiting (other tests' included: the store is shared), then delivers. */
    private void publishAndDeliver() {
        while (deliveries.publish(500).await().atMost(Duration.ofSeconds(60)) > 0) {
            // the next batch
        }
        deliveries.drain(200).await().atMost(Duration.ofSeconds(30));
    }

    private JsonPath subscribe(List<String> types) {
        return as(org).contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:"
                + MemoryStoreResource.TARGET_PORT + "/events", "eventTypes", types)).post(HOOKS).then()
                .statusCode(200).extract().jsonPath();
    }

    private ValidatableResponse post(String path, Object body) {
        return as(org).contentType(ContentType.JSON).body(body).post(path).then();
    }

    /** A redemption as the vendor's page sends it, the customer named by id. */
    private static Map<String, Object> redeem(long customer, int points, String reference) {
        return Map.of("root", Map.of("redeem", Map.of("points_redeemed", Integer.toString(points),
                "customer", Map.of("id", Long.toString(customer)), "transaction_number", "t-" + reference,
                "external_reference_number", reference, "notes", "events test")));
    }

    private long customer() {
        return post("/api_gateway/v1/customers", Map.of("externalId", "ev-" + UUID.randomUUID())).statusCode(201)
                .extract().jsonPath().getLong("data.customerId");
    }

    private String badge(String earnType) {
        long now = Instant.now().getEpochSecond();
        return as(org).contentType(ContentType.JSON).header("X-CAP-BADGES-MIGRATION", "migration")
                .body(Map.of("name", "events-" + UUID.randomUUID(), "startOn", now - 30 * DAY,
                        "expiresOn", now + 365 * DAY, "earnType", earnType,
                        "ownership", Map.of("restrictedToOwners", List.of("Loyalty"),
                                "claims", List.of(Map.of("ownerType", "Loyalty", "referenceId", "626")))))
                .post(BADGES).then().statusCode(201).extract().jsonPath().getString("data.id");
    }

    private Map<String, Object> goodwillRequest(long customer, String reference, int points) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("hostname", "");
        task.put("path", "/internal/goodwill/");
        task.put("method", "POST");
        task.put("pathParams", Map.of());
        task.put("queryParams", Map.of());
        task.put("body", Bodies.goodwill(customer, reference, points));
        task.put("headers", Map.of("Authorization", basic, "content-type", "application/json",
                "X-CAP-API-AUTH-ORG-ID", Long.toString(org)));
        return Map.of("entityInfo", Map.of("tillId", "50682289", "storeId", "50682288", "zoneId", "50682286",
                "conceptId", "50678331"), "payload", Map.of("IntouchAPITask-Payload", task));
    }

    private RequestSpecification maker() {
        return given().header("X-CAP-UI-AUTH-TOKEN", Tokens.valid(1001, "maker.one", org, "CanMakeRequest"));
    }

    private String make(Map<String, Object> body) {
        return maker().contentType(ContentType.JSON).body(body).post(FLOW + "GOODWILL-POINTS").then()
                .log().ifValidationFails().statusCode(200)
                .extract().jsonPath().getString("data.requestId");
    }

    private ValidatableResponse decide(String requestId, String decision) {
        return given().header("X-CAP-UI-AUTH-TOKEN", Tokens.valid(1002, "checker.one", org, "CanCheckRequest"))
                .contentType(ContentType.JSON).body(Map.of("requestId", requestId, "actionName", "AdminTask",
                        "payload", Map.of("AdminTask-Payload", Map.of("actionDecision", decision,
                                "actionMessage", "checked"))))
                .put(FLOW + "GOODWILL-POINTS").then().statusCode(200);
    }
}
