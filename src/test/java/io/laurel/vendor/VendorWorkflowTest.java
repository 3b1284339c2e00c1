package io.laurel.vendor;

import static io.laurel.vendor.Vendor.DAY;
import static io.laurel.vendor.Vendor.expect;
import static io.laurel.vendor.Vendor.fill;
import static io.laurel.vendor.Vendor.now;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

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

/**
 * The vendor's request-workflow operations for the request types Laurel has, each sample request sent as written
 * (ids replaced by ones that exist; the hostname empty, Laurel's own: a vendor host is not an allowed target) and each
 * answer checked against the vendor's sample answer. Method names are the vendor's operation ids.
 */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class VendorWorkflowTest {

    static final String FLOW = "/api_gateway/v2/request-workflow/";

    static final String REQUEST_ANSWER = """
            {"data": {"requestId": "ef1bc378-a4d4-11ee-b2a9-462516199fc5", "userId": 232134,
              "userName": "maker@example.com", "requestType": "earn-badge", "state": "AdminTask",
              "startTime": "2023-12-27T21:58:14", "endTime": null,
              "details": {"IntouchAPITask-Payload": {"hostname": "", "path": "/api_gateway/v1/badges/customer/earn",
                  "method": "POST", "pathParams": {},
                  "body": {"triggeredBy": {"ownerType": "Goodwill_Module", "referenceId": "123"},
                    "customerId": 382477526, "requestId": "0f93", "badgeMetaId": "658c50761c4c2b12732c3ec6"},
                  "headers": {"Authorization": "****", "content-type": "application/json"}},
                "ValidateMakerAccess_Output": true, "ValidatePayload_Output": true}}}""";

    static final String DECIDED_ANSWER = """
            {"data": {"requestId": "113cff87-62a5-11ee-aa6d-0aaee4e533d2", "userId": 232134,
              "userName": "maker@example.com", "requestType": "earn-badge", "state": "approved",
              "startTime": "2023-10-04T16:29:19", "endTime": "2023-10-04T16:42:25",
              "details": {"IntouchAPITask-Payload": {"hostname": "", "path": "/api_gateway/v1/badges/customer/earn",
                  "method": "POST", "pathParams": {},
                  "body": {"triggeredBy": {"ownerType": "Goodwill_Module", "referenceId": "123"},
                    "customerId": 382477526, "requestId": "0f93", "badgeMetaId": "658c50761c4c2b12732c3ec6"},
                  "headers": {"Authorization": "****", "content-type": "application/json"}},
                "AdminTask-Payload": {"actionDecision": "approved", "actionMessage": "approving the request"},
                "ValidateMakerAccess_Output": true, "AdminTask_Output": "approved", "ValidatePayload_Output": true,
                "IntouchAPITask_Output": {"status": 200,
                  "headers": {"Content-Type": ["application/json"]},
                  "body": {"data": {}, "errors": [], "warnings": []}},
                "ValidateCheckerAccess_Output": true}}}""";

    static final String EARN_BADGE_REQUEST = """
            {"entityInfo": {"tillId": "50682289", "storeId": "50682288", "zoneId": "50682286", "conceptId": "50678331"},
             "payload": {"IntouchAPITask-Payload": {"hostname": "", "path": "/api_gateway/v1/badges/customer/earn",
               "method": "POST", "pathParams": {},
               "body": {"triggeredBy": {"ownerType": "Goodwill_Module", "referenceId": "123"},
                 "customerId": ${customer}, "requestId": "${requestId}", "badgeMetaId": "${badge}"},
               "headers": {"Authorization": "${authorization}", "content-type": "application/json"}}}}""";

    /** Operation "Issue Earn badge request" (POST …/EARN-BADGE). */
    @Test
    void issueEarnBadgeRequest() {
        Flow flow = new Flow();
        Response made = expect(flow.maker().body(flow.earnRequest()).post(FLOW + "EARN-BADGE"), 200, REQUEST_ANSWER);
        assertEquals("AdminTask", made.jsonPath().getString("data.state"));
    }

    /** Operation "Issue goodwill points request" (POST …/GOODWILL-POINTS), the seed's body shape. */
    @Test
    void issueGoodwillPointsRequest() {
        Flow flow = new Flow();
        expect(flow.maker().body(fill("""
                {"entityInfo": {"tillId": "50682289", "storeId": "50682288", "zoneId": "50682286",
                  "conceptId": "50678331"},
                 "payload": {"IntouchAPITask-Payload": {"hostname": "", "path": "/internal/goodwill/", "method": "POST",
                   "pathParams": {}, "queryParams": {},
                   "body": {"referenceId": "${reference}", "reason": "Customer Complaint", "baseType": "POINTS",
                     "programId": 973, "awardingTillId": 50682289, "earningEntityType": "CUSTOMER",
                     "earningEntityId": ${customer}, "points": 10, "source": "API"},
                   "headers": {"Authorization": "${authorization}", "content-type": "application/json",
                     "X-CAP-API-AUTH-ORG-ID": "${org}"}}}}""", Map.of("reference", "gw-" + UUID.randomUUID(),
                "customer", flow.customer, "authorization", flow.authorization, "org", flow.org)))
                .post(FLOW + "GOODWILL-POINTS"), 200, REQUEST_ANSWER.replaceAll(
                        "(?s)\"body\": \\{\"triggeredBy\".*?\"badgeMetaId\": \"[0-9a-f]+\"\\}", "\"body\": {}"));
    }

    /** Operation "Approve or reject a request" (PUT …/{requestType}): approved, forwarded, its answer kept. */
    @Test
    void approveOrRejectARequest() {
        Flow flow = new Flow();
        String requestId = flow.maker().body(flow.earnRequest()).post(FLOW + "EARN-BADGE").then().statusCode(200)
                .extract().jsonPath().getString("data.requestId");
        Response approved = expect(flow.checker().body(fill("""
                {"requestId": "${requestId}", "actionName": "AdminTask",
                 "payload": {"AdminTask-Payload": {"actionDecision": "approved",
                   "actionMessage": "approving the request"}}}""", Map.of("requestId", requestId)))
                .put(FLOW + "EARN-BADGE"), 200, DECIDED_ANSWER);
        assertEquals("approved", approved.jsonPath().getString("data.details.AdminTask_Output"));
        assertTrue(approved.jsonPath().getMap("data.details.IntouchAPITask_Output.headers").keySet().stream()
                .noneMatch(name -> name.toString().toLowerCase().contains("cookie")));

        String other = flow.maker().body(flow.earnRequest()).post(FLOW + "EARN-BADGE").then().statusCode(200)
                .extract().jsonPath().getString("data.requestId");
        Response rejected = expect(flow.checker().body(fill("""
                {"requestId": "${requestId}", "actionName": "AdminTask",
                 "payload": {"AdminTask-Payload": {"actionDecision": "rejected", "actionMessage": "no"}}}""",
                Map.of("requestId", other))).put(FLOW + "EARN-BADGE"), 200, REQUEST_ANSWER);
        assertEquals("rejected", rejected.jsonPath().getString("data.details.AdminTask_Output"));
        assertEquals("rejected", rejected.jsonPath().getString("data.state"));
    }

    /** Operation "Get details of all requests": the requests are data, paging beside it. */
    @Test
    void getDetailsOfAllRequests() {
        Flow flow = new Flow();
        flow.maker().body(flow.earnRequest()).post(FLOW + "EARN-BADGE").then().statusCode(200);
        flow.maker().body(flow.earnRequest()).post(FLOW + "EARN-BADGE").then().statusCode(200);
        Response list = expect(Orgs.as(flow.org).queryParam("sortBy", "startDate").queryParam("sortOrder", "asc")
                .queryParam("conceptId", "").queryParam("zoneId", "").queryParam("storeId", "")
                .queryParam("startDate", java.time.LocalDate.now().minusDays(1).toString()).queryParam("endDate", "")
                .queryParam("states", "AdminTask").queryParam("limit", 1).queryParam("PageNo", 2)
                .get(FLOW + "requests"), 200, """
                {"data": [%s],
                 "pagination": {"totalElements": 3, "totalPages": 1, "numberOfElements": 3, "number": 0}}"""
                .formatted(VendorShape.read(REQUEST_ANSWER).get("data").toString()));
        assertEquals(2, list.jsonPath().getInt("pagination.totalElements"));
        assertEquals(1, list.jsonPath().getInt("pagination.number"));
        assertEquals(1, list.jsonPath().getInt("pagination.numberOfElements"));
    }

    /** Operation "Get details of a particular request". */
    @Test
    void getDetailsOfAParticularRequest() {
        Flow flow = new Flow();
        String requestId = flow.maker().body(flow.earnRequest()).post(FLOW + "EARN-BADGE").then().statusCode(200)
                .extract().jsonPath().getString("data.requestId");
        expect(Orgs.as(flow.org).get(FLOW + "requests/" + requestId), 200, REQUEST_ANSWER);
    }

    /** An org with a customer, a claimed EARN badge, a maker whose Basic credential the payloads carry, a checker. */
    static final class Flow {
        final long org = Orgs.fresh();
        final long customer;
        final String badge;
        final String authorization;

        Flow() {
            customer = Orgs.as(org).contentType(ContentType.JSON).body(Map.of("externalId", "vw-" + org))
                    .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath().getLong("data.customerId");
            badge = Orgs.as(org).contentType(ContentType.JSON).header("X-CAP-BADGES-MIGRATION", "migration")
                    .body(Map.of("name", "vw-" + UUID.randomUUID(), "startOn", now() - DAY, "expiresOn", now() + 30 * DAY,
                            "earnType", "EARN", "ownership", Map.of("restrictedToOwners", List.of("Goodwill_Module"))))
                    .post("/api_gateway/v1/badges/badgeMeta").then().statusCode(201).extract().jsonPath()
                    .getString("data.id");
            String username = "till." + org;
            given().header("Authorization", Tokens.basic(MemoryStoreResource.ADMIN, MemoryStoreResource.ADMIN_PASSWORD))
                    .contentType(ContentType.JSON).body(Map.of("username", username, "password", "till-password-1",
                            "roles", List.of("OrgAdmin"), "orgId", org))
                    .post("/api_gateway/v1/admin/users").then().statusCode(201);
            authorization = Tokens.basic(username, "till-password-1");
        }

        RequestSpecification maker() {
            return given().header("X-CAP-API-OAUTH-TOKEN", Tokens.valid(1001, "maker.one", org, "CanMakeRequest"))
                    .contentType(ContentType.JSON);
        }

        RequestSpecification checker() {
            return given().header("X-CAP-UI-AUTH-TOKEN", Tokens.valid(1002, "checker.one", org, "CanCheckRequest"))
                    .contentType(ContentType.JSON);
        }

        String earnRequest() {
            return fill(EARN_BADGE_REQUEST, Map.of("customer", customer, "requestId", "wf-" + UUID.randomUUID(),
                    "badge", badge, "authorization", authorization));
        }
    }
}
