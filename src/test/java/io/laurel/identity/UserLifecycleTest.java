package io.laurel.identity;

import static io.laurel.identity.IdentityResourceTest.USERS;
import static io.laurel.identity.IdentityResourceTest.asAdmin;
import static io.laurel.identity.IdentityResourceTest.createUser;
import static io.laurel.identity.IdentityResourceTest.token;
import static io.laurel.identity.IdentityResourceTest.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.laurel.common.LaurelConfig;
import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Tokens follow their user; users change and deactivate; passwords are guarded against guessing. */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class UserLifecycleTest {

    @Inject
    UserStates states;

    @Inject
    LaurelConfig config;

    @ConfigProperty(name = "quarkus.mongodb.connection-string")
    String store;

    static RequestSpecification withToken(String token) {
        return given().header("X-CAP-API-OAUTH-TOKEN", token);
    }

    /** An OrgAdmin of a fresh org who has signed in: a token from the token endpoint, which works. */
    record Admin(long org, String username, String password, long userId, String token) {
        static Admin signedIn(String prefix) {
            long org = Orgs.fresh();
            String username = unique(prefix);
            String password = prefix + "-pass-1";
            long userId = createUser(username, password, org, "OrgAdmin");
            String token = IdentityResourceTest.token(username, password);
            withToken(token).get(USERS).then().statusCode(200);
            return new Admin(org, username, password, userId, token);
        }
    }

    @Test
    void aDeactivatedUsersTokensAndBasicLoginsGet401AndTheRecordStays() {
        Admin leaver = Admin.signedIn("leaver");
        long org = leaver.org();
        String username = leaver.username();
        long userId = leaver.userId();
        String token = leaver.token();

        asAdmin().delete(USERS + "/" + userId).then().statusCode(200).body("data.active", equalTo(false));

        withToken(token).get(USERS).then().statusCode(401).body("errors[0].code", equalTo(401));
        given().header("Authorization", "Bearer " + token).get("/api_gateway/v1/customers/1").then().statusCode(401);
        given().header("Authorization", Tokens.basic(username, leaver.password())).get(USERS).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("key", username, "secret", leaver.password()))
                .post(IdentityResourceTest.TOKEN).then().statusCode(401);
        asAdmin().queryParam("size", "100").get(USERS).then().statusCode(200);
        // Kept for audit, and shown as inactive to the org's admins.
        String admin = createOrgAdmin(org);
        given().header("Authorization", admin).get(USERS).then().statusCode(200)
                .body("data.users.find { it.userId == " + userId + " }.active", equalTo(false));
        // Activated again: a new login works, the tokens from before the deactivation stay void.
        asAdmin().contentType(ContentType.JSON).body(Map.of("active", true)).put(USERS + "/" + userId).then()
                .statusCode(200).body("data.active", equalTo(true));
        given().header("Authorization", Tokens.basic(username, leaver.password())).get(USERS).then().statusCode(200);
        withToken(token).get(USERS).then().statusCode(401);
    }

    @Test
    void roleChangesApplyToTokensAlreadyIssued() {
        Admin shifter = Admin.signedIn("shifter");
        long userId = shifter.userId();
        String token = shifter.token();

        asAdmin().contentType(ContentType.JSON).body(Map.of("roles", List.of("CanCheckRequest"), "email", "s@example.com"))
                .put(USERS + "/" + userId).then().statusCode(200)
                .body("data.roles", equalTo(List.of("CanCheckRequest"))).body("data.email", equalTo("s@example.com"));
        withToken(token).get(USERS).then().statusCode(403);
        asAdmin().contentType(ContentType.JSON).body(Map.of("roles", List.of("OrgAdmin"))).put(USERS + "/" + userId)
                .then().statusCode(200);
        withToken(token).get(USERS).then().statusCode(200);
    }

    @Test
    void aChangeMadeByAnotherReplicaAppliesOnTheNextRefreshWithoutAReadPerRequest() {
        Admin remote = Admin.signedIn("remote");
        long userId = remote.userId();
        String token = remote.token();
        try (MongoClient client = MongoClients.create(store)) {
            // What another replica's DELETE writes.
            Date now = new Date();
            client.getDatabase("laurel").getCollection("users").updateOne(Filters.eq("userId", userId),
                    Updates.combine(Updates.set("deactivatedOn", now), Updates.inc("tokenVersion", 1),
                            Updates.set("updatedOn", now)));
        }
        // Tokens are checked against what this replica knows, not against the database on every request.
        withToken(token).get(USERS).then().statusCode(200);
        states.refresh().await().atMost(Duration.ofSeconds(10));
        withToken(token).get(USERS).then().statusCode(401);
        assertTrue(config.identity().refresh().compareTo(Duration.ofSeconds(30)) <= 0);
    }

    @Test
    void aUserChangesTheirOwnPasswordAndOlderTokensStop() {
        String username = unique("changer");
        createUser(username, "old-pass-123", Orgs.fresh());
        String old = token(username, "old-pass-123");
        withToken(old).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "not-the-one", "newPassword", "new-pass-456"))
                .put("/api_gateway/v1/users/me/password").then().statusCode(400)
                .body("errors[0].reference", equalTo("currentPassword"));
        withToken(old).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "old-pass-123", "newPassword", "new-pass-456"))
                .put("/api_gateway/v1/users/me/password").then().statusCode(200).body("data.username", equalTo(username));
        withToken(old).get("/api_gateway/v1/customers/1").then().statusCode(401);
        given().header("Authorization", Tokens.basic(username, "old-pass-123")).get("/api_gateway/v1/customers/1")
                .then().statusCode(401);
        String fresh = token(username, "new-pass-456");
        withToken(fresh).get("/api_gateway/v1/customers/1").then().statusCode(404);
    }

    @Test
    void aUserWithoutRolesIsAPlainApiUser() {
        long org = Orgs.fresh();
        String username = unique("plain");
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "plain-pass-1", "roles", List.of(), "orgId", org))
                .post(USERS).then().statusCode(201).body("data.roles", equalTo(List.of()));
        String token = token(username, "plain-pass-1");
        withToken(token).contentType(ContentType.JSON).body(Map.of("externalId", "plain-" + org))
                .post("/api_gateway/v1/customers").then().statusCode(201);
        withToken(token).get(USERS).then().statusCode(403);
    }

    @Test
    void repeatedWrongPasswordsLockTheUsernameWith429UntilTheWindowPasses() {
        String username = unique("guessed");
        createUser(username, "the-right-one", Orgs.fresh());
        int limit = config.identity().maxFailedLogins();
        for (int i = 0; i < limit; i++) {
            given().header("Authorization", Tokens.basic(username, "guess-" + i)).get(USERS).then().statusCode(401);
        }
        Response locked = given().header("Authorization", Tokens.basic(username, "guess-x")).get(USERS);
        locked.then().statusCode(429).body("data", equalTo(null)).body("errors[0].code", equalTo(429));
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= config.identity().loginWindow().toSeconds() + 1, "" + retryAfter);
        // The right password waits too, on the token endpoint as on Basic.
        given().contentType(ContentType.JSON).body(Map.of("key", username, "secret", "the-right-one"))
                .post(IdentityResourceTest.TOKEN).then().statusCode(429).header("Retry-After", notNullValue());
        // Another username is not affected.
        asAdmin().get(USERS).then().statusCode(200);
        try (MongoClient client = MongoClients.create(store)) {
            // The window has passed (moved into the past rather than waited for).
            client.getDatabase("laurel").getCollection(LoginThrottle.COLLECTION).updateOne(Filters.eq("_id", username),
                    Updates.set("since", Date.from(Instant.now().minus(config.identity().loginWindow()).minusSeconds(1))));
        }
        token(username, "the-right-one");
        given().header("Authorization", Tokens.basic(username, "the-right-one")).get("/api_gateway/v1/customers/1")
                .then().statusCode(404);
    }

    @Test
    void thePlatformsBasicFormWithTheMd5OfThePasswordWorksAsWellAsThePassword() throws Exception {
        String username = unique("till");
        createUser(username, "till-pass-1", Orgs.fresh());
        String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest("till-pass-1".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        given().header("Authorization", Tokens.basic(username, "till-pass-1")).get("/api_gateway/v1/customers/1").then()
                .statusCode(404);
        given().header("Authorization", Tokens.basic(username, md5)).get("/api_gateway/v1/customers/1").then()
                .statusCode(404);
        given().header("Authorization", Tokens.basic(username, md5.toUpperCase())).get("/api_gateway/v1/customers/1")
                .then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("key", username, "secret", md5))
                .post(IdentityResourceTest.TOKEN).then().statusCode(200);
        String otherMd5 = md5.substring(1) + (md5.charAt(0) == 'a' ? "b" : "a");
        given().header("Authorization", Tokens.basic(username, otherMd5)).get("/api_gateway/v1/customers/1").then()
                .statusCode(401);
    }

    @Test
    void aBasicClientOpeningManyRequestsAtOnceCostsOneCheckAndGetsNo429() throws Exception {
        String username = unique("burst");
        createUser(username, "burst-pass-1", Orgs.fresh());
        String basic = Tokens.basic(username, "burst-pass-1");
        // More at once than the password-check queue holds: they share one check of the same credentials.
        List<Integer> statuses = io.laurel.support.Parallel.run(3 * config.identity().passwordCheckQueue(),
                i -> given().header("Authorization", basic).get("/api_gateway/v1/customers/1").statusCode());
        assertTrue(statuses.stream().allMatch(s -> s == 404), statuses.toString());
    }

    @Test
    void aFloodOfWrongPasswordsLeavesTokenRequestsFast() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + MemoryStoreResource.HTTP_PORT;
        HttpRequest bearer = HttpRequest.newBuilder(URI.create(base + "/api_gateway/v1/customers/1"))
                .header("X-CAP-API-OAUTH-TOKEN", Tokens.valid(42, "timer", Orgs.fresh(), "OrgAdmin")).build();
        for (int i = 0; i < 200; i++) {
            assertEquals(404, http.send(bearer, HttpResponse.BodyHandlers.discarding()).statusCode()); // warm-up
        }
        double idle = medianMillis(http, bearer, 100);
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        int flooders = 16;
        ExecutorService pool = Executors.newFixedThreadPool(flooders);
        try {
            for (int t = 0; t < flooders; t++) {
                int thread = t;
                pool.submit(() -> {
                    for (int n = 0; flooding.get() && n < 5_000; n++) {
                        // A fresh username each time: the flood is not stopped by the per-username lock.
                        HttpRequest guess = HttpRequest.newBuilder(URI.create(base + USERS))
                                .header("Authorization", Tokens.basic("flood-" + thread + "-" + n, "wrong")).build();
                        int status = http.send(guess, HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 429 ? refused : wrong).incrementAndGet();
                    }
                    return null;
                });
            }
            while (wrong.get() < 4) {
                Thread.onSpinWait(); // until the flood keeps the password checks busy
            }
            double flooded = medianMillis(http, bearer, 100);
            System.out.printf("Bearer GET median: idle %.2f ms, under a flood of %d wrong-password clients %.2f ms "
                    + "(%.2fx); flood meanwhile: %d checked (401), %d refused at once (429)%n", idle, flooders, flooded,
                    flooded / idle, wrong.get(), refused.get());
            assertTrue(flooded <= 2 * idle, "Bearer median " + flooded + " ms under the flood, idle " + idle);
        } finally {
            flooding.set(false);
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    private static double medianMillis(HttpClient http, HttpRequest request, int n) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            assertEquals(404, http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
            times.add((System.nanoTime() - t0) / 1e6);
        }
        times.sort(Double::compare);
        return times.get(n / 2);
    }

    @Test
    void tokensNeedTheAudienceALimitedLifetimeAndLittleClockSkew() {
        long org = Orgs.fresh();
        String[] roles = { "OrgAdmin" };
        withToken(Tokens.valid(5, "aud", org, roles)).get(USERS).then().statusCode(200);
        withToken(Tokens.claims(5, "aud", org, roles).audience("someone-else").sign()).get(USERS).then().statusCode(401);
        withToken(Tokens.claims(5, "aud", org, roles).audience(java.util.Set.of()).sign()).get(USERS).then()
                .statusCode(401);
        Instant now = Instant.now();
        withToken(Tokens.claims(5, "aud", org, roles).issuedAt(now).expiresAt(now.plus(Duration.ofHours(5))).sign())
                .get(USERS).then().statusCode(401);
        withToken(Tokens.claims(5, "aud", org, roles).issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(20))
                .sign()).get(USERS).then().statusCode(401);
        // The tokens Laurel issues carry the audience.
        String issued = token(MemoryStoreResource.ADMIN, MemoryStoreResource.ADMIN_PASSWORD);
        assertEquals("laurel", new io.restassured.path.json.JsonPath(IdentityResourceTest.decode(issued.split("\\.")[1]))
                .getString("aud"));
    }

    @Test
    void anOrgAdminCannotChangeUsersOfAnotherOrgNorDeactivateThemselves() {
        long org = Orgs.fresh();
        String admin = createOrgAdmin(org);
        long stranger = createUser(unique("stranger"), "stranger-pass", Orgs.fresh(), "CanMakeRequest");
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("roles", List.of("OrgAdmin")))
                .put(USERS + "/" + stranger).then().statusCode(404);
        given().header("Authorization", admin).delete(USERS + "/" + stranger).then().statusCode(404);
        long self = given().header("Authorization", admin).get(USERS).then().extract().jsonPath()
                .getLong("data.users[0].userId");
        given().header("Authorization", admin).delete(USERS + "/" + self).then().statusCode(400);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("roles", List.of("PlatformAdmin")))
                .put(USERS + "/" + self).then().statusCode(403);
        given().header("Authorization", admin).delete(USERS + "/abc").then().statusCode(400);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of())
                .put(USERS + "/" + self).then().statusCode(400);
        given().header("Authorization", admin).get(USERS).then().body("data.users.active", hasItem(true));
    }

    private static String createOrgAdmin(long org) {
        String username = unique("orgadmin");
        createUser(username, "org-admin-pass", org, "OrgAdmin");
        return Tokens.basic(username, "org-admin-pass");
    }
}
