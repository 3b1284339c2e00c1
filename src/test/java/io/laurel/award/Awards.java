package io.laurel.award;

import static io.laurel.support.Orgs.as;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laurel.support.Bodies;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Test helpers: customers, live badges and earn calls in one org. */
final class Awards {

    static final String ISSUE_BULK = "/api_gateway/v1/badges/badgeMeta/customer/issueBulk";
    static final String REVOKE_ISSUE = "/api_gateway/v1/badges/badgeMeta/customer/revokeIssue";
    static final String EARN = "/api_gateway/v1/badges/customer/earn";
    static final String EARN_BULK = "/api_gateway/v1/badges/customer/earnBulk";
    static final String REVOKE_EARN = "/api_gateway/v1/badges/customer/revokeEarn";
    static final String BADGES = "/api_gateway/v1/badges/badgeMeta";
    static final long DAY = 86_400;

    private Awards() {
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    static long customer(long org) {
        return as(org).contentType(ContentType.JSON).body(Map.of("externalId", "c-" + UUID.randomUUID()))
                .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath().getLong("data.customerId");
    }

    static List<Long> customers(long org, int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(customer(org));
        }
        return ids;
    }

    /**
     * A badge that has been live for 30 days and runs a year more, with the given fields on top; claimed (at
     * creation) by the owners and references the helpers trigger with, as the bulk calls need (810).
     */
    static String liveBadge(long org, String earnType, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "badge-" + UUID.randomUUID());
        body.put("startOn", now() - 30 * DAY);
        body.put("expiresOn", now() + 365 * DAY);
        body.put("earnType", earnType);
        body.put("ownership", Map.of("restrictedToOwners", List.of("Loyalty", "Goodwill_Module"),
                "claims", List.of(Map.of("ownerType", "Loyalty", "referenceId", "626"),
                        Map.of("ownerType", "Loyalty", "referenceId", "txn"),
                        Map.of("ownerType", "Loyalty", "referenceId", "string"),
                        Map.of("ownerType", "Goodwill_Module", "referenceId", "134"))));
        return as(org).contentType(ContentType.JSON).header("X-CAP-BADGES-MIGRATION", "migration")
                .body(Bodies.with(body, extra))
                .post(BADGES).then().statusCode(201).extract().jsonPath().getString("data.id");
    }

    static Map<String, Object> earnBody(String badge, long customer, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("badgeMetaId", badge);
        body.put("customerId", customer);
        body.put("requestId", UUID.randomUUID().toString());
        body.put("triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "txn"));
        return Bodies.with(body, extra);
    }

    static ValidatableResponse earn(long org, Map<String, Object> body) {
        return as(org).contentType(ContentType.JSON).body(body).post(EARN).then();
    }

    static ValidatableResponse earn(long org, String badge, long customer, Object... extra) {
        return earn(org, earnBody(badge, customer, extra));
    }

    static ValidatableResponse issue(long org, String badge, List<Long> customers, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("badgeMetaId", badge);
        body.put("triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "626"));
        body.put("customers", customers);
        body.put("requestId", UUID.randomUUID().toString());
        return as(org).contentType(ContentType.JSON).body(Bodies.with(body, extra)).post(ISSUE_BULK).then();
    }

    static ValidatableResponse badge(long org, String id) {
        return as(org).get(BADGES + "/" + id).then().statusCode(200);
    }
}
