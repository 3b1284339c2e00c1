package io.laurel.badge.group;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class BadgeGroupResourceTest {

    static final String GROUPS = "/api_gateway/v1/badges/group";

    static String create(long org, String name, int rank) {
        return Orgs.as(org).contentType(ContentType.JSON).body(Map.of("name", name, "rank", rank)).post(GROUPS)
                .then().statusCode(200).extract().jsonPath().getString("data.id");
    }

    @Test
    void aGroupIsCreatedReadUpdatedAndListed() {
        long org = Orgs.fresh();
        String id = Orgs.as(org).contentType(ContentType.JSON).body(Map.of("name", "2024 Badges", "rank", 2))
                .post(GROUPS).then().statusCode(200)
                .body("data.id", matchesPattern("[0-9a-f]{24}"))
                .body("data.orgId", equalTo((int) org))
                .body("data.name", equalTo("2024 Badges"))
                .body("data.rank", equalTo(2))
                .body("data.isActive", equalTo(true))
                .body("data.createdBy", equalTo((int) Tokens.userId(42)))
                .body("data.createdOn", notNullValue())
                .body("data.createdOnISO", notNullValue())
                .body("data.lastUpdatedBy", equalTo((int) Tokens.userId(42)))
                .body("data.lastUpdatedOn", notNullValue())
                .extract().jsonPath().getString("data.id");
        Orgs.as(org).get(GROUPS + "/" + id).then().statusCode(200).body("data.name", equalTo("2024 Badges"));
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("rank", 7, "isActive", false)).put(GROUPS + "/" + id)
                .then().statusCode(200).body("data.rank", equalTo(7)).body("data.isActive", equalTo(false))
                .body("data.name", equalTo("2024 Badges"));

        create(org, "Seasonal", 1);
        create(org, "Legacy", 9);
        Orgs.as(org).queryParam("order", "ASC").get(GROUPS).then().statusCode(200)
                .body("data.badgeGroups.name", equalTo(List.of("Seasonal", "2024 Badges", "Legacy")))
                .body("data.pagination.total", equalTo(3));
        Orgs.as(org).queryParam("order", "DESC").queryParam("size", "2").get(GROUPS).then().statusCode(200)
                .body("data.badgeGroups.name", equalTo(List.of("Legacy", "2024 Badges")))
                .body("data.pagination.totalPages", equalTo(2));
        Orgs.as(org).queryParam("order", "DESC").queryParam("size", "2").queryParam("page", "1").get(GROUPS)
                .then().statusCode(200).body("data.badgeGroups.name", equalTo(List.of("Seasonal")));
    }

    @Test
    void aNameIsUniqueInTheOrgCaseSensitively() {
        long org = Orgs.fresh();
        create(org, "Gold", 1);
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("name", "Gold", "rank", 2)).post(GROUPS)
                .then().statusCode(409).body("errors[0].code", equalTo(733)).body("errors[0].reference", equalTo("name"));
        create(org, "gold", 2);
        create(Orgs.fresh(), "Gold", 1);
        String silver = create(org, "Silver", 3);
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("name", "Gold")).put(GROUPS + "/" + silver)
                .then().statusCode(409);
    }

    @Test
    void anotherOrgsGroupIsNotFoundAndAMalformedIdIs400() {
        String foreign = create(Orgs.fresh(), "Theirs", 1);
        long org = Orgs.fresh();
        Orgs.as(org).get(GROUPS + "/" + foreign).then().statusCode(404).body("errors[0].code", equalTo(404));
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("rank", 3)).put(GROUPS + "/" + foreign)
                .then().statusCode(404);
        Orgs.as(org).get(GROUPS + "/not-an-object-id").then().statusCode(400).body("errors[0].reference", equalTo("id"));
        Orgs.as(org).get(GROUPS + "/0123456789abcdef01234567").then().statusCode(404);
    }

    @Test
    void creationNeedsNameAndRankAndListNeedsAKnownOrder() {
        long org = Orgs.fresh();
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("name", "No rank")).post(GROUPS).then().statusCode(400)
                .body("errors[0].code", equalTo(732)).body("errors[0].reference", equalTo("rank"));
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("rank", 1)).post(GROUPS).then().statusCode(400)
                .body("errors[0].reference", equalTo("name"));
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("name", "Neg", "rank", -1)).post(GROUPS).then()
                .statusCode(400);
        Orgs.as(org).queryParam("order", "SIDEWAYS").get(GROUPS).then().statusCode(400)
                .body("errors[0].reference", equalTo("order"));
    }
}
