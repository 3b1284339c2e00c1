package io.laurel.reliability;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import io.laurel.support.LaurelApp;
import io.laurel.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The forward target, a second instance serving the badge and goodwill resources on the shared store, is killed
 * while approved requests wait to be sent, and started again on the same port after the outage
 * (-Dchaos.outage seconds: 5 in CI, 30 with chaos/run). Every approved request ends approved and each effect
 * is applied once, with the forwarder's default retry schedule.
 */
class ForwardOutageIT {

    static final long ORG = 100458;
    static final int EACH = 10;
    static final String FLOW = "/api_gateway/v2/request-workflow/";

    @TempDir
    Path dataDir;

    @Test
    void approvedRequestsOutlastATargetOutageAndApplyOnce() throws Exception {
        int outage = Integer.getInteger("chaos.outage", 5);
        int storePort = LaurelApp.freePort();
        int targetPort = LaurelApp.freePort();
        String target = "http://127.0.0.1:" + targetPort;
        Map<String, String> targetEnv = Map.of("LAUREL_DATA_DIR", dataDir.toString(), "LAUREL_JSON_LOGS", "false",
                "QUARKUS_MONGODB_CONNECTION_STRING", LaurelApp.store(storePort),
                "QUARKUS_HTTP_PORT", Integer.toString(targetPort), "LAUREL_WORKFLOW_POLL_INTERVAL", "off");
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        try (LaurelApp workflow = LaurelApp.start(Map.of("LAUREL_DATA_DIR", dataDir.toString(),
                "LAUREL_STORE_PORT", Integer.toString(storePort), "LAUREL_JSON_LOGS", "false",
                "LAUREL_WORKFLOW_ALLOWED_HOSTS", target, "LAUREL_WORKFLOW_POLL_INTERVAL", "1s",
                "LAUREL_WORKFLOW_FORWARD_TIMEOUT", "PT2S"), line -> {
                    int at = line.indexOf("not sent on attempt");
                    if (at >= 0) {
                        String head = line.substring(0, at).trim();
                        failedOnce.add(head.substring(head.lastIndexOf(' ') + 1));
                    }
                })) {
            LaurelApp targetApp = LaurelApp.start(targetEnv);
            try {
                user(workflow, "maker.outage", "CanMakeRequest");
                user(workflow, "checker.outage", "CanCheckRequest");
                String badge = badge(workflow);
                Map<String, String> types = new LinkedHashMap<>();
                List<String> references = new ArrayList<>();
                List<String> earnRequestIds = new ArrayList<>();
                for (int i = 0; i < EACH; i++) {
                    long customer = workflow.asAdmin().contentType(ContentType.JSON)
                            .body(Map.of("externalId", "outage-" + i)).post("/api_gateway/v1/customers").then()
                            .statusCode(201).extract().jsonPath().getLong("data.customerId");
                    String reference = "outage-ref-" + i;
                    references.add(reference);
                    types.put(make(workflow, "GOODWILL-POINTS", task(target, "/internal/goodwill/", Map.of(
                            "referenceId", reference, "reason", "outage", "baseType", "POINTS", "programId", 1,
                            "awardingTillId", 1, "earningEntityType", "CUSTOMER", "earningEntityId", customer,
                            "points", 10, "source", "API"))), "GOODWILL-POINTS");
                    String earnRequestId = UUID.randomUUID().toString();
                    earnRequestIds.add(earnRequestId);
                    types.put(make(workflow, "EARN-BADGE", task(target, "/api_gateway/v1/badges/customer/earn",
                            Map.of("badgeMetaId", badge, "customerId", customer, "requestId", earnRequestId,
                                    "triggeredBy", Map.of("ownerType", "Loyalty")))), "EARN-BADGE");
                }

                // The target goes away: its port refuses connections for the length of the outage.
                targetApp.kill();
                targetApp.close();
                Instant down = Instant.now();
                types.forEach((request, type) -> as(workflow, "checker.outage").contentType(ContentType.JSON)
                        .body(Map.of("requestId", request, "actionName", "AdminTask",
                                "payload", Map.of("AdminTask-Payload", Map.of("actionDecision", "approved"))))
                        .put(FLOW + type).then().statusCode(200).body("data.state", equalTo("IntouchAPITask")));
                Set<String> requests = types.keySet();
                await(() -> failedOnce.containsAll(requests), Duration.ofMinutes(1), "every send failed once");
                long left = Duration.ofSeconds(outage).minus(Duration.between(down, Instant.now())).toMillis();
                if (left > 0) {
                    Thread.sleep(left); // the outage itself: how long the target stays away, not a wait for anything
                }
                targetApp = LaurelApp.start(targetEnv);
                Instant back = Instant.now();
                double outageSeconds = Duration.between(down, back).toMillis() / 1000.0;

                await(() -> requests.stream().allMatch(r -> "approved".equals(state(workflow, r))),
                        Duration.ofMinutes(3), "every approved request sent");
                double recoverySeconds = Duration.between(back, Instant.now()).toMillis() / 1000.0;
                try (MongoClient client = MongoClients.create(LaurelApp.store(storePort))) {
                    MongoDatabase store = client.getDatabase(LaurelApp.database());
                    for (String reference : references) {
                        assertEquals(1, store.getCollection("goodwill_entries").countDocuments(Filters.and(
                                Filters.eq("orgId", ORG), Filters.eq("referenceId", reference))), reference);
                    }
                    for (String requestId : earnRequestIds) {
                        assertEquals(1, store.getCollection("badge_earns").countDocuments(Filters.and(
                                Filters.eq("orgId", ORG), Filters.eq("requestId", requestId))), requestId);
                    }
                }
                // The earns were made on the target instance, which writes its definition counts every second
                // (BadgeCounters): read here, the count comes to exactly the earns, awaited with a bound.
                await(() -> workflow.asAdmin().get("/api_gateway/v1/badges/badgeMeta/" + badge).then()
                        .extract().jsonPath().getInt("data.earnedCount") == EACH, Duration.ofSeconds(10),
                        "earnedCount " + EACH);
                System.out.printf("ForwardOutageIT: forward target refused connections for %.1f s with %d approved "
                        + "requests waiting: %d of %d ended approved %.1f s after it came back, each effect applied once%n",
                        outageSeconds, requests.size(), requests.size(), requests.size(), recoverySeconds);
            } finally {
                targetApp.close();
            }
        }
    }

    private static String state(LaurelApp app, String request) {
        return as(app, "checker.outage").get(FLOW + "requests/" + request).then().statusCode(200).extract().jsonPath()
                .getString("data.state");
    }

    /** Polls until the condition holds; fails after {@code limit}. */
    private static void await(BooleanSupplier condition, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within " + limit + ": " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    private static String make(LaurelApp app, String type, Map<String, Object> body) {
        return as(app, "maker.outage").contentType(ContentType.JSON).body(body).post(FLOW + type).then().statusCode(200)
                .body("data.state", equalTo("AdminTask")).extract().jsonPath().getString("data.requestId");
    }

    private static Map<String, Object> task(String hostname, String path, Map<String, Object> body) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("hostname", hostname);
        task.put("path", path);
        task.put("method", "POST");
        task.put("queryParams", Map.of());
        task.put("body", body);
        task.put("headers", Map.of("Authorization", Tokens.basic(LaurelApp.ADMIN, LaurelApp.ADMIN_PASSWORD),
                "content-type", "application/json", "X-CAP-API-AUTH-ORG-ID", Long.toString(ORG)));
        return Map.of("entityInfo", Map.of("tillId", "1", "storeId", "2", "zoneId", "3", "conceptId", "4"),
                "payload", Map.of("IntouchAPITask-Payload", task));
    }

    private static String badge(LaurelApp app) {
        long now = Instant.now().getEpochSecond();
        return app.asAdmin().contentType(ContentType.JSON).header("X-CAP-BADGES-MIGRATION", "migration")
                .body(Map.of("name", "outage-" + UUID.randomUUID(), "startOn", now - 86_400, "expiresOn",
                        now + 86_400 * 30, "earnType", "EARN", "ownership",
                        Map.of("restrictedToOwners", List.of("Loyalty"))))
                .post("/api_gateway/v1/badges/badgeMeta").then().statusCode(201).extract().jsonPath().getString("data.id");
    }

    private static void user(LaurelApp app, String username, String role) {
        app.asAdmin().contentType(ContentType.JSON).body(Map.of("username", username, "password", "outage-pass-1",
                "roles", List.of(role))).post("/api_gateway/v1/admin/users").then().statusCode(201);
    }

    private static RequestSpecification as(LaurelApp app, String username) {
        return app.given().header("Authorization", Tokens.basic(username, "outage-pass-1"));
    }
}
