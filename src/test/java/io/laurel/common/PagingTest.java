package io.laurel.common;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Every list: a page past the data is empty with the right total; a page or size out of range is a 400. */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class PagingTest {

    record List_(String path, String pageName, String sizeName, String items, int firstPage) {
        /** Where the total is: the workflow list answers the vendor's paging beside data. */
        String total() {
            return items.equals("data") ? "pagination.totalElements" : "data.pagination.total";
        }
    }

    @Test
    void aPagePastTheDataIsEmptyWithTheRightTotalOnEveryList() {
        long org = Orgs.fresh();
        long customer = Orgs.as(org).contentType(ContentType.JSON).body(Map.of("externalId", "p-" + org))
                .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath().getLong("data.customerId");
        String group = Orgs.as(org).contentType(ContentType.JSON).body(Map.of("name", "g-" + org, "rank", 1))
                .post("/api_gateway/v1/badges/group").then().statusCode(200).extract().jsonPath().getString("data.id");
        String badge = Orgs.as(org).contentType(ContentType.JSON).header("X-CAP-BADGES-MIGRATION", "migration")
                .body(Map.of("name", "b-" + org, "startOn", Instant.now().getEpochSecond() - 86_400,
                        "expiresOn", Instant.now().getEpochSecond() + 86_400, "earnType", "EARN", "badgeGroupId", group,
                        "ownership", Map.of("restrictedToOwners", List.of("Loyalty"))))
                .post("/api_gateway/v1/badges/badgeMeta").then().statusCode(201).extract().jsonPath().getString("data.id");
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("badgeMetaId", badge, "customerId", customer,
                "requestId", "p-" + org, "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "1")))
                .post("/api_gateway/v1/badges/customer/earn").then().statusCode(200);
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("referenceId", "p-" + org, "reason", "r",
                "baseType", "POINTS", "programId", 1, "awardingTillId", 1, "earningEntityType", "CUSTOMER",
                "earningEntityId", customer, "points", 3, "source", "API"))
                .post("/internal/goodwill/").then().statusCode(201);

        List<List_> lists = List.of(
                new List_("/api_gateway/v1/badges/customer/" + customer + "?badgeType=EARNED", "page", "limit",
                        "data.badges", 0),
                new List_("/api_gateway/v1/points/customer/" + customer, "page", "size", "data.goodwill", 0),
                new List_("/api_gateway/v1/badges/badgeMeta", "page", "size", "data.metaBasicDetails", 0),
                new List_("/api_gateway/v1/badges/group", "page", "size", "data.badgeGroups", 0),
                new List_("/api_gateway/v1/admin/users", "page", "size", "data.users", 0),
                new List_("/api_gateway/v2/request-workflow/requests", "PageNo", "limit", "data", 1));
        for (List_ list : lists) {
            JsonPath first = Orgs.as(org).get(list.path()).then().statusCode(200).extract().jsonPath();
            long total = first.getLong(list.total());
            for (String page : List.of("2147483647", "2147483646", "21474836", "1000")) {
                JsonPath far = Orgs.as(org).queryParam(list.pageName(), page).queryParam(list.sizeName(), "100")
                        .get(list.path()).then().statusCode(200).extract().jsonPath();
                assertEquals(List.of(), far.getList(list.items()), list.path() + " page " + page);
                assertEquals(total, far.getLong(list.total()), list.path());
            }
            for (String bad : List.of("-1", "abc", "2147483648", "1.5", "99999999999")) {
                Orgs.as(org).queryParam(list.pageName(), bad).get(list.path()).then().statusCode(400)
                        .body("errors[0].code", equalTo(400)).body("errors[0].reference", equalTo(list.pageName()));
            }
            for (String bad : List.of("0", "101", "-5", "x")) {
                Orgs.as(org).queryParam(list.sizeName(), bad).get(list.path()).then().statusCode(400)
                        .body("errors[0].reference", equalTo(list.sizeName()));
            }
        }
        assertTrue(Orgs.as(org).get(lists.get(0).path()).then().extract().jsonPath().getList("data.badges").size() > 0);
    }

    @Test
    void theSkipIsComputedInLongAndCappedWithinIntRange() {
        assertEquals(0, new Paging(0, 100).skip());
        assertEquals(200, new Paging(2, 100).skip());
        assertEquals(Integer.MAX_VALUE - 100, new Paging(Integer.MAX_VALUE, 100).skip());
        assertEquals(Integer.MAX_VALUE - 1, new Paging(Integer.MAX_VALUE, 100).lastIndex());
        assertEquals(Integer.MAX_VALUE - 10, Paging.skip(Integer.MAX_VALUE / 2, 10));
        assertTrue(new Paging(21474837, 100).skip() > 0);
    }
}
