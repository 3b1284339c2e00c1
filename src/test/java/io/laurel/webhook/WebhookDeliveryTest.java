package io.laurel.webhook;

import static io.laurel.support.Orgs.as;
import static io.laurel.support.WebhookReceiver.signedBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.WebhookReceiver;
import io.laurel.support.WebhookReceiver.Received;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Deliveries to a real receiver on loopback: a signed ping the test verifies with its own HMAC code; a receiver down,
 * then failing, then back gets the message with one id on every attempt; after a rotation both secrets verify; a
 * delivery is retried on request with the same id.
 */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class WebhookDeliveryTest {

    private static final String HOOKS = "/api_gateway/v1/webhooks";
    private static final String PATH = "/hooks/laurel?team=crm";

    @Inject
    Deliveries deliveries;

    private static JsonPath subscribe(long org) {
        return as(org).contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:"
                + MemoryStoreResource.TARGET_PORT + PATH, "eventTypes", List.of("*"))).post(HOOKS).then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void aPingIsSignedAsTheStandardWebhooksConventionsSay() throws Exception {
        long org = Orgs.fresh();
        JsonPath hook = subscribe(org);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonPath delivery = as(org).post(HOOKS + "/" + hook.getString("data.id") + "/test").then().statusCode(200)
                    .body("data.state", equalTo("DELIVERED")).body("data.lastStatus", equalTo(204))
                    .body("data.eventType", equalTo("webhook.ping")).extract().jsonPath();
            assertEquals(1, receiver.got.size());
            Received message = receiver.got.get(0);
            assertEquals(PATH, message.target());
            assertEquals(delivery.getString("data.id"), message.headers().get("webhook-id"));
            long timestamp = Long.parseLong(message.headers().get("webhook-timestamp"));
            assertTrue(Math.abs(timestamp - System.currentTimeMillis() / 1000) < 60, "timestamp " + timestamp);
            assertTrue(signedBy(hook.getString("data.secret"), message), message.toString());
            JsonPath body = new JsonPath(message.body());
            assertEquals("webhook.ping", body.getString("type"));
            assertEquals(hook.getString("data.id"), body.getString("data.webhookId"));
        }
    }

    @Test
    void aReceiverDownThenFailingThenBackGetsTheMessageWithOneId() throws Exception {
        long org = Orgs.fresh();
        JsonPath hook = subscribe(org);
        String id = hook.getString("data.id");
        String delivery = as(org).post(HOOKS + "/" + id + "/test").then().statusCode(200)
                .body("data.state", equalTo("PENDING")).body("data.attempts", equalTo(1))
                .body("data.lastStatus", equalTo(0)).extract().jsonPath().getString("data.id");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.status = 503;
            deliveries.drain(1).await().atMost(Duration.ofSeconds(30));
            receiver.status = 204;
            deliveries.drain(10).await().atMost(Duration.ofSeconds(30));
            assertEquals(2, receiver.got.size(), "the 503 and the delivery");
            for (Received message : receiver.got) {
                assertEquals(delivery, message.headers().get("webhook-id"));
                assertTrue(signedBy(hook.getString("data.secret"), message));
            }
        }
        as(org).get(HOOKS + "/" + id + "/deliveries").then().statusCode(200).body("data", hasSize(1))
                .body("data[0].id", equalTo(delivery)).body("data[0].state", equalTo("DELIVERED"))
                .body("data[0].attempts", equalTo(3)).body("data[0].lastStatus", equalTo(204));
    }

    @Test
    void afterARotationBothSecretsVerifyAndARetryKeepsTheId() throws Exception {
        long org = Orgs.fresh();
        JsonPath hook = subscribe(org);
        String id = hook.getString("data.id");
        String next = as(org).post(HOOKS + "/" + id + "/secret/rotate").then().statusCode(200).extract().jsonPath()
                .getString("data.secret");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String delivery = as(org).post(HOOKS + "/" + id + "/test").then().body("data.state", equalTo("DELIVERED"))
                    .extract().jsonPath().getString("data.id");
            Received message = receiver.got.get(0);
            assertEquals(2, message.headers().get("webhook-signature").split(" ").length);
            assertTrue(signedBy(hook.getString("data.secret"), message), "the old secret, in its grace period");
            assertTrue(signedBy(next, message), "the new secret");

            as(org).post(HOOKS + "/" + id + "/deliveries/" + delivery + "/retry").then().statusCode(200)
                    .body("data.state", equalTo("PENDING"));
            as(org).post(HOOKS + "/" + id + "/deliveries/" + delivery + "/retry").then().statusCode(409);
            deliveries.drain(10).await().atMost(Duration.ofSeconds(30));
            assertEquals(2, receiver.got.size());
            assertEquals(delivery, receiver.got.get(1).headers().get("webhook-id"));
            as(Orgs.fresh()).post(HOOKS + "/" + id + "/deliveries/" + delivery + "/retry").then().statusCode(404);
        }
    }

    /**
     * A secret sealed under another key (as after LAUREL_WORKFLOW_ENCRYPTION_KEY changed) cannot sign: the ping's
     * delivery ends FAILED with the reason, nothing is sent, and a rotation (which drops the unopenable secret) makes
     * the webhook sign again. Neither answer is a 500.
     */
    @Test
    void aSecretThatCannotBeOpenedFailsItsDeliveryAndARotationMendsIt() throws Exception {
        long org = Orgs.fresh();
        String id = subscribe(org).getString("data.id");
        try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(
                ConfigProvider.getConfig()
                        .getValue("quarkus.mongodb.connection-string", String.class))) {
            // Test data: the sealed secret replaced by bytes no key of this service opens.
            client.getDatabase("laurel").getCollection(WebhookDocument.COLLECTION).updateOne(
                    com.mongodb.client.model.Filters.eq("_id", new ObjectId(id)),
                    com.mongodb.client.model.Updates.set("secrets.0.sealed",
                            Base64.getEncoder().encodeToString(new byte[48])));
        }
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            as(org).post(HOOKS + "/" + id + "/test").then().statusCode(200).body("data.state", equalTo("FAILED"))
                    .body("data.lastAnswer", containsString("rotate it"));
            assertEquals(0, receiver.got.size());
            String next = as(org).post(HOOKS + "/" + id + "/secret/rotate").then().statusCode(200)
                    .body("data.previousSecretExpiresOn", nullValue())
                    .extract().jsonPath().getString("data.secret");
            as(org).post(HOOKS + "/" + id + "/test").then().statusCode(200).body("data.state", equalTo("DELIVERED"));
            Received message = receiver.got.get(0);
            assertEquals(1, message.headers().get("webhook-signature").split(" ").length);
            assertTrue(signedBy(next, message));
        }
    }
}
