package io.laurel.customer;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class CustomerStatusTest {

    static final String STATUS = "/v2/customers/lookup/status";

    long org;
    long customer;

    @BeforeEach
    void aCustomerWithTheVendorsMobile() {
        org = Orgs.fresh();
        customer = Orgs.as(org).contentType(ContentType.JSON).body(Map.of("mobile", "919780375690", "email", "a@b.example"))
                .post("/api_gateway/v1/customers").then().statusCode(201)
                .body("data.status.label", equalTo("Active")).body("data.statusHistory", hasSize(0))
                .extract().jsonPath().getLong("data.customerId");
    }

    RequestSpecification vendorQuery(String name, String value) {
        return Orgs.as(org).contentType(ContentType.JSON).queryParam("source", "INSTORE").queryParam("accountId", "")
                .queryParam("use_async", "false").queryParam("identifierName", name)
                .queryParam("identifierValue", value);
    }

    ValidatableResponse customer() {
        return Orgs.as(org).get("/api_gateway/v1/customers/" + customer).then().statusCode(200);
    }

    @Test
    void theVendorsExampleSetsTheStatusAndItsHistory() {
        vendorQuery("mobile", "919780375690").body(Map.of("reason", "testing", "label", "Suspended")).put(STATUS)
                .then().statusCode(200).body("data.customerId", equalTo((int) customer))
                .body("data.status.label", equalTo("Suspended")).body("data.status.reason", equalTo("testing"))
                .body("data.status.source", equalTo("INSTORE")).body("data.statusHistory", hasSize(1));
        // the same label again (a resend) changes nothing
        vendorQuery("mobile", "919780375690").body(Map.of("reason", "again", "label", "suspended")).put(STATUS)
                .then().statusCode(200).body("data.status.reason", equalTo("testing")).body("data.statusHistory", hasSize(1));
        vendorQuery("email", "A@B.example").body(Map.of("reason", "cleared", "label", "Active")).put(STATUS)
                .then().statusCode(200).body("data.status.label", equalTo("Active"));
        vendorQuery("id", Long.toString(customer)).body(Map.of("label", "Blocked")).put(STATUS).then().statusCode(200);
        customer().body("data.status.label", equalTo("Blocked")).body("data.status.reason", nullValue())
                .body("data.statusHistory.label", equalTo(java.util.List.of("Suspended", "Active", "Blocked")))
                .body("data.statusHistory[0].changedBy", equalTo("loyalty.team"));
    }

    @Test
    void badInputIsAClear400AndChangesNothing() {
        vendorQuery("mobile", "919780375690").body(Map.of("label", "Platinum")).put(STATUS).then().statusCode(400)
                .body("errors[0].reference", equalTo("label"));
        vendorQuery("wechat", "x").body(Map.of("label", "Suspended")).put(STATUS).then().statusCode(400)
                .body("errors[0].code", equalTo(1028));
        vendorQuery("mobile", "000").body(Map.of("label", "Suspended")).put(STATUS).then().statusCode(404)
                .body("errors[0].code", equalTo(1026));
        Orgs.as(org).contentType(ContentType.JSON).queryParam("identifierName", "mobile")
                .body(Map.of("label", "Suspended")).put(STATUS).then().statusCode(400)
                .body("errors[0].reference", equalTo("identifierValue"));
        vendorQuery("mobile", "919780375690").body(Map.of("reason", "no label")).put(STATUS).then().statusCode(400);
        vendorQuery("mobile", "919780375690").header("X-LAUREL-VALIDATE-ONLY", "true")
                .body(Map.of("label", "Suspended")).put(STATUS).then().statusCode(204);
        Orgs.as(Orgs.fresh()).contentType(ContentType.JSON).queryParam("identifierName", "mobile")
                .queryParam("identifierValue", "919780375690").body(Map.of("label", "Suspended")).put(STATUS).then()
                .statusCode(404);
        customer().body("data.status.label", equalTo("Active")).body("data.statusHistory", hasSize(0));
    }
}
