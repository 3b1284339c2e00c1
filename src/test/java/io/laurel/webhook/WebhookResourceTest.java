package io.laurel.webhook;

import static io.laurel.support.Orgs.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Webhook subscriptions over HTTP: the signing secret is shown once and kept sealed; rotation keeps the old secret
 * for the grace period; URLs outside the allow-list are refused and never connected to; bad input is a 400 that
 * changes nothing; another org, or a caller without OrgAdmin, cannot reach them.
 */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class WebhookResourceTest {

    private static final String HOOKS = "/api_gateway/v1/webhooks";
    private static final String TARGET = "http://127.0.0.1:" + MemoryStoreResource.TARGET_PORT + "/hooks/laurel?team=crm";

    @ConfigProperty(name = "quarkus.mongodb.connection-string")
    String store;

    private static ValidatableResponse create(long org, Object body) {
        return as(org).contentType(ContentType.JSON).body(body).post(HOOKS).then();
    }

    @Test
    void theSecretIsShownOnceAndKeptSealed() {
        long org = Orgs.fresh();
        var created = create(org, Map.of("url", TARGET, "eventTypes", List.of("badge.earned", "workflow.request.*")))
                .statusCode(200)
                .body("data.url", equalTo(TARGET)).body("data.active", equalTo(true))
                .body("data.eventTypes", equalTo(List.of("badge.earned", "workflow.request.*")))
                .body("data.secret", matchesPattern("whsec_[A-Za-z0-9+/]{43}="))
                .body("data.createdOnISO", notNullValue())
                .extract().jsonPath();
        String id = created.getString("data.id");
        String secret = created.getString("data.secret");

        as(org).get(HOOKS + "/" + id).then().statusCode(200).body("data.secret", nullValue())
                .body("data.url", equalTo(TARGET));
        as(org).get(HOOKS).then().statusCode(200).body("data", hasSize(1)).body("data[0].secret", nullValue());
        try (MongoClient client = MongoClients.create(store)) {
            Document stored = client.getDatabase("laurel").getCollection(WebhookDocument.COLLECTION)
                    .find(Filters.eq("_id", new ObjectId(id))).first();
            assertFalse(stored.toJson().contains(secret.substring(6)), "the secret is stored in clear");
            assertEquals(1, stored.getList("secrets", Document.class).size());
        }
    }

    @Test
    void aRotationShowsTheNewSecretOnceAndKeepsTheOldOneForTheGracePeriod() {
        long org = Orgs.fresh();
        var created = create(org, Map.of("url", TARGET, "eventTypes", List.of("*"))).statusCode(200)
                .extract().jsonPath();
        String id = created.getString("data.id");
        long before = System.currentTimeMillis() / 1000;
        var rotated = as(org).post(HOOKS + "/" + id + "/secret/rotate").then().statusCode(200)
                .body("data.secret", matchesPattern("whsec_.{44}"))
                .body("data.secret", not(equalTo(created.getString("data.secret"))))
                .extract().jsonPath();
        long expires = rotated.getLong("data.previousSecretExpiresOn");
        assertTrue(expires >= before + 86_400 && expires <= before + 86_400 + 60, "24 h grace: " + expires);
        as(org).get(HOOKS + "/" + id).then().body("data.secret", nullValue())
                .body("data.previousSecretExpiresOn", equalTo((int) expires));
        // A second rotation keeps only the one it replaces beside the new one.
        as(org).post(HOOKS + "/" + id + "/secret/rotate").then().statusCode(200);
        try (MongoClient client = MongoClients.create(store)) {
            Document stored = client.getDatabase("laurel").getCollection(WebhookDocument.COLLECTION)
                    .find(Filters.eq("_id", new ObjectId(id))).first();
            assertEquals(2, stored.getList("secrets", Document.class).size());
        }
    }

    @Test
    void urlsOutsideTheAllowListAreRefusedWithoutAConnection() throws Exception {
        long org = Orgs.fresh();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://127.0.0.1:" + port + "/hook",
                    "http://localhost:" + MemoryStoreResource.TARGET_PORT + "/hook", "http://[::1]:" + port,
                    "http://2130706433:" + port, "file:///etc/passwd", "gopher://127.0.0.1:" + port,
                    "http://user:pw@127.0.0.1:" + MemoryStoreResource.TARGET_PORT + "/hook",
                    "https://127.0.0.1:" + MemoryStoreResource.TARGET_PORT + "/hook", TARGET + "#fragment", "",
                    "not a url")) {
                create(org, Map.of("url", url, "eventTypes", List.of("*"))).statusCode(400)
                        .body("data", nullValue()).body("errors[0].code", equalTo(400))
                        .body("errors[0].reference", equalTo("url"));
            }
            assertNull(listener.accept(), "a refused URL was connected to");
        }
        as(org).get(HOOKS).then().statusCode(200).body("data", hasSize(0));
    }

    @Test
    void badInputIsA400ThatChangesNothing() {
        long org = Orgs.fresh();
        create(org, Map.of("url", TARGET, "eventTypes", List.of("badge.earnd"))).statusCode(400)
                .body("errors[0].reference", equalTo("eventTypes[0]"));
        create(org, Map.of("url", TARGET, "eventTypes", List.of())).statusCode(400)
                .body("errors[0].reference", equalTo("eventTypes"));
        create(org, Map.of("url", TARGET)).statusCode(400).body("errors[0].reference", equalTo("eventTypes"));
        create(org, Map.of("url", TARGET, "eventTypes", List.of("nothing.*"))).statusCode(400);
        create(org, Map.of("url", TARGET, "eventTypes", List.of("*"), "active", "sometimes")).statusCode(400);
        as(org).get(HOOKS).then().body("data", hasSize(0));

        String id = create(org, Map.of("url", TARGET, "eventTypes", List.of("badge.*"), "active", false))
                .statusCode(200).body("data.active", equalTo(false)).extract().jsonPath().getString("data.id");
        as(org).contentType(ContentType.JSON).body(Map.of("url", "http://169.254.169.254/"))
                .put(HOOKS + "/" + id).then().statusCode(400).body("errors[0].reference", equalTo("url"));
        as(org).contentType(ContentType.JSON).body(Map.of("active", true, "eventTypes", List.of("points.*")))
                .put(HOOKS + "/" + id).then().statusCode(200).body("data.active", equalTo(true))
                .body("data.eventTypes", equalTo(List.of("points.*"))).body("data.url", equalTo(TARGET));
        as(org).get(HOOKS + "/not-an-id").then().statusCode(404).body("errors[0].code", equalTo(404));
        as(org).get(HOOKS + "/" + new ObjectId().toHexString()).then().statusCode(404);
    }

    @Test
    void anotherOrgAndACallerWithoutOrgAdminCannotReachThem() {
        long org = Orgs.fresh();
        String id = create(org, Map.of("url", TARGET, "eventTypes", List.of("*"))).statusCode(200)
                .extract().jsonPath().getString("data.id");
        long other = Orgs.fresh();
        as(other).get(HOOKS + "/" + id).then().statusCode(404);
        as(other).delete(HOOKS + "/" + id).then().statusCode(404);
        as(other).post(HOOKS + "/" + id + "/secret/rotate").then().statusCode(404);
        as(other).get(HOOKS).then().body("data", hasSize(0));
        given().header("X-CAP-API-OAUTH-TOKEN", Tokens.valid(43, "maker", org, "CanMakeRequest"))
                .get(HOOKS).then().statusCode(403);
        given().get(HOOKS).then().statusCode(401);

        as(org).delete(HOOKS + "/" + id).then().statusCode(200);
        as(org).get(HOOKS + "/" + id).then().statusCode(404);
    }
}
