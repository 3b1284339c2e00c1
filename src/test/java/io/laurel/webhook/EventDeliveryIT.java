package io.laurel.webhook;

import static io.laurel.support.WebhookReceiver.signedBy;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.laurel.support.LaurelApp;
import io.laurel.support.WebhookReceiver;
import io.laurel.support.WebhookReceiver.Received;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The packaged service and a receiver on loopback: an earn acknowledged just before {@code kill -9} (the instance
 * never published it) is delivered by the restarted service; two instances on one store deliver every event once,
 * never the same message at the same time.
 */
class EventDeliveryIT {

    @TempDir
    Path dataDir;

    @Test
    void anEarnAcknowledgedRightBeforeKill9IsDeliveredAfterTheRestart() throws Exception {
        int port = LaurelApp.freePort();
        Map<String, String> env = new HashMap<>(Map.of("LAUREL_DATA_DIR", dataDir.toString(),
                "LAUREL_WEBHOOKS_ALLOWED_ORIGINS", "http://127.0.0.1:" + port));
        String secret;
        String earned;
        // This instance publishes nothing (its outbox is off): whatever it acknowledges is in the store only.
        env.put("LAUREL_WEBHOOKS_POLL_INTERVAL", "off");
        try (LaurelApp app = LaurelApp.start(env)) {
            secret = subscribe(app, port).getString("data.secret");
            earned = earn(app, badge(app), customer(app));
            app.kill();
        }
        env.put("LAUREL_WEBHOOKS_POLL_INTERVAL", "1s");
        try (WebhookReceiver receiver = new WebhookReceiver(port); LaurelApp restarted = LaurelApp.start(env)) {
            awaitUntil(() -> !receiver.got.isEmpty(), restarted);
            Received message = receiver.got.get(0);
            JsonPath body = new JsonPath(message.body());
            assertEquals("badge.earned", body.getString("type"));
            assertEquals(earned, body.getString("data.earnedBadgeId"));
            assertTrue(signedBy(secret, message), message.toString());
            assertEquals(1, receiver.got.size(), receiver.got.toString());
        }
    }

    @Test
    void twoInstancesOnOneStoreDeliverEveryEventOnceAndNeverAtTheSameTime() throws Exception {
        int port = LaurelApp.freePort();
        int storePort = LaurelApp.freePort();
        String origin = "http://127.0.0.1:" + port;
        try (WebhookReceiver receiver = new WebhookReceiver(port);
                LaurelApp first = LaurelApp.start(Map.of("LAUREL_DATA_DIR", dataDir.toString(),
                        "LAUREL_STORE_PORT", Integer.toString(storePort), "LAUREL_WEBHOOKS_ALLOWED_ORIGINS", origin));
                LaurelApp second = LaurelApp.start(Map.of("LAUREL_DATA_DIR", dataDir.toString(),
                        "QUARKUS_MONGODB_CONNECTION_STRING", LaurelApp.store(storePort),
                        "LAUREL_WEBHOOKS_ALLOWED_ORIGINS", origin))) {
            // A slow receiver: a message sent by both instances at once would overlap here.
            receiver.answerMillis = 40;
            JsonPath hook = subscribe(first, port);
            String badge = badge(first);
            List<String> earned = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                LaurelApp app = i % 2 == 0 ? first : second;
                earned.add(earn(app, badge, customer(app)));
            }
            awaitUntil(() -> receiver.got.size() >= earned.size(), first);
            assertEquals(List.of(), receiver.overlapping, "no message sent by two instances at once");
            Set<String> ids = receiver.got.stream().map(Received::id).collect(Collectors.toSet());
            assertEquals(receiver.got.size(), ids.size(), "each message once");
            assertEquals(Set.copyOf(earned), receiver.got.stream()
                    .map(m -> new JsonPath(m.body()).getString("data.earnedBadgeId")).collect(Collectors.toSet()));
            for (Received message : receiver.got) {
                assertTrue(signedBy(hook.getString("data.secret"), message));
            }
            JsonPath log = first.asAdmin().get("/api_gateway/v1/webhooks/" + hook.getString("data.id") + "/deliveries")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(60, log.getList("data").size());
            assertEquals(List.of(1), log.getList("data.attempts").stream().distinct().toList(), "one attempt each");
            long byFirst = delivered(first);
            long bySecond = delivered(second);
            assertEquals(60, byFirst + bySecond);
            assertTrue(byFirst > 0 && bySecond > 0, "both instances delivered: " + byFirst + " / " + bySecond);
        }
    }

    private static long delivered(LaurelApp app) {
        return app.output().lines().filter(line -> line.contains("DELIVERED after")).count();
    }

    private static void awaitUntil(BooleanSupplier done, LaurelApp app) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not delivered in time; the service said:\n" + app.tail());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static JsonPath subscribe(LaurelApp app, int port) {
        return app.asAdmin().contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:" + port + "/events",
                "eventTypes", List.of("badge.earned"))).post("/api_gateway/v1/webhooks").then().statusCode(200)
                .extract().jsonPath();
    }

    private static long customer(LaurelApp app) {
        return app.asAdmin().contentType(ContentType.JSON).body(Map.of("externalId", "it-" + UUID.randomUUID()))
                .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath().getLong("data.customerId");
    }

    private static String badge(LaurelApp app) {
        long now = Instant.now().getEpochSecond();
        return app.asAdmin().contentType(ContentType.JSON).header("X-CAP-BADGES-MIGRATION", "migration")
                .body(Map.of("name", "it-" + UUID.randomUUID(), "startOn", now - 86_400, "expiresOn",
                        now + 86_400 * 30, "earnType", "EARN", "ownership", Map.of("restrictedToOwners",
                                List.of("Loyalty"), "claims", List.of(Map.of("ownerType", "Loyalty", "referenceId", "it")))))
                .post("/api_gateway/v1/badges/badgeMeta").then().statusCode(201).extract().jsonPath().getString("data.id");
    }

    private static String earn(LaurelApp app, String badge, long customer) {
        return app.asAdmin().contentType(ContentType.JSON).body(Map.of("badgeMetaId", badge, "customerId", customer,
                "requestId", UUID.randomUUID().toString(), "triggeredBy",
                Map.of("ownerType", "Loyalty", "referenceId", "it"))).post("/api_gateway/v1/badges/customer/earn")
                .then().statusCode(200).extract().jsonPath().getString("data.earnedBadgeId");
    }
}
