package io.laurel.customer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Parallel;
import io.laurel.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class CustomerResourceTest {

    static final String CUSTOMERS = "/api_gateway/v1/customers";
    static final String IDENTIFIER = "X-CAP-CUSTOMER-IDENTIFIER";

    static RequestSpecification asOrg(long orgId) {
        return given().header("X-CAP-API-OAUTH-TOKEN", Tokens.valid(9, "loyalty.team", orgId, "OrgAdmin"));
    }

    static RequestSpecification asAdmin() {
        return given().header("Authorization", Tokens.basic(MemoryStoreResource.ADMIN, MemoryStoreResource.ADMIN_PASSWORD));
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static long create(RequestSpecification as, Map<String, ?> body) {
        return as.contentType(ContentType.JSON).body(body).post(CUSTOMERS).then().statusCode(201)
                .extract().jsonPath().getLong("data.customerId");
    }

    @Test
    void createdCustomerGetsANumericIdAndReadsBackFieldByField() {
        String tag = tag();
        long id = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("firstName", "Tom", "lastName", "Sawyer", "email", "tom." + tag + "@example.com",
                        "mobile", "+1 (415) " + digits(tag), "externalId", "ext-" + tag,
                        "cardNumber", "CARD-" + tag))
                .post(CUSTOMERS).then().statusCode(201)
                .body("errors.size()", equalTo(0))
                .body("data.customerId", greaterThan(0))
                .extract().jsonPath().getLong("data.customerId");
        asAdmin().get(CUSTOMERS + "/" + id).then().statusCode(200)
                .body("data.customerId", equalTo((int) id))
                .body("data.firstName", equalTo("Tom"))
                .body("data.lastName", equalTo("Sawyer"))
                .body("data.email", equalTo("tom." + tag + "@example.com"))
                .body("data.externalId", equalTo("ext-" + tag))
                .body("data.cardNumber", equalTo("CARD-" + tag));
    }

    @Test
    void theIdentifierHeaderFindsTheCustomerByEachOfTheFourTypes() {
        String tag = tag();
        long id = create(asAdmin(), Map.of("email", "Mixed.Case." + tag + "@Example.com", "mobile", "+44 7700 " + digits(tag),
                "externalId", "crm-" + tag, "cardNumber", "card-" + tag));
        Map<String, String> byType = Map.of(
                "email", "mixed.case." + tag + "@example.com",
                "mobile", "+447700" + digits(tag),
                "externalId", "crm-" + tag,
                "cardNumber", "card-" + tag);
        byType.forEach((type, value) -> asAdmin().header(IDENTIFIER, type).get(CUSTOMERS + "/" + value)
                .then().statusCode(200).body("data.customerId", equalTo((int) id)));
        // Header values are matched without regard to case, emails too.
        asAdmin().header(IDENTIFIER, "EMAIL").get(CUSTOMERS + "/MIXED.CASE." + tag + "@EXAMPLE.COM")
                .then().statusCode(200).body("data.customerId", equalTo((int) id));
    }

    @Test
    void anUnknownIdentifierTypeIs1028() {
        asAdmin().header(IDENTIFIER, "phone").get(CUSTOMERS + "/12345").then().statusCode(400)
                .body("data", nullValue()).body("errors[0].code", equalTo(1028));
    }

    @Test
    void anUnknownCustomerIs1026() {
        asAdmin().get(CUSTOMERS + "/987654321").then().statusCode(404).body("errors[0].code", equalTo(1026))
                .body("errors[0].reference", equalTo("987654321"));
        asAdmin().get(CUSTOMERS + "/not-a-number").then().statusCode(404).body("errors[0].code", equalTo(1026));
        asAdmin().header(IDENTIFIER, "email").get(CUSTOMERS + "/nobody@example.com").then().statusCode(404)
                .body("errors[0].code", equalTo(1026));
    }

    @Test
    void anotherOrgsCustomerIsNotFound() {
        String tag = tag();
        long id = create(asOrg(51250), Map.of("email", "other." + tag + "@example.com"));
        asOrg(51250).get(CUSTOMERS + "/" + id).then().statusCode(200);
        asAdmin().get(CUSTOMERS + "/" + id).then().statusCode(404).body("errors[0].code", equalTo(1026));
        asAdmin().header(IDENTIFIER, "email").get(CUSTOMERS + "/other." + tag + "@example.com").then().statusCode(404)
                .body("errors[0].code", equalTo(1026));
    }

    @Test
    void anIdentifierUsedInTheOrgIs409ButFreeInAnotherOrg() {
        String tag = tag();
        create(asAdmin(), Map.of("email", "taken." + tag + "@example.com", "cardNumber", "c-" + tag));
        asAdmin().contentType(ContentType.JSON).body(Map.of("email", "TAKEN." + tag + "@example.com"))
                .post(CUSTOMERS).then().statusCode(409).body("errors[0].code", equalTo(409))
                .body("errors[0].reference", equalTo("email"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("email", "free." + tag + "@example.com", "cardNumber", "c-" + tag))
                .post(CUSTOMERS).then().statusCode(409).body("errors[0].reference", equalTo("cardNumber"));
        create(asOrg(51250), Map.of("email", "taken." + tag + "@example.com"));
    }

    @Test
    void aCustomerNeedsAnIdentifierAndValidValues() {
        asAdmin().contentType(ContentType.JSON).body(Map.of("firstName", "Nobody")).post(CUSTOMERS).then()
                .statusCode(400).body("errors[0].code", equalTo(400));
        asAdmin().contentType(ContentType.JSON).body(Map.of("email", "not-an-email")).post(CUSTOMERS).then()
                .statusCode(400).body("errors[0].reference", equalTo("email"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("mobile", "call me maybe")).post(CUSTOMERS).then()
                .statusCode(400).body("errors[0].reference", equalTo("mobile"));
        Map<String, Object> longId = new HashMap<>();
        longId.put("externalId", "x".repeat(129));
        asAdmin().contentType(ContentType.JSON).body(longId).post(CUSTOMERS).then().statusCode(400)
                .body("errors[0].reference", equalTo("externalId"));
    }

    @Test
    void parallelCreatesGetDistinctIds() throws Exception {
        String tag = tag();
        List<Long> ids = Parallel.run(24, i -> create(asAdmin(), Map.of("externalId", "par-" + tag + "-" + i)));
        assertEquals(24, new HashSet<>(ids).size(), "customerIds must be unique: " + ids);
    }

    @Test
    void parallelCreatesOfOneEmailYieldExactlyOneCustomer() throws Exception {
        String email = "race." + tag() + "@example.com";
        List<Integer> statuses = Parallel.run(16, i -> asAdmin().contentType(ContentType.JSON)
                .body(Map.of("email", email, "externalId", "race-" + i + "-" + email))
                .post(CUSTOMERS).then().extract().statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(15, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        asAdmin().header(IDENTIFIER, "email").get(CUSTOMERS + "/" + email).then().statusCode(200);
    }

    private static String digits(String tag) {
        return String.format("%06d", Math.abs(tag.hashCode()) % 1_000_000);
    }
}
