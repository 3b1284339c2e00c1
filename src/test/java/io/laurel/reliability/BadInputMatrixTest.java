package io.laurel.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A generated matrix of malformed requests over every write endpoint: each field removed, null, of the wrong type,
 * huge, a Mongo operator, unicode and control characters, negative, overflowing; plus broken bodies and ids.
 * None may answer 5xx, every failure must come in the envelope, and a refused request must leave the store as it was.
 */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class BadInputMatrixTest {

    static final ObjectMapper JSON = new ObjectMapper();

    record Endpoint(String method, String path, Map<String, Object> body) {
    }

    private StoreSnapshot store;
    private Map<String, String> last;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void noMalformedRequestAnswers5xxAndARefusedOneWritesNothing() throws Exception {
        long org = Orgs.fresh();
        String token = Tokens.valid(42, "loyalty.team", org, "OrgAdmin", "CanMakeRequest", "CanCheckRequest");
        long customer = Orgs.as(org).contentType("application/json").body(Map.of("externalId", "m-" + org))
                .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath().getLong("data.customerId");
        long now = Instant.now().getEpochSecond();
        String badge = Orgs.as(org).contentType("application/json").header("X-CAP-BADGES-MIGRATION", "migration")
                .body(Map.of("name", "matrix", "startOn", now - 86_400, "expiresOn", now + 86_400 * 9,
                        "earnType", "ISSUE_EARN", "ownership", Map.of("restrictedToOwners", List.of("Loyalty"))))
                .post("/api_gateway/v1/badges/badgeMeta").then().statusCode(201).extract().jsonPath().getString("data.id");
        String group = Orgs.as(org).contentType("application/json").body(Map.of("name", "g", "rank", 1))
                .post("/api_gateway/v1/badges/group").then().statusCode(200).extract().jsonPath().getString("data.id");
        Map<String, Object> trigger = Map.of("ownerType", "Loyalty", "referenceId", "r");
        Map<String, Object> goodwill = map("referenceId", "g-1", "reason", "r", "baseType", "POINTS", "programId", 1,
                "awardingTillId", 1, "earningEntityType", "CUSTOMER", "earningEntityId", customer, "points", 5,
                "source", "API");

        store = new StoreSnapshot(org);
        last = store.take();

        List<Endpoint> endpoints = List.of(
                new Endpoint("POST", "/v3/oauth/token/generate", map("key", "nobody", "secret", "nothing-1")),
                new Endpoint("POST", "/api_gateway/v1/admin/users", map("username", "u-" + org, "password", "password-1",
                        "roles", List.of("CanMakeRequest"), "email", "u@example.com")),
                new Endpoint("POST", "/api_gateway/v1/customers", map("firstName", "A", "email", "a@example.com",
                        "mobile", "+1 555 0100", "externalId", "e", "cardNumber", "c")),
                new Endpoint("POST", "/api_gateway/v1/badges/group", map("name", "n", "rank", 2)),
                new Endpoint("PUT", "/api_gateway/v1/badges/group/" + group, map("name", "n2", "rank", 3, "isActive", true)),
                new Endpoint("POST", "/api_gateway/v1/badges/badgeMeta", map("name", "b", "startOn", now + 86_400,
                        "expiresOn", now + 86_400 * 2, "earnType", "EARN", "ownership",
                        Map.of("restrictedToOwners", List.of("Loyalty")), "customerConstraints",
                        List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit", 1)),
                        "customFields", Map.of("k", "v"), "badgeRank", 1)),
                new Endpoint("PUT", "/api_gateway/v1/badges/badgeMeta", map("id", badge, "description", "d",
                        "badgeGroupId", group)),
                new Endpoint("POST", "/api_gateway/v1/badges/badgeMeta/" + badge + "/claim",
                        map("ownerType", "Loyalty", "referenceId", "x")),
                new Endpoint("POST", "/api_gateway/v1/badges/badgeMeta/customer/issueBulk", map("badgeMetaId", badge,
                        "triggeredBy", trigger, "customers", List.of(customer), "requestId", "i-1",
                        "issueEventDate", now)),
                new Endpoint("POST", "/api_gateway/v1/badges/badgeMeta/customer/revokeIssue",
                        map("badgeMetaId", badge, "customers", List.of(customer))),
                new Endpoint("POST", "/api_gateway/v1/badges/customer/earn", map("badgeMetaId", badge, "customerId",
                        customer, "requestId", "e-1", "triggeredBy", trigger, "earnEventDate", now)),
                new Endpoint("POST", "/api_gateway/v1/badges/customer/earnBulk", map("badgeMetaId", badge,
                        "customerIds", List.of(customer), "requestId", "eb-1", "triggeredBy", trigger)),
                new Endpoint("POST", "/api_gateway/v1/badges/customer/revokeEarn", map("badgeMetaId", badge,
                        "customerId", customer, "earnedBadgeId", "0123456789abcdef01234567")),
                new Endpoint("POST", "/internal/goodwill/", goodwill),
                new Endpoint("POST", "/api_gateway/v2/request-workflow/GOODWILL-POINTS", map("entityInfo",
                        map("tillId", "1", "storeId", "2", "zoneId", "3", "conceptId", "4"), "payload",
                        map("IntouchAPITask-Payload", map("hostname", "", "path", "/internal/goodwill/", "method", "POST",
                                "body", goodwill, "headers", map("Authorization", "Bearer " + token))))),
                new Endpoint("PUT", "/api_gateway/v2/request-workflow/GOODWILL-POINTS", map("requestId",
                        UUID.randomUUID().toString(), "actionName", "AdminTask", "payload",
                        map("AdminTask-Payload", map("actionDecision", "rejected")))));

        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Endpoint endpoint : endpoints) {
            for (String body : mutations(endpoint.body)) {
                sent++;
                check(failures, endpoint.method, endpoint.path, body, token);
            }
            for (String broken : List.of("", "{", "[]", "null", "42", "\"text\"", "{\"a\":}", "{}{}", "\u0000",
                    "{\"x\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}")) {
                sent++;
                check(failures, endpoint.method, endpoint.path, broken, token);
            }
        }
        for (String id : List.of("x", "%20", "0123456789abcdef0123456", "zzzzzzzzzzzzzzzzzzzzzzzz", "%E2%98%83",
                "9".repeat(400), "-1", "1e9", "$gt", "%00")) {
            for (String path : List.of("/api_gateway/v1/badges/badgeMeta/" + id, "/api_gateway/v1/badges/group/" + id,
                    "/api_gateway/v1/customers/" + id, "/api_gateway/v1/badges/customer/" + id,
                    "/api_gateway/v1/points/customer/" + id, "/api_gateway/v2/request-workflow/requests/" + id,
                    "/api_gateway/v1/badges/badgeMeta?status=" + id + "&page=" + id,
                    "/api_gateway/v1/badges/customer/" + customer + "?limit=" + id + "&badgeType=" + id)) {
                sent++;
                check(failures, "GET", path, null, token);
            }
        }
        for (String header : List.of("émail", "mobile\t", "EXTERNALID", "", "cardNumber cardNumber")) {
            sent++;
            Response response = given().header("X-CAP-API-OAUTH-TOKEN", token).header("X-CAP-CUSTOMER-IDENTIFIER", header)
                    .get("/api_gateway/v1/customers/" + customer);
            verify(failures, "identifier header " + header, response);
            unchangedIfRefused(failures, "identifier header " + header, response);
        }
        assertTrue(sent >= 200, "the matrix sends at least 200 requests: " + sent);
        assertEquals(List.of(), failures, failures.size() + " of " + sent + " requests misbehaved");
    }

    private void check(List<String> failures, String method, String path, String body, String token) {
        var request = given().header("X-CAP-API-OAUTH-TOKEN", token).contentType("application/json");
        if (body != null) {
            request.body(body);
        }
        Response response = request.request(method, path);
        String what = method + " " + path + " " + (body == null ? "" : abbreviate(body));
        verify(failures, what, response);
        unchangedIfRefused(failures, what, response);
    }

    /** A refused request writes nothing: the org's documents and the org-less ones are as they were before it. */
    private void unchangedIfRefused(List<String> failures, String what, Response response) {
        Map<String, String> now = store.take();
        if (response.statusCode() >= 400 && !now.equals(last)) {
            Map<String, String> changed = new TreeMap<>(now);
            changed.entrySet().removeIf(e -> e.getValue().equals(last.get(e.getKey())));
            failures.add(response.statusCode() + " but the store changed (" + changed.keySet() + ") for " + what);
        }
        last = now;
    }

    private static void verify(List<String> failures, String what, Response response) {
        int status = response.statusCode();
        if (status >= 500) {
            failures.add(status + " for " + what + ": " + abbreviate(response.asString()));
            return;
        }
        if (status >= 400) {
            try {
                JsonNode envelope = JSON.readTree(response.asString());
                if (!envelope.has("data") || !envelope.get("data").isNull() || !envelope.path("errors").isArray()
                        || envelope.path("errors").isEmpty() || !envelope.path("errors").get(0).has("code")) {
                    failures.add("not the envelope for " + what + ": " + abbreviate(response.asString()));
                }
            } catch (Exception e) {
                failures.add("not JSON for " + what + ": " + abbreviate(response.asString()));
            }
        }
    }

    /** The body with each field, in turn, removed, nulled, mistyped, huge, an operator, odd text or odd numbers. */
    static List<String> mutations(Map<String, Object> body) throws Exception {
        List<Object> replacements = new ArrayList<>();
        replacements.add(null);
        replacements.add(Map.of("$gt", ""));
        replacements.add(List.of(1, 2));
        replacements.add("x".repeat(100_000));
        replacements.add("\u202e\u0007\ud83d\ude00\u0000");
        replacements.add(-1);
        replacements.add(new BigDecimal("1e40"));
        replacements.add(true);
        replacements.add(Map.of("nested", Map.of("deeper", List.of(Map.of()))));
        List<String> bodies = new ArrayList<>();
        for (String field : body.keySet()) {
            Map<String, Object> removed = new LinkedHashMap<>(body);
            removed.remove(field);
            bodies.add(JSON.writeValueAsString(removed));
            for (Object replacement : replacements) {
                Map<String, Object> changed = new LinkedHashMap<>(body);
                changed.put(field, replacement);
                bodies.add(JSON.writeValueAsString(changed));
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>(body);
        extra.put("unexpected", Map.of("$where", "sleep(1000)"));
        bodies.add(JSON.writeValueAsString(extra));
        return bodies;
    }

    static Map<String, Object> map(Object... entries) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], entries[i + 1]);
        }
        return map;
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
