package io.laurel.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** laurel.goodwill.direct-roles: an org that sends every goodwill allocation and redemption through a checker. */
@QuarkusTest
@TestProfile(GoodwillDirectRolesTest.OnlyOrgAdmins.class)
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class GoodwillDirectRolesTest {

    public static class OnlyOrgAdmins implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("laurel.goodwill.direct-roles", "OrgAdmin");
        }
    }

    @Test
    void onlyTheNamedRolesAllocateDirectlyAndARefusalWritesNothing() {
        long org = Orgs.fresh();
        long customer = Orgs.as(org).contentType(ContentType.JSON).body(Map.of("externalId", "d-" + org))
                .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath().getLong("data.customerId");
        Map<String, Object> body = Map.of("referenceId", "d-" + org, "reason", "r", "baseType", "POINTS",
                "programId", 1, "awardingTillId", 1, "earningEntityType", "CUSTOMER", "earningEntityId", customer,
                "points", 5, "source", "API");
        given().header("X-CAP-API-OAUTH-TOKEN", Tokens.valid(7, "maker", org, "CanMakeRequest"))
                .contentType(ContentType.JSON).body(body).post("/internal/goodwill/").then().statusCode(403)
                .body("errors[0].code", equalTo(403));
        given().header("X-CAP-API-OAUTH-TOKEN", Tokens.valid(7, "maker", org, "CanMakeRequest"))
                .header("X-LAUREL-VALIDATE-ONLY", "true")
                .contentType(ContentType.JSON).body(body).post("/internal/goodwill/").then().statusCode(403);
        Orgs.as(org).get("/api_gateway/v1/points/customer/" + customer).then().body("data.balance", equalTo(0));
        given().header("X-CAP-API-OAUTH-TOKEN", Tokens.valid(8, "admin", org, "OrgAdmin"))
                .contentType(ContentType.JSON).body(body).post("/internal/goodwill/").then().statusCode(201);
        Orgs.as(org).get("/api_gateway/v1/points/customer/" + customer).then().body("data.balance", equalTo(5));
        // redemptions too
        Map<String, Object> redeem = Map.of("root", Map.of("redeem", Map.of("points_redeemed", "2",
                "customer", Map.of("id", Long.toString(customer)), "external_reference_number", "r-" + org)));
        given().header("X-CAP-API-OAUTH-TOKEN", Tokens.valid(7, "maker", org, "CanMakeRequest"))
                .contentType(ContentType.JSON).body(redeem).post("/v1.1/points/redeem").then().statusCode(403);
        Orgs.as(org).get("/api_gateway/v1/points/customer/" + customer).then().body("data.balance", equalTo(5));
        given().header("X-CAP-API-OAUTH-TOKEN", Tokens.valid(8, "admin", org, "OrgAdmin"))
                .contentType(ContentType.JSON).body(redeem).post("/v1.1/points/redeem").then().statusCode(200)
                .body("data.balance", equalTo(3));
    }
}
