package io.laurel.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Every authenticated endpoint against every kind of bad credential, another org's header, and another org's ids. */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class AuthMatrixTest {

    record Call(String method, String path, Object body) {
    }

    @Test
    void everyEndpointDeniesBadCredentialsOtherOrgsAndMissingRoles() {
        long org = Orgs.fresh();
        long customer = Orgs.as(org).contentType("application/json").body(Map.of("email", "secret.holder." + org + "@example.com"))
                .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath().getLong("data.customerId");
        long now = Instant.now().getEpochSecond();
        String badge = Orgs.as(org).contentType("application/json").header("X-CAP-BADGES-MIGRATION", "migration")
                .body(Map.of("name", "Confidential " + org, "startOn", now - 86_400, "expiresOn", now + 86_400 * 9,
                        "earnType", "EARN", "ownership", Map.of("restrictedToOwners", List.of("Loyalty"))))
                .post("/api_gateway/v1/badges/badgeMeta").then().statusCode(201).extract().jsonPath().getString("data.id");
        String group = Orgs.as(org).contentType("application/json").body(Map.of("name", "Private " + org, "rank", 1))
                .post("/api_gateway/v1/badges/group").then().statusCode(200).extract().jsonPath().getString("data.id");
        String requestId = Orgs.as(org).contentType("application/json").body(Map.of(
                "entityInfo", Map.of("tillId", "1", "storeId", "2", "zoneId", "3", "conceptId", "4"),
                "payload", Map.of("IntouchAPITask-Payload", Map.of("hostname", "", "path", "/internal/goodwill/",
                        "method", "POST", "headers", Map.of("Authorization", "Bearer " + Tokens.valid(42, "t", org, "OrgAdmin")),
                        "body", Map.of("referenceId", "r-" + org, "reason", "r", "baseType", "POINTS", "programId", 1,
                                "awardingTillId", 1, "earningEntityType", "CUSTOMER", "earningEntityId", customer,
                                "points", 1, "source", "API")))))
                .post("/api_gateway/v2/request-workflow/GOODWILL-POINTS").then().statusCode(200).extract().jsonPath()
                .getString("data.requestId");
        Map<String, Object> trigger = Map.of("ownerType", "Loyalty");
        List<Call> calls = List.of(
                new Call("GET", "/api_gateway/v1/admin/users", null),
                new Call("POST", "/api_gateway/v1/admin/users", Map.of("username", "x" + org, "password", "password-1",
                        "roles", List.of("OrgAdmin"))),
                new Call("POST", "/api_gateway/v1/customers", Map.of("email", "new@example.com")),
                new Call("GET", "/api_gateway/v1/customers/" + customer, null),
                new Call("POST", "/api_gateway/v1/badges/group", Map.of("name", "x", "rank", 1)),
                new Call("PUT", "/api_gateway/v1/badges/group/" + group, Map.of("rank", 5)),
                new Call("GET", "/api_gateway/v1/badges/group/" + group, null),
                new Call("GET", "/api_gateway/v1/badges/group", null),
                new Call("GET", "/api_gateway/v1/badges/badgeMeta/" + badge, null),
                new Call("GET", "/api_gateway/v1/badges/badgeMeta", null),
                new Call("PUT", "/api_gateway/v1/badges/badgeMeta", Map.of("id", badge, "description", "taken over")),
                new Call("POST", "/api_gateway/v1/badges/badgeMeta/" + badge + "/claim",
                        Map.of("ownerType", "Loyalty", "referenceId", "x")),
                new Call("POST", "/api_gateway/v1/badges/badgeMeta/" + badge + "/unclaim",
                        Map.of("ownerType", "Loyalty", "referenceId", "x")),
                new Call("POST", "/api_gateway/v1/badges/badgeMeta/customer/issueBulk", Map.of("badgeMetaId", badge,
                        "customers", List.of(customer), "requestId", UUID.randomUUID().toString(), "triggeredBy", trigger)),
                new Call("POST", "/api_gateway/v1/badges/badgeMeta/customer/revokeIssue",
                        Map.of("badgeMetaId", badge, "customers", List.of(customer))),
                new Call("POST", "/api_gateway/v1/badges/customer/earn", Map.of("badgeMetaId", badge, "customerId",
                        customer, "requestId", UUID.randomUUID().toString(), "triggeredBy", trigger)),
                new Call("POST", "/api_gateway/v1/badges/customer/earnBulk", Map.of("badgeMetaId", badge, "customerIds",
                        List.of(customer), "requestId", UUID.randomUUID().toString(), "triggeredBy", trigger)),
                new Call("POST", "/api_gateway/v1/badges/customer/revokeEarn", Map.of("badgeMetaId", badge,
                        "customerId", customer, "earnedBadgeId", "0123456789abcdef01234567")),
                new Call("GET", "/api_gateway/v1/badges/customer/" + customer, null),
                new Call("POST", "/internal/goodwill/", Map.of("referenceId", "z", "reason", "r", "baseType", "POINTS",
                        "programId", 1, "awardingTillId", 1, "earningEntityType", "CUSTOMER", "earningEntityId", customer,
                        "points", 1, "source", "API")),
                new Call("GET", "/api_gateway/v1/points/customer/" + customer, null),
                new Call("GET", "/api_gateway/v2/request-workflow/requests/" + requestId, null),
                new Call("GET", "/api_gateway/v2/request-workflow/requests", null),
                new Call("PUT", "/api_gateway/v2/request-workflow/GOODWILL-POINTS", Map.of("requestId", requestId,
                        "actionName", "AdminTask", "payload", Map.of("AdminTask-Payload", Map.of("actionDecision",
                                "approved")))));

        String[] roles = { "PlatformAdmin", "OrgAdmin", "CanMakeRequest", "CanCheckRequest" };
        // Each wrong password names its own user: ten for one username would lock it (429), which is tested apart.
        Map<String, Supplier<RequestSpecification>> bad = Map.of(
                "no credentials", () -> given(),
                "wrong password", () -> given().header("Authorization", Tokens.basic(wrongPasswordUser(), "not-it")),
                "expired", () -> given().header("X-CAP-API-OAUTH-TOKEN", Tokens.expired(9, "t", org, roles)),
                "forged", () -> given().header("X-CAP-API-OAUTH-TOKEN", Tokens.forged(9, "t", org, roles)),
                "other issuer", () -> given().header("Authorization", "Bearer " + Tokens.otherIssuer(9, "t", org, roles)),
                "alg none", () -> given().header("X-CAP-UI-AUTH-TOKEN", Tokens.unsigned(9, "t", org, roles)),
                "garbage", () -> given().header("X-CAP-API-OAUTH-TOKEN", "a.b.c"));
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Call call : calls) {
            for (Map.Entry<String, Supplier<RequestSpecification>> credential : bad.entrySet()) {
                sent++;
                expect(failures, credential.getKey(), call, send(given().spec(credential.getValue().get()), call), 401,
                        org);
            }
            String mine = Tokens.valid(9, "t", org, roles);
            sent++;
            expect(failures, "another org's header", call, send(given().header("X-CAP-API-OAUTH-TOKEN", mine)
                    .header("X-CAP-API-AUTH-ORG-ID", Long.toString(org + 1)), call), 403, org);
            List<String> segments = List.of(call.path.split("[/?=&]"));
            if (segments.contains(Long.toString(customer)) || segments.contains(badge) || segments.contains(group)
                    || segments.contains(requestId) || call.body instanceof Map<?, ?> map && (map.containsValue(badge)
                            || map.containsValue(requestId))) {
                sent++;
                Response theirs = send(given().header("X-CAP-API-OAUTH-TOKEN", Tokens.valid(9, "t", Orgs.fresh(), roles)),
                        call);
                if (theirs.statusCode() != 404 && theirs.statusCode() != 400) {
                    failures.add("another org's token reached " + call.method + " " + call.path + ": "
                            + theirs.statusCode());
                }
                leaks(failures, "another org's token", call, theirs, org, customer);
            }
        }
        sent++;
        expect(failures, "no OrgAdmin role", calls.get(0), send(given().header("X-CAP-API-OAUTH-TOKEN",
                Tokens.valid(9, "t", org, "CanMakeRequest")), calls.get(0)), 403, org);
        sent++;
        expect(failures, "no CanMakeRequest role", calls.get(0), send(given().header("X-CAP-API-OAUTH-TOKEN",
                Tokens.valid(9, "t", org, "OrgAdmin")), new Call("POST", "/api_gateway/v2/request-workflow/GOODWILL-POINTS",
                        Map.of("entityInfo", Map.of("tillId", "1", "storeId", "2", "zoneId", "3", "conceptId", "4"),
                                "payload", Map.of("IntouchAPITask-Payload", Map.of("path", "/internal/goodwill/",
                                        "method", "POST", "body", Map.of()))))), 403, org);
        sent++;
        expect(failures, "no CanCheckRequest role", calls.get(calls.size() - 1), send(given().header(
                "X-CAP-API-OAUTH-TOKEN", Tokens.valid(10, "t", org, "OrgAdmin", "CanMakeRequest")),
                calls.get(calls.size() - 1)), 403, org);
        assertEquals(List.of(), failures, failures.size() + " of " + sent + " calls were not denied as they should be");
    }

    private static Response send(RequestSpecification request, Call call) {
        if (call.body != null) {
            request.contentType("application/json").body(call.body);
        }
        return request.request(call.method, call.path);
    }

    private static void expect(List<String> failures, String kind, Call call, Response response, int status, long org) {
        if (response.statusCode() != status) {
            failures.add(kind + ": " + call.method + " " + call.path + " answered " + response.statusCode()
                    + " instead of " + status);
        }
        if (!response.asString().contains("\"data\":null")) {
            failures.add(kind + ": " + call.method + " " + call.path + " answered data: " + response.asString());
        }
    }

    private static void leaks(List<String> failures, String kind, Call call, Response response, long org, long customer) {
        String body = response.asString();
        for (String secret : List.of("secret.holder." + org, "Confidential " + org, "Private " + org)) {
            if (body.contains(secret)) {
                failures.add(kind + " saw another org's data at " + call.method + " " + call.path);
            }
        }
    }

    /** A real user of a fresh org, for one wrong password. */
    private static String wrongPasswordUser() {
        String username = "wrong." + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", Tokens.basic(MemoryStoreResource.ADMIN, MemoryStoreResource.ADMIN_PASSWORD))
                .contentType(ContentType.JSON).body(Map.of("username", username, "password", "right-pass-1",
                        "roles", List.of(), "orgId", Orgs.fresh()))
                .post("/api_gateway/v1/admin/users").then().statusCode(201);
        return username;
    }
}
