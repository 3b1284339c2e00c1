package io.laurel.delivery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged application (the jar, or the native binary with -Pnative), one path through every feature:
 * token → customer → badge → issue → earn → customer badges → workflow approval → goodwill balance.
 */
@QuarkusIntegrationTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class FullPathIT {

    static RequestSpecification withToken(String token) {
        return given().header("X-CAP-API-OAUTH-TOKEN", token);
    }

    static String token(String key, String secret) {
        return given().contentType(ContentType.JSON).body(Map.of("key", key, "secret", secret))
                .post("/v3/oauth/token/generate").then().statusCode(200).extract().jsonPath().getString("data.accessToken");
    }

    @Test
    void onePathThroughEveryFeature() {
        String admin = token(MemoryStoreResource.ADMIN, MemoryStoreResource.ADMIN_PASSWORD);
        for (String[] user : List.of(new String[] { "it.maker", "CanMakeRequest" },
                new String[] { "it.checker", "CanCheckRequest" }, new String[] { "it.service", "OrgAdmin" })) {
            withToken(admin).contentType(ContentType.JSON).body(Map.of("username", user[0], "password", user[0] + "-pass",
                    "roles", List.of(user[1]))).post("/api_gateway/v1/admin/users").then().statusCode(201);
        }
        long customer = withToken(admin).contentType(ContentType.JSON).body(Map.of("email", "full.path@example.com"))
                .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath().getLong("data.customerId");
        long now = Instant.now().getEpochSecond();
        String badge = withToken(admin).contentType(ContentType.JSON).header("X-CAP-BADGES-MIGRATION", "migration")
                .body(Map.of("name", "Full Path", "startOn", now - 86_400, "expiresOn", now + 86_400 * 30,
                        "earnType", "ISSUE_EARN", "ownership", Map.of("restrictedToOwners", List.of("Loyalty"),
                                "claims", List.of(Map.of("ownerType", "Loyalty", "referenceId", "it"))),
                        "customerConstraints", List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_VALUE",
                                "maxEarnLimit", 1))))
                .post("/api_gateway/v1/badges/badgeMeta").then().statusCode(201).extract().jsonPath().getString("data.id");
        Map<String, Object> trigger = Map.of("ownerType", "Loyalty", "referenceId", "it");
        withToken(admin).contentType(ContentType.JSON).body(Map.of("badgeMetaId", badge, "customers", List.of(customer),
                "requestId", "it-issue", "triggeredBy", trigger))
                .post("/api_gateway/v1/badges/badgeMeta/customer/issueBulk").then().statusCode(200)
                .body("data.issuedBadges[0].status", equalTo("ACTIVE"));
        withToken(admin).contentType(ContentType.JSON).body(Map.of("badgeMetaId", badge, "customerId", customer,
                "requestId", "it-earn", "triggeredBy", trigger))
                .post("/api_gateway/v1/badges/customer/earn").then().statusCode(200).body("data.earnedCount", equalTo(1));
        withToken(admin).header("X-CAP-CUSTOMER-IDENTIFIER", "email").queryParam("badgeType", "EARNED")
                .get("/api_gateway/v1/badges/customer/full.path@example.com").then().statusCode(200)
                .body("data.badges[0].name", equalTo("Full Path")).body("data.badges[0].earnedCount", equalTo(1));

        Map<String, Object> body = Map.of("referenceId", "it-goodwill", "reason", "full path", "baseType", "POINTS",
                "programId", 1, "awardingTillId", 1, "earningEntityType", "CUSTOMER", "earningEntityId", customer,
                "points", 25, "source", "API");
        String requestId = withToken(token("it.maker", "it.maker-pass")).contentType(ContentType.JSON).body(Map.of(
                "entityInfo", Map.of("tillId", "1", "storeId", "2", "zoneId", "3", "conceptId", "4"),
                "payload", Map.of("IntouchAPITask-Payload", Map.of("hostname", "", "path", "/internal/goodwill/",
                        "method", "POST", "body", body,
                        "headers", Map.of("Authorization", Tokens.basic("it.service", "it.service-pass"))))))
                .post("/api_gateway/v2/request-workflow/GOODWILL-POINTS").then().statusCode(200)
                .body("data.state", equalTo("AdminTask")).extract().jsonPath().getString("data.requestId");
        withToken(token("it.checker", "it.checker-pass")).contentType(ContentType.JSON).body(Map.of("requestId",
                requestId, "actionName", "AdminTask", "payload", Map.of("AdminTask-Payload",
                        Map.of("actionDecision", "approved", "actionMessage", "ok"))))
                .put("/api_gateway/v2/request-workflow/GOODWILL-POINTS").then().statusCode(200)
                .body("data.state", equalTo("approved"));
        withToken(admin).get("/api_gateway/v1/points/customer/" + customer).then().statusCode(200)
                .body("data.balance", equalTo(25));
        given().port(MemoryStoreResource.MANAGEMENT_PORT).get("/q/health/ready").then().statusCode(200);
        // Production: operations only on the management port, Swagger UI off unless configured; the API document stays.
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/swagger-ui/").then().statusCode(404);
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
    }
}
