package io.laurel.points;

import static io.laurel.support.Orgs.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import io.laurel.support.Bodies;
import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.Parallel;
import io.laurel.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class GoodwillResourceTest {

    static final String GOODWILL = "/internal/goodwill/";
    static final String POINTS = "/api_gateway/v1/points/customer/";

    @ConfigProperty(name = "quarkus.mongodb.connection-string")
    String store;

    static long customer(long org) {
        return as(org).contentType(ContentType.JSON).body(Map.of("externalId", "gw-" + UUID.randomUUID()))
                .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath().getLong("data.customerId");
    }

    static Map<String, Object> body(long customer, Object... extra) {
        return Bodies.with(Bodies.goodwill(customer, "ref-" + UUID.randomUUID(), 20), extra);
    }

    static ValidatableResponse allocate(long org, Map<String, Object> body) {
        return as(org).contentType(ContentType.JSON).body(body).post(GOODWILL).then();
    }

    static long balance(long org, long customer) {
        return as(org).queryParam("programId", "2739").get(POINTS + customer).then().statusCode(200)
                .extract().jsonPath().getLong("data.balance");
    }

    @Test
    void theSeedsBodyWithItsHeadersIsAccepted() {
        // The seed's Basic credential is ind.1:202cb962ac59075b964b07152d234b70 in org 51250, customer 382332518.
        given().header("Authorization", Tokens.basic(MemoryStoreResource.ADMIN, MemoryStoreResource.ADMIN_PASSWORD))
                .contentType(ContentType.JSON)
                .body(Map.of("username", "ind.1", "password", "202cb962ac59075b964b07152d234b70",
                        "roles", List.of("CanMakeRequest"), "orgId", 51250))
                .post("/api_gateway/v1/admin/users").then().statusCode(201);
        try (MongoClient client = MongoClients.create(store)) {
            client.getDatabase("laurel").getCollection("customers").replaceOne(Filters.eq("customerId", 382332518L),
                    new Document("orgId", 51250L).append("customerId", 382332518L)
                            .append("externalId", "seed-382332518").append("externalIdKey", "51250:seed-382332518"),
                    new ReplaceOptions().upsert(true));
        }
        given().header("Authorization", "Basic aW5kLjE6MjAyY2I5NjJhYzU5MDc1Yjk2NGIwNzE1MmQyMzRiNzA=")
                .header("content-type", "application/json").header("X-CAP-API-AUTH-ORG-ID", "51250")
                .body(GoodwillResource.SEED_BODY).post(GOODWILL).then().statusCode(201)
                .body("createdId", greaterThan(0)).body("warnings", hasSize(0)).body("$", not(hasKey("data")));
        given().header("Authorization", "Basic aW5kLjE6MjAyY2I5NjJhYzU5MDc1Yjk2NGIwNzE1MmQyMzRiNzA=")
                .queryParam("programId", "2739").get(POINTS + "382332518").then().statusCode(200)
                .body("data.customerId", equalTo(382332518)).body("data.programId", equalTo(2739))
                .body("data.balance", equalTo(20))
                .body("data.goodwill[0].referenceId", equalTo("ref_id_1299314173"))
                .body("data.goodwill[0].points", equalTo(20))
                .body("data.goodwill[0].reason", equalTo("reason"))
                .body("data.goodwill[0].awardingTillId", equalTo(50682616))
                .body("data.goodwill[0].source", equalTo("API"));
        given().header("Authorization", "Basic aW5kLjE6MjAyY2I5NjJhYzU5MDc1Yjk2NGIwNzE1MmQyMzRiNzA=")
                .header("X-CAP-API-AUTH-ORG-ID", "51251").contentType(ContentType.JSON)
                .body(GoodwillResource.SEED_BODY.replace("ref_id_1299314173", "other")).post(GOODWILL).then()
                .statusCode(403);
    }

    @Test
    void aUsedReferenceIs744AndTheBalanceIsUnchanged() {
        long org = Orgs.fresh();
        long customer = customer(org);
        Map<String, Object> first = body(customer, "points", 35);
        allocate(org, first).statusCode(201);
        allocate(org, body(customer, "referenceId", first.get("referenceId"), "points", 99)).statusCode(400)
                .body("data", nullValue()).body("errors[0].code", equalTo(744))
                .body("errors[0].message", equalTo("Reference number already exists"));
        assertEquals(35, balance(org, customer));
        long other = Orgs.fresh();
        allocate(other, body(customer(other), "referenceId", first.get("referenceId"))).statusCode(201);
    }

    @Test
    void fiftyParallelAllocationsAddUpExactly() throws Exception {
        long org = Orgs.fresh();
        long customer = customer(org);
        List<Long> createdIds = Parallel.run(50, i -> allocate(org, body(customer, "points", 10)).statusCode(201)
                .extract().jsonPath().getLong("createdId"));
        assertEquals(50, new HashSet<>(createdIds).size(), "createdIds are distinct");
        assertEquals(500, balance(org, customer));
        as(org).queryParam("size", "100").get(POINTS + customer).then().body("data.goodwill", hasSize(50))
                .body("data.pagination.total", equalTo(50));
    }

    @Test
    void twentyParallelAllocationsWithOneReferenceMakeOneEntry() throws Exception {
        long org = Orgs.fresh();
        long customer = customer(org);
        Map<String, Object> same = body(customer, "points", 7);
        List<Integer> statuses = Parallel.run(20, i -> allocate(org, same).extract().statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
        assertEquals(7, balance(org, customer));
        as(org).get(POINTS + customer).then().body("data.pagination.total", equalTo(1));
    }

    @Test
    void eachInvalidFieldIs400WithItsName() {
        long org = Orgs.fresh();
        long customer = customer(org);
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("referenceId", new Object[] { "referenceId", null });
        cases.put("reason", new Object[] { "reason", "" });
        cases.put("baseType", new Object[] { "baseType", "CASH" });
        cases.put("programId", new Object[] { "programId", null });
        cases.put("awardingTillId", new Object[] { "awardingTillId", -1 });
        cases.put("earningEntityType", new Object[] { "earningEntityType", "STORE" });
        cases.put("earningEntityId", new Object[] { "earningEntityId", null });
        cases.put("points", new Object[] { "points", 0 });
        cases.put("points ", new Object[] { "points", -5 });
        cases.put("points  ", new Object[] { "points", 100_001 });
        cases.put("points   ", new Object[] { "points", 2.5 });
        cases.put("source", new Object[] { "source", null });
        cases.forEach((field, change) -> allocate(org, body(customer, change[0], change[1])).statusCode(400)
                .body("data", nullValue()).body("errors[0].code", equalTo(400))
                .body("errors[0].reference", equalTo(field.trim())));
        allocate(org, body(987_654_321L)).statusCode(404).body("errors[0].code", equalTo(1026));
        allocate(org, body(customer(Orgs.fresh()))).statusCode(404).body("errors[0].code", equalTo(1026));
        assertEquals(0, balance(org, customer));
        allocate(org, body(customer, "points", 100_000)).statusCode(201);
    }

    @Test
    void pointsAreReadByIdentifierPerProgramNewestFirst() {
        long org = Orgs.fresh();
        String external = "gw-" + UUID.randomUUID();
        long customer = as(org).contentType(ContentType.JSON).body(Map.of("externalId", external))
                .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath().getLong("data.customerId");
        allocate(org, body(customer, "points", 1, "referenceId", "first")).statusCode(201);
        allocate(org, body(customer, "points", 2, "referenceId", "second")).statusCode(201);
        allocate(org, body(customer, "points", 4, "referenceId", "other-program", "programId", 9)).statusCode(201);
        as(org).header("X-CAP-CUSTOMER-IDENTIFIER", "externalId").queryParam("programId", "2739")
                .get(POINTS + external).then().statusCode(200)
                .body("data.balance", equalTo(3))
                .body("data.goodwill.referenceId", equalTo(List.of("second", "first")));
        as(org).get(POINTS + customer).then().body("data.balance", equalTo(7)).body("data.programId", nullValue());
        as(org).queryParam("size", "1").queryParam("page", "1").get(POINTS + customer).then()
                .body("data.goodwill.referenceId", equalTo(List.of("second")))
                .body("data.pagination.totalPages", equalTo(3));
        as(org).queryParam("programId", "abc").get(POINTS + customer).then().statusCode(400)
                .body("errors[0].reference", equalTo("programId"));
        as(Orgs.fresh()).get(POINTS + customer).then().statusCode(404).body("errors[0].code", equalTo(1026));
        as(org).contentType(ContentType.JSON).body(body(customer, "referenceId", "no-slash")).post("/internal/goodwill")
                .then().statusCode(201);
        given().port(MemoryStoreResource.MANAGEMENT_PORT).get("/q/metrics").then()
                .body(containsString("laurel_goodwill_points_total"));
    }
}
