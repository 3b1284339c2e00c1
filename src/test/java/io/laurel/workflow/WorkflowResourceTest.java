package io.laurel.workflow;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import io.laurel.common.LaurelConfig;
import io.laurel.support.CommandCounter;
import io.laurel.support.DripTarget;
import io.laurel.support.Bodies;
import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.Parallel;
import io.laurel.support.TestTarget;
import io.laurel.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
@SuppressWarnings("unchecked")
class WorkflowResourceTest {

    static final String FLOW = "/api_gateway/v2/request-workflow/";

    @Inject
    WorkflowService workflow;

    @Inject
    Forwards forwards;

    @Inject
    EarlierRequests earlierRequests;

    @Inject
    io.laurel.outbox.Outbox outbox;

    @Inject
    LaurelConfig config;

    @ConfigProperty(name = "quarkus.mongodb.connection-string")
    String store;

    long org;
    String basic;
    long customer;

    @BeforeEach
    void anOrgWithAServiceUserAndACustomer() {
        org = Orgs.fresh();
        basic = Orgs.serviceUser(org);
        customer = Orgs.as(org).contentType(ContentType.JSON).body(Map.of("externalId", "wf-" + org))
                .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath().getLong("data.customerId");
    }

    RequestSpecification maker() {
        return given().header("X-CAP-UI-AUTH-TOKEN", Tokens.valid(1001, "maker.one", org, "CanMakeRequest"));
    }

    RequestSpecification checker() {
        return given().header("X-CAP-UI-AUTH-TOKEN", Tokens.valid(1002, "checker.one", org, "CanCheckRequest"));
    }

    Map<String, Object> request(String hostname, String path, Map<String, Object> body, Map<String, String> headers) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("hostname", hostname);
        task.put("path", path);
        task.put("method", "POST");
        task.put("pathParams", Map.of());
        task.put("queryParams", Map.of());
        task.put("body", body);
        task.put("headers", headers);
        return Map.of("entityInfo", Map.of("tillId", "50682289", "storeId", "50682288", "zoneId", "50682286",
                "conceptId", "50678331"), "payload", Map.of("IntouchAPITask-Payload", task));
    }

    Map<String, Object> goodwill(String hostname, String reference, int points) {
        return request(hostname, "/internal/goodwill/", Bodies.goodwill(customer, reference, points), headers());
    }

    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", basic);
        headers.put("content-type", "application/json");
        headers.put("X-CAP-API-AUTH-ORG-ID", Long.toString(org));
        return headers;
    }

    ValidatableResponse make(String type, Map<String, Object> body) {
        return maker().contentType(ContentType.JSON).body(body).post(FLOW + type).then();
    }

    ValidatableResponse decide(RequestSpecification who, String type, String requestId, String decision) {
        return who.contentType(ContentType.JSON).body(Map.of("requestId", requestId, "actionName", "AdminTask",
                "payload", Map.of("AdminTask-Payload", Map.of("actionDecision", decision, "actionMessage", "checked"))))
                .put(FLOW + type).then();
    }

    long balance() {
        return Orgs.as(org).get("/api_gateway/v1/points/customer/" + customer).then().statusCode(200).extract()
                .jsonPath().getLong("data.balance");
    }

    String badge(String earnType, String owner) {
        return Orgs.as(org).contentType(ContentType.JSON).header("X-CAP-BADGES-MIGRATION", "migration")
                .body(Map.of("name", "wf-" + UUID.randomUUID(), "startOn", Instant.now().getEpochSecond() - 86_400,
                        "expiresOn", Instant.now().getEpochSecond() + 86_400 * 30, "earnType", earnType,
                        "ownership", Map.of("restrictedToOwners", List.of(owner),
                                "claims", List.of(Map.of("ownerType", owner, "referenceId", "1")))))
                .post("/api_gateway/v1/badges/badgeMeta").then().statusCode(201).extract().jsonPath().getString("data.id");
    }

    @Test
    void aGoodwillRequestIsMadeInTheSeedsShapeApprovedAndApplied() {
        String reference = "ref-" + UUID.randomUUID();
        JsonPath made = make("GOODWILL-POINTS", goodwill("", reference, 20)).statusCode(200)
                .body("errors.size()", equalTo(0))
                .body("data.requestId", matchesPattern("[0-9a-f-]{36}"))
                .body("data.userId", equalTo((int) Tokens.userId(1001)))
                .body("data.userName", equalTo("maker.one"))
                .body("data.requestType", equalTo("goodwill-points"))
                .body("data.state", equalTo("AdminTask"))
                .body("data.startTime", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"))
                .body("data.endTime", nullValue())
                .body("data.details.'IntouchAPITask-Payload'.path", equalTo("/internal/goodwill/"))
                .body("data.details.'IntouchAPITask-Payload'.body.referenceId", equalTo(reference))
                .body("data.details.'IntouchAPITask-Payload'.headers.Authorization", equalTo("****"))
                .body("data.details.ValidateMakerAccess_Output", equalTo(true))
                .body("data.details.ValidatePayload_Output", equalTo(true))
                .extract().jsonPath();
        String requestId = made.getString("data.requestId");
        assertEquals(0, balance(), "nothing happens before a checker approves");

        decide(checker(), "GOODWILL-POINTS", requestId, "approved").statusCode(200)
                .body("data.state", equalTo("approved"))
                .body("data.endTime", notNullValue())
                .body("data.details.'AdminTask-Payload'.actionDecision", equalTo("approved"))
                .body("data.details.AdminTask_Output", equalTo("approved"))
                .body("data.details.ValidateCheckerAccess_Output", equalTo(true))
                .body("data.details.IntouchAPITask_Output.status", equalTo(201))
                .body("data.details.IntouchAPITask_Output.body.createdId", notNullValue());
        assertEquals(20, balance());
        checker().get(FLOW + "requests/" + requestId).then().statusCode(200).body("data.state", equalTo("approved"));
    }

    @Test
    void everyTransitionIsInTheRequestsHistoryWithItsActorTimeAndMessage() {
        String approved = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 5)).statusCode(200)
                .body("data.history", hasSize(1))
                .body("data.history[0].action", equalTo("created"))
                .body("data.history[0].state", equalTo("AdminTask"))
                .body("data.history[0].userName", equalTo("maker.one"))
                .extract().jsonPath().getString("data.requestId");
        decide(checker(), "GOODWILL-POINTS", approved, "approved").statusCode(200)
                .body("data.history.action", equalTo(List.of("created", "approved", "completed")))
                .body("data.history.state", equalTo(List.of("AdminTask", "IntouchAPITask", "approved")))
                .body("data.history[1].userId", equalTo((int) Tokens.userId(1002)))
                .body("data.history[1].userName", equalTo("checker.one"))
                .body("data.history[1].message", equalTo("checked"))
                .body("data.history[2].userId", nullValue())
                .body("data.history[2].outputStatus", equalTo(201))
                .body("data.history[2].at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"));

        String rejected = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 6)).statusCode(200)
                .extract().jsonPath().getString("data.requestId");
        decide(checker(), "GOODWILL-POINTS", rejected, "rejected").statusCode(200);
        // The rejection and its message are kept, in the list as in GET.
        checker().queryParam("states", "rejected").get(FLOW + "requests").then().statusCode(200)
                .body("data.find { it.requestId == '" + rejected + "' }.history.action",
                        equalTo(List.of("created", "rejected")))
                .body("data.find { it.requestId == '" + rejected + "' }.history[1].message", equalTo("checked"));
    }

    @Test
    void theMakerOrAnOrgAdminCancelsARequestWaitingForACheckerAndNothingIsForwarded() {
        String mine = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 7)).statusCode(200)
                .extract().jsonPath().getString("data.requestId");
        // Another maker may not; a checker may not.
        given().header("X-CAP-UI-AUTH-TOKEN", Tokens.valid(1003, "maker.two", org, "CanMakeRequest"))
                .post(FLOW + "requests/" + mine + "/cancel").then().statusCode(403).body("errors[0].code", equalTo(403));
        checker().post(FLOW + "requests/" + mine + "/cancel").then().statusCode(403);
        // The maker, without a body.
        maker().post(FLOW + "requests/" + mine + "/cancel").then().statusCode(200)
                .body("data.state", equalTo("cancelled"))
                .body("data.endTime", notNullValue())
                .body("data.history.action", equalTo(List.of("created", "cancelled")))
                .body("data.history[1].userName", equalTo("maker.one"));
        maker().post(FLOW + "requests/" + mine + "/cancel").then().statusCode(400);
        decide(checker(), "GOODWILL-POINTS", mine, "approved").statusCode(400);
        assertEquals(0, balance(), "a cancelled request is never forwarded");

        // An OrgAdmin, with a reason; an identical request may be made again once the first is cancelled.
        String reference = "ref-" + UUID.randomUUID();
        String other = make("GOODWILL-POINTS", goodwill("", reference, 8)).statusCode(200).extract().jsonPath()
                .getString("data.requestId");
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("message", "made twice"))
                .post(FLOW + "requests/" + other + "/cancel").then().statusCode(200)
                .body("data.state", equalTo("cancelled")).body("data.history[1].message", equalTo("made twice"));
        make("GOODWILL-POINTS", goodwill("", reference, 8)).statusCode(200);
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("message", "x".repeat(501)))
                .post(FLOW + "requests/" + other + "/cancel").then().statusCode(400);
        Orgs.as(org).post(FLOW + "requests/no-such-request/cancel").then().statusCode(404);
        Orgs.as(Orgs.fresh()).post(FLOW + "requests/" + other + "/cancel").then().statusCode(404);
        checker().queryParam("states", "cancelled").get(FLOW + "requests").then().statusCode(200)
                .body("data.requestId", hasItems(mine, other));
    }

    @Test
    void anEarnBadgeRequestFromSeed000EarnsTheBadge() {
        // Seed 000's Authorization is ab124:25d55ad283aa400af464c76d713c07ad: that user exists in this org here.
        given().header("Authorization", Tokens.basic(MemoryStoreResource.ADMIN, MemoryStoreResource.ADMIN_PASSWORD))
                .contentType(ContentType.JSON).body(Map.of("username", "ab124." + org,
                        "password", "25d55ad283aa400af464c76d713c07ad", "roles", List.of("CanMakeRequest"), "orgId", org))
                .post("/api_gateway/v1/admin/users").then().statusCode(201);
        String badge = badge("EARN", "Goodwill_Module");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("triggeredBy", Map.of("ownerType", "Goodwill_Module", "referenceId", "123"));
        body.put("customerId", customer);
        body.put("requestId", "0f932928-9878-441c-a78e-" + UUID.randomUUID().toString().substring(0, 12));
        body.put("badgeMetaId", badge);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", Tokens.basic("ab124." + org, "25d55ad283aa400af464c76d713c07ad"));
        headers.put("content-type", "application/json");
        String requestId = make("EARN-BADGE", request("", "/api_gateway/v1/badges/customer/earn", body, headers))
                .statusCode(200).body("data.requestType", equalTo("earn-badge")).extract().jsonPath()
                .getString("data.requestId");
        decide(checker(), "EARN-BADGE", requestId, "approved").statusCode(200).body("data.state", equalTo("approved"))
                .body("data.details.IntouchAPITask_Output.body.data.earnedCount", equalTo(1));
        Orgs.as(org).get("/api_gateway/v1/badges/badgeMeta/" + badge).then().body("data.earnedCount", equalTo(1));
    }

    /** A vendor page's example body as written, but for the hostname (this service) and the Authorization. */
    Map<String, Object> vendorExample(String json) {
        Map<String, Object> body = io.restassured.path.json.JsonPath.from(json).getMap("$");
        Map<String, Object> task = (Map<String, Object>) ((Map<String, Object>) body.get("payload"))
                .get("IntouchAPITask-Payload");
        task.put("hostname", "");
        ((Map<String, Object>) task.get("headers")).put("Authorization", basic);
        return body;
    }

    static final String STATUS_CHANGE_EXAMPLE = """
            {
                "entityInfo": { "tillId" : "50682289", "storeId": "50682288", "zoneId": "50682286", "conceptId": "50678331" },
                "payload": {
                    "IntouchAPITask-Payload": {
                        "hostname": "<https://eu.api.capillarytech.com>",
                        "path": "/v2/customers/lookup/status",
                        "method": "POST",
                        "pathParams": {},
                        "queryParams": { "source": "INSTORE", "accountId": "", "use_async": "false",
                            "identifierName": "mobile", "identifierValue": "919780375690" },
                        "body": { "reason": "testing", "label": "Suspended" },
                        "headers": { "Authorization": "Basic cHVuLjAxOjIwMmNiOTYyYWM1OTA3NWI5NjRiMDcxNTJkMjM0Yjcw",
                            "content-type": "application/json" }
                    }
                }
            }""";

    static final String REDEMPTION_EXAMPLE = """
            {
                "entityInfo": { "tillId" : "50682289", "storeId": "50682288", "zoneId": "50682286", "conceptId": "50678331" },
                "payload": {
                    "IntouchAPITask-Payload" : {
                        "hostname" : "<https://crm-nightly-new.cc.capillarytech.com>",
                        "path": "/v1.1/points/redeem",
                        "method": "POST",
                        "pathParams" : {},
                        "queryParams" : { "skip_validation" :"true", "format" : "json" },
                        "body": { "root": { "redeem": {
                            "points_redeemed": "100",
                            "customer": { "mobile": "9877792149" },
                            "redemption_time": "2020-04-15 23:01:46",
                            "transaction_number": "numbr892723330323421971280",
                            "notes": "Redemption by SMS",
                            "external_reference_number": "ACR-583523332039150121"
                        } } },
                        "headers": { "Authorization": "Basic aW5kLjE6MjAyY2I5NjJhYzU5MDc1Yjk2NGIwNzE1MmQyMzRiNzA=",
                            "content-type": "application/json", "X-CAP-CLIENT-SIGNATURE": "jatin" }
                    }
                }
            }""";

    @Test
    void aCustomerStatusChangeFromTheVendorsExampleIsSentAsPutAndSetsTheStatus() {
        long suspended = Orgs.as(org).contentType(ContentType.JSON).body(Map.of("mobile", "919780375690"))
                .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath().getLong("data.customerId");
        String requestId = make("CUSTOMER-STATUS-CHANGE", vendorExample(STATUS_CHANGE_EXAMPLE)).statusCode(200)
                .body("data.requestType", equalTo("customer-status-change"))
                .body("data.state", equalTo("AdminTask"))
                .body("data.details.IntouchAPITask-Payload.method", equalTo("PUT"))
                .body("data.details.IntouchAPITask-Payload.headers.Authorization", equalTo("****"))
                .extract().jsonPath().getString("data.requestId");
        Orgs.as(org).get("/api_gateway/v1/customers/" + suspended).then().body("data.status.label", equalTo("Active"));
        decide(checker(), "CUSTOMER-STATUS-CHANGE", requestId, "approved").statusCode(200)
                .body("data.state", equalTo("approved"))
                .body("data.details.IntouchAPITask_Output.status", equalTo(200))
                .body("data.details.IntouchAPITask_Output.body.data.status.label", equalTo("Suspended"));
        Orgs.as(org).get("/api_gateway/v1/customers/" + suspended).then().body("data.status.label", equalTo("Suspended"))
                .body("data.status.reason", equalTo("testing")).body("data.statusHistory", hasSize(1));
        // an unknown label is refused when the request is made, by the target's own rules
        Map<String, Object> bad = vendorExample(STATUS_CHANGE_EXAMPLE);
        ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) bad.get("payload"))
                .get("IntouchAPITask-Payload")).get("body")).put("label", "Platinum");
        make("CUSTOMER-STATUS-CHANGE", bad).statusCode(400).body("errors[0].reference", equalTo("label"));
        // GET or DELETE is no method for it
        Map<String, Object> get = vendorExample(STATUS_CHANGE_EXAMPLE);
        ((Map<String, Object>) ((Map<String, Object>) get.get("payload")).get("IntouchAPITask-Payload"))
                .put("method", "GET");
        make("CUSTOMER-STATUS-CHANGE", get).statusCode(400)
                .body("errors[0].reference", equalTo("payload.IntouchAPITask-Payload.method"));
    }

    @Test
    void aPointsRedemptionFromTheVendorsExampleRedeemsOnceApproved() {
        long redeemer = Orgs.as(org).contentType(ContentType.JSON).body(Map.of("mobile", "9877792149"))
                .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath().getLong("data.customerId");
        Orgs.as(org).contentType(ContentType.JSON).body(Bodies.goodwill(redeemer, "gw-" + UUID.randomUUID(), 120))
                .post("/internal/goodwill/").then().statusCode(201);
        String requestId = make("POINTS-REDEMPTION", vendorExample(REDEMPTION_EXAMPLE)).statusCode(200)
                .body("data.requestType", equalTo("points-redemption"))
                .body("data.details.IntouchAPITask-Payload.headers.X-CAP-CLIENT-SIGNATURE", equalTo("****"))
                .extract().jsonPath().getString("data.requestId");
        decide(checker(), "POINTS-REDEMPTION", requestId, "approved").statusCode(200)
                .body("data.state", equalTo("approved"))
                .body("data.details.IntouchAPITask_Output.body.data.balance", equalTo(20));
        Orgs.as(org).get("/api_gateway/v1/points/customer/" + redeemer).then().body("data.balance", equalTo(20))
                .body("data.goodwill[0].type", equalTo("REDEMPTION"));
        // the same reference again: refused when made (744 from the target's validation)
        make("POINTS-REDEMPTION", vendorExample(REDEMPTION_EXAMPLE)).statusCode(400)
                .body("errors[0].code", equalTo(744));
        // more than the balance: refused when made
        Map<String, Object> more = vendorExample(REDEMPTION_EXAMPLE.replace("ACR-583523332039150121", "ACR-2")
                .replace("\"100\"", "\"21\""));
        make("POINTS-REDEMPTION", more).statusCode(400).body("errors[0].code", equalTo(1210));
    }

    @Test
    void anIssueBadgeRequestIssuesTheBadge() {
        String badge = badge("ISSUE_EARN", "Loyalty");
        Map<String, Object> body = Map.of("badgeMetaId", badge, "customers", List.of(customer),
                "requestId", "wf-" + UUID.randomUUID(), "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "1"));
        String requestId = make("ISSUE-BADGE", request("", "/api_gateway/v1/badges/badgeMeta/customer/issueBulk",
                body, headers())).statusCode(200).body("data.requestType", equalTo("issue-badge"))
                .extract().jsonPath().getString("data.requestId");
        decide(checker(), "ISSUE-BADGE", requestId, "approved").statusCode(200).body("data.state", equalTo("approved"));
        Orgs.as(org).get("/api_gateway/v1/badges/badgeMeta/" + badge).then().body("data.issuedCount", equalTo(1));
    }

    @Inject
    CommandCounter commands;

    @Test
    void makingAndApprovingCostAFixedNumberOfRoundTrips() {
        commands.reset();
        String requestId = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 2)).statusCode(200)
                .extract().jsonPath().getString("data.requestId");
        // the target's validation (the payload's Basic user, its wrong-password count before the first bcrypt check,
        // customer, reference), then the request itself
        assertEquals(5, commands.commands().size(), commands.commands().toString());
        commands.reset();
        decide(checker(), "GOODWILL-POINTS", requestId, "approved").statusCode(200).body("data.state", equalTo("approved"));
        // find, decide; the target's Basic user, customer, sequence and entry; the outcome
        assertEquals(7, commands.commands().size(), commands.commands().toString());
    }

    @Test
    void aRejectedRequestEndsWithoutEffect() {
        String requestId = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 5)).statusCode(200)
                .extract().jsonPath().getString("data.requestId");
        decide(checker(), "GOODWILL-POINTS", requestId, "rejected").statusCode(200)
                .body("data.state", equalTo("rejected")).body("data.endTime", notNullValue())
                .body("data.details.'AdminTask-Payload'.actionDecision", equalTo("rejected"))
                .body("data.details.AdminTask_Output", equalTo("rejected"))
                .body("data.details.IntouchAPITask_Output", nullValue());
        decide(checker(), "GOODWILL-POINTS", requestId, "approved").statusCode(400);
        assertEquals(0, balance());
    }

    @Test
    void rolesAndTheMakerOwnDecisionAreEnforced() {
        given().header("X-CAP-UI-AUTH-TOKEN", Tokens.valid(1003, "nobody", org, "CanCheckRequest"))
                .contentType(ContentType.JSON).body(goodwill("", "ref-x", 5)).post(FLOW + "GOODWILL-POINTS").then()
                .statusCode(403);
        Orgs.as(org).queryParam("limit", "100").get(FLOW + "requests").then().body("pagination.totalElements", equalTo(0));
        String requestId = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 5)).statusCode(200)
                .extract().jsonPath().getString("data.requestId");
        given().header("X-CAP-UI-AUTH-TOKEN", Tokens.valid(1001, "maker.one", org, "CanMakeRequest", "CanCheckRequest"))
                .contentType(ContentType.JSON).body(Map.of("requestId", requestId, "actionName", "AdminTask", "payload",
                        Map.of("AdminTask-Payload", Map.of("actionDecision", "approved"))))
                .put(FLOW + "GOODWILL-POINTS").then().statusCode(403);
        decide(maker(), "GOODWILL-POINTS", requestId, "approved").statusCode(403);
        decide(given().header("X-CAP-UI-AUTH-TOKEN", Tokens.valid(1002, "checker.one", Orgs.fresh(), "CanCheckRequest")),
                "GOODWILL-POINTS", requestId, "approved").statusCode(404);
        decide(checker(), "EARN-BADGE", requestId, "approved").statusCode(400);
        assertEquals(0, balance());
    }

    @Test
    void twoCheckersAtOnceDecideOnce() throws Exception {
        String requestId = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 3)).statusCode(200)
                .extract().jsonPath().getString("data.requestId");
        List<Integer> statuses = Parallel.run(6, i -> decide(given().header("X-CAP-UI-AUTH-TOKEN",
                Tokens.valid(2000 + i, "checker" + i, org, "CanCheckRequest")), "GOODWILL-POINTS", requestId,
                i % 2 == 0 ? "approved" : "rejected").extract().statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertTrue(balance() == 0 || balance() == 3);
    }

    @Test
    void aDuplicateOfAPendingRequestIs409() {
        Map<String, Object> body = goodwill("", "ref-" + UUID.randomUUID(), 9);
        String first = make("GOODWILL-POINTS", body).statusCode(200).extract().jsonPath().getString("data.requestId");
        make("GOODWILL-POINTS", body).statusCode(409).body("errors[0].code", equalTo(409));
        decide(checker(), "GOODWILL-POINTS", first, "rejected").statusCode(200);
        make("GOODWILL-POINTS", body).statusCode(200);
    }

    @Test
    void aUsedReferenceEndsFailedWithThe744Answer() {
        String reference = "ref-" + UUID.randomUUID();
        String requestId = make("GOODWILL-POINTS", goodwill("", reference, 20)).statusCode(200).extract().jsonPath()
                .getString("data.requestId");
        given().header("Authorization", basic).contentType(ContentType.JSON)
                .body(((Map<?, ?>) ((Map<?, ?>) goodwill("", reference, 1).get("payload")).get("IntouchAPITask-Payload"))
                        .get("body"))
                .post("/internal/goodwill/").then().statusCode(201);
        decide(checker(), "GOODWILL-POINTS", requestId, "approved").statusCode(200)
                .body("data.state", equalTo("failed")).body("data.endTime", notNullValue())
                .body("data.details.IntouchAPITask_Output.status", equalTo(400))
                .body("data.details.IntouchAPITask_Output.body.errors[0].code", equalTo(744));
        assertEquals(1, balance());
    }

    @Test
    void invalidPayloadsAreRefusedWithTheTargetsOwnCodes() {
        make("BONUS-POINTS", goodwill("", "r", 1)).statusCode(400).body("errors[0].reference", equalTo("requestType"));
        Map<String, Object> wrongPath = request("", "/api_gateway/v1/badges/customer/earn", Map.of("x", 1), headers());
        make("GOODWILL-POINTS", wrongPath).statusCode(400)
                .body("errors[0].reference", equalTo("payload.IntouchAPITask-Payload.path"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("badgeMetaId", "0123456789abcdef01234567");
        body.put("customerId", customer);
        body.put("requestId", "r-" + UUID.randomUUID());
        body.put("triggeredBy", Map.of("ownerType", "Loyalty"));
        make("EARN-BADGE", request("", "/api_gateway/v1/badges/customer/earn", body, headers())).statusCode(400)
                .body("errors[0].code", equalTo(404));
        Map<String, String> otherOrg = headers();
        otherOrg.put("X-CAP-API-AUTH-ORG-ID", "7");
        make("GOODWILL-POINTS", request("", "/internal/goodwill/", Map.of("referenceId", "r"), otherOrg)).statusCode(403);
        Map<String, String> wrongPassword = headers();
        wrongPassword.put("Authorization", Tokens.basic("svc." + org, "nope-nope"));
        make("GOODWILL-POINTS", request("", "/internal/goodwill/", (Map<String, Object>) ((Map<?, ?>) ((Map<?, ?>) goodwill(
                "", "r-" + UUID.randomUUID(), 1).get("payload")).get("IntouchAPITask-Payload")).get("body"), wrongPassword))
                .statusCode(400);
        make("GOODWILL-POINTS", goodwill("", "r-" + UUID.randomUUID(), 0)).statusCode(400)
                .body("errors[0].reference", equalTo("points"));
        Orgs.as(org).queryParam("limit", "100").get(FLOW + "requests").then().body("pagination.totalElements", equalTo(0));
    }

    @Test
    void hostnamesOutsideTheAllowListAreRefusedWithoutAConnection() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            for (String hostname : List.of("http://169.254.169.254", "http://127.0.0.1:" + port,
                    "http://localhost:" + port, "http://0.0.0.0:" + port, "http://[::1]:" + port,
                    "http://2130706433:" + port, "http://0x7f000001:" + port, "file:///etc/passwd",
                    "gopher://127.0.0.1:" + port, "http://user:secret@127.0.0.1:" + MemoryStoreResource.TARGET_PORT,
                    "http://metadata.google.internal", TestTarget.url() + "/elsewhere", "ftp://127.0.0.1")) {
                make("GOODWILL-POINTS", goodwill(hostname, "r-" + UUID.randomUUID(), 1)).statusCode(400)
                        .body("errors[0].reference", equalTo("payload.IntouchAPITask-Payload.hostname"));
            }
            assertNull(listener.accept(), "a refused hostname was connected to");
        }
    }

    /** A goodwill request of 20 points, sent to the {@link TestTarget} once approved; its requestId. */
    private String goodwillThroughTarget() {
        return make("GOODWILL-POINTS", goodwill(TestTarget.url(), "ref-" + UUID.randomUUID(), 20))
                .statusCode(200).extract().jsonPath().getString("data.requestId");
    }

    /** Test data: the request was made {@code days} ago (as if that time had passed). */
    private void madeDaysAgo(String requestId, int days) {
        try (MongoClient client = MongoClients.create(store)) {
            client.getDatabase("laurel").getCollection("workflow_requests").updateOne(
                    Filters.eq("requestId", requestId), com.mongodb.client.model.Updates.set("startTime",
                            java.util.Date.from(Instant.now().minus(Duration.ofDays(days)))));
        }
    }

    @Test
    void aRequestPastItsDeadlineExpiresFailClosedAndIsNeverForwarded() {
        String decided = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 9)).statusCode(200)
                .extract().jsonPath().getString("data.requestId");
        String swept = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 10)).statusCode(200)
                .extract().jsonPath().getString("data.requestId");
        String young = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 11)).statusCode(200)
                .extract().jsonPath().getString("data.requestId");
        madeDaysAgo(decided, 8);
        madeDaysAgo(swept, 8);
        madeDaysAgo(young, 6);
        // A checker's approval after the deadline is refused, and the request expires at once.
        decide(checker(), "GOODWILL-POINTS", decided, "approved").statusCode(400)
                .body("errors[0].message", containsString("expired"));
        checker().get(FLOW + "requests/" + decided).then().statusCode(200)
                .body("data.state", equalTo("expired")).body("data.endTime", notNullValue())
                .body("data.history.action", equalTo(List.of("created", "expired")))
                .body("data.history[1].userId", nullValue())
                .body("data.history[1].message", containsString("P7D"));
        // The sweep expires the others past theirs, once; a younger one waits on.
        assertTrue(workflow.expireOverdue(1_000).await().atMost(Duration.ofSeconds(30)) >= 1);
        assertEquals(0, workflow.expireOverdue(1_000).await().atMost(Duration.ofSeconds(30)), "each expires once");
        checker().get(FLOW + "requests/" + swept).then().body("data.state", equalTo("expired"));
        maker().post(FLOW + "requests/" + swept + "/cancel").then().statusCode(400);
        checker().get(FLOW + "requests/" + young).then().body("data.state", equalTo("AdminTask"));
        assertEquals(0, balance(), "nothing was forwarded");
        checker().queryParam("states", "expired").get(FLOW + "requests").then().statusCode(200)
                .body("data.requestId", hasItems(decided, swept));
    }

    @Test
    void aTwoHundredWhoseEnvelopeCarriesErrorsEndsFailedWithTheAnswerKept() throws Exception {
        try (TestTarget target = TestTarget.start()) {
            target.mode(TestTarget.Mode.ERRORS_IN_OK);
            String requestId = goodwillThroughTarget();
            decide(checker(), "GOODWILL-POINTS", requestId, "approved").statusCode(200)
                    .body("data.state", equalTo("failed"))
                    .body("data.details.IntouchAPITask_Output.status", equalTo(200))
                    .body("data.details.IntouchAPITask_Output.contentType", equalTo("application/json"))
                    .body("data.details.IntouchAPITask_Output.body.errors[0].code", equalTo(744))
                    .body("data.history[-1].action", equalTo("failed"))
                    .body("data.history[-1].outputStatus", equalTo(200));
            assertEquals(List.of("POST /internal/goodwill/ -> 204", "POST /internal/goodwill/ -> 200 (744)"),
                    target.calls, "validated, then sent once");
        }
        assertEquals(0, balance());
    }

    @Test
    void aTargetThatIsDownThenBackEndsApprovedWithOneEffect() throws Exception {
        String requestId;
        try (TestTarget target = TestTarget.start()) {
            requestId = goodwillThroughTarget();
        }
        decide(checker(), "GOODWILL-POINTS", requestId, "approved").statusCode(200)
                .body("data.state", equalTo("IntouchAPITask")).body("data.endTime", nullValue())
                .body("data.details.IntouchAPITask_Output.status", equalTo(0));
        assertEquals(0, balance());
        // The outbox's backlog shows it: due in the workflow queue, and the metrics say so.
        io.laurel.outbox.Backlog waiting = outbox.measure().await().atMost(Duration.ofSeconds(30)).get("workflow");
        assertTrue(waiting.due() >= 1, "the unsent forward is due: " + waiting);
        given().port(MemoryStoreResource.MANAGEMENT_PORT).get("/q/metrics").then().statusCode(200)
                .body(containsString("laurel_outbox_due{queue=\"workflow\"} " + waiting.due()
                        + ".0\n"))
                .body(containsString("laurel_outbox_oldest_seconds{queue=\"workflow\"}"));
        try (TestTarget target = TestTarget.start()) {
            forwards.drain(10).await().atMost(Duration.ofSeconds(30));
            assertEquals(List.of("POST /internal/goodwill/ -> 201"), target.calls);
        }
        long left = outbox.measure().await().atMost(Duration.ofSeconds(30)).get("workflow").due();
        assertTrue(left < waiting.due(), "sent, it left the backlog: " + left + " of " + waiting.due());
        checker().get(FLOW + "requests/" + requestId).then().body("data.state", equalTo("approved"))
                .body("data.details.IntouchAPITask_Output.status", equalTo(201));
        assertEquals(20, balance());
    }

    @Test
    void aResendAfterALostAnswerNeverAppliesTwice() throws Exception {
        try (TestTarget target = TestTarget.start()) {
            String requestId = goodwillThroughTarget();
            target.mode(TestTarget.Mode.LOSE_ANSWER);
            decide(checker(), "GOODWILL-POINTS", requestId, "approved").statusCode(200)
                    .body("data.state", equalTo("IntouchAPITask"));
            target.mode(TestTarget.Mode.PASS);
            forwards.drain(10).await().atMost(Duration.ofSeconds(30));
            // The first send took effect though its answer was lost; the resend is refused as already used.
            assertEquals(List.of("POST /internal/goodwill/ -> 204", "POST /internal/goodwill/ -> 201",
                    "POST /internal/goodwill/ -> 400"), target.calls);
            checker().get(FLOW + "requests/" + requestId).then().body("data.state", equalTo("approved"))
                    .body("data.details.IntouchAPITask_Output.body.errors[0].code", equalTo(744));
        }
        assertEquals(20, balance());
    }

    @Test
    void aHugeAnswerIsCutAtTheLimitWithoutBeingReadWhole() throws Exception {
        try (TestTarget target = TestTarget.start()) {
            String requestId = goodwillThroughTarget();
            target.mode(TestTarget.Mode.HUGE_ANSWER);
            String output = decide(checker(), "GOODWILL-POINTS", requestId, "approved").statusCode(200)
                    .body("data.state", equalTo("approved"))
                    .body("data.details.IntouchAPITask_Output.status", equalTo(200))
                    .extract().jsonPath().getString("data.details.IntouchAPITask_Output.body");
            int limit = config.workflow().maxOutputBytes();
            assertTrue(output.startsWith("{\"pad\":\"xxx") && output.endsWith("…[truncated]"), output.substring(0, 20));
            assertEquals(limit + "…[truncated]".length(), output.length());
            long sent = target.hugeSent.get(30, TimeUnit.SECONDS);
            assertTrue(sent < TestTarget.HUGE, "the whole answer was read: " + sent);
        }
        assertEquals(20, balance());
    }

    @Test
    void theAuthorizationHeaderIsEncryptedAtRestAndNeverShownOrLogged() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try {
            String requestId = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 4)).statusCode(200)
                    .body(not(containsString(basic.substring(6)))).extract().jsonPath().getString("data.requestId");
            decide(checker(), "GOODWILL-POINTS", requestId, "approved").statusCode(200)
                    .body(not(containsString(basic.substring(6))));
            Orgs.as(org).get(FLOW + "requests").then().body(not(containsString(basic.substring(6))))
                    .body("data[0].details.'IntouchAPITask-Payload'.headers.Authorization", equalTo("****"));
            try (MongoClient client = MongoClients.create(store)) {
                Document stored = client.getDatabase("laurel").getCollection("workflow_requests")
                        .find(Filters.eq("requestId", requestId)).first();
                assertFalse(stored.toJson().contains(basic.substring(6)), stored.toJson());
                assertNotNull(stored.getString("sealedHeaders"));
            }
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        String secret = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
        assertTrue(logged.stream().anyMatch(l -> l.contains("after")), "the capture saw the forwarder's log: " + logged);
        assertTrue(logged.stream().noneMatch(l -> l.contains(basic.substring(6)) || l.contains(secret)), logged.toString());
    }

    @Test
    void everyCredentialHeaderIsSealedShownMaskedAndStillSent() {
        String token = Tokens.valid(77, "svc.token", org, "CanMakeRequest");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-CAP-API-OAUTH-TOKEN", token);
        headers.put("Cookie", "sid=cookie-secret-1");
        headers.put("X-CAP-UI-AUTH-TOKEN", "ui-secret-2");
        headers.put("X-Partner-Api-Key", "api-key-secret-3");
        headers.put("x-request-signature", "signature-secret-4");
        headers.put("X-Session-Id", "session-secret-5");
        headers.put("X-CAP-API-AUTH-ORG-ID", Long.toString(org));
        headers.put("X-Trace", "visible-trace");
        Map<String, Object> body = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) goodwill("",
                "ref-" + UUID.randomUUID(), 6).get("payload")).get("IntouchAPITask-Payload")).get("body");
        List<String> secrets = List.of(token, "cookie-secret-1", "ui-secret-2", "api-key-secret-3",
                "signature-secret-4", "session-secret-5");
        String made = make("GOODWILL-POINTS", request("", "/internal/goodwill/", body, headers)).statusCode(200)
                .body("data.details.'IntouchAPITask-Payload'.headers.X-Trace", equalTo("visible-trace"))
                .body("data.details.'IntouchAPITask-Payload'.headers.X-CAP-API-AUTH-ORG-ID", equalTo(Long.toString(org)))
                .extract().asString();
        JsonPath answer = JsonPath.from(made);
        for (String name : List.of("X-CAP-API-OAUTH-TOKEN", "Cookie", "X-CAP-UI-AUTH-TOKEN", "X-Partner-Api-Key",
                "x-request-signature", "X-Session-Id")) {
            assertEquals("****", answer.getString("data.details.'IntouchAPITask-Payload'.headers." + name), name);
        }
        String requestId = answer.getString("data.requestId");
        List<String> answers = List.of(made,
                decide(checker(), "GOODWILL-POINTS", requestId, "approved").statusCode(200)
                        .body("data.state", equalTo("approved")).extract().asString(),
                checker().get(FLOW + "requests/" + requestId).asString(),
                checker().get(FLOW + "requests").asString());
        for (String text : answers) {
            secrets.forEach(secret -> assertFalse(text.contains(secret), secret + " shown in " + text));
        }
        try (MongoClient client = MongoClients.create(store)) {
            String stored = client.getDatabase("laurel").getCollection("workflow_requests")
                    .find(Filters.eq("requestId", requestId)).first().toJson();
            secrets.forEach(secret -> assertFalse(stored.contains(secret), secret + " stored in clear: " + stored));
        }
        assertEquals(6, balance(), "the forward sent the real token");
    }

    @Test
    void credentialsThatAnEarlierVersionStoredInClearAreMaskedAndSealedAtStart() {
        String requestId = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 2)).statusCode(200)
                .extract().jsonPath().getString("data.requestId");
        String token = Tokens.valid(88, "legacy.service", org, "CanMakeRequest");
        try (MongoClient client = MongoClients.create(store)) {
            var collection = client.getDatabase("laurel").getCollection("workflow_requests");
            Document stored = collection.find(Filters.eq("requestId", requestId)).first();
            // What an earlier version wrote: only Authorization sealed, other credentials in the task in clear.
            String task = stored.getString("task").replace("\"headers\":{", "\"headers\":{\"X-CAP-API-OAUTH-TOKEN\":\""
                    + token + "\",");
            collection.updateOne(Filters.eq("requestId", requestId), com.mongodb.client.model.Updates.combine(
                    com.mongodb.client.model.Updates.set("task", task),
                    com.mongodb.client.model.Updates.unset("sealedHeaders")));
            checker().get(FLOW + "requests/" + requestId).then().statusCode(200)
                    .body(not(containsString(token)))
                    .body("data.details.'IntouchAPITask-Payload'.headers.X-CAP-API-OAUTH-TOKEN", equalTo("****"));
            earlierRequests.seal(null);
            String after = collection.find(Filters.eq("requestId", requestId)).first().toJson();
            assertFalse(after.contains(token), after);
            assertTrue(after.contains("sealedHeaders"), after);
        }
        decide(checker(), "GOODWILL-POINTS", requestId, "approved").statusCode(200).body("data.state", equalTo("approved"));
        assertEquals(2, balance());
    }

    @Test
    void oneHeaderNamedTwiceInAnySpellingIs400AndStoresNothing() {
        long other = Orgs.fresh();
        Map<String, String> headers = headers();
        headers.put("x-cap-api-auth-org-id", Long.toString(other));
        make("GOODWILL-POINTS", request("", "/internal/goodwill/", Map.of("referenceId", "r"), headers))
                .statusCode(400).body("errors[0].code", equalTo(400))
                .body("errors[0].reference", equalTo("payload.IntouchAPITask-Payload.headers.x-cap-api-auth-org-id"));
        Map<String, String> twoAuthorizations = headers();
        twoAuthorizations.put("AUTHORIZATION", "Basic b3RoZXI6b3RoZXI=");
        make("GOODWILL-POINTS", request("", "/internal/goodwill/", Map.of("referenceId", "r"), twoAuthorizations))
                .statusCode(400);
        Orgs.as(org).get(FLOW + "requests").then().body("pagination.totalElements", equalTo(0));
    }

    @Test
    void laurelsOwnAndFramingHeadersInAPayloadAre400() {
        for (String name : List.of("X-LAUREL-VALIDATE-ONLY", "x-laurel-anything", "Host", "Content-Length",
                "Transfer-Encoding", "Connection", "Upgrade", "TE", "Trailer", "Expect")) {
            Map<String, String> headers = headers();
            headers.put(name, name.equals("Content-Length") ? "12" : "true");
            make("GOODWILL-POINTS", goodwillWith(headers)).statusCode(400)
                    .body("errors[0].reference", equalTo("payload.IntouchAPITask-Payload.headers." + name));
        }
        Orgs.as(org).get(FLOW + "requests").then().body("pagination.totalElements", equalTo(0));
        assertEquals(0, balance());
    }

    @Test
    void headerNamesAndValuesHttpCannotCarryAre400AndHoldNoConnection() throws Exception {
        List<Map<String, String>> bad = new ArrayList<>();
        for (String[] header : new String[][] { { "X-Note", "a\r\nX-Injected: 1" }, { "X-Note", "a\nb" },
                { "X-Note", "a\u0000b" }, { "Bad Name", "v" }, { "X-Bad\r\n", "v" }, { "", "v" },
                { "X-Note", "bell\u0007" } }) {
            Map<String, String> headers = headers();
            headers.put(header[0], header[1]);
            bad.add(headers);
        }
        List<Integer> statuses = Parallel.run(14, i -> make("GOODWILL-POINTS", goodwillWith(bad.get(i % bad.size())))
                .extract().statusCode());
        assertTrue(statuses.stream().allMatch(s -> s == 400), statuses.toString());
        // Nothing was held: valid requests of every kind still go through at once.
        List<Integer> valid = Parallel.run(6, i -> make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 1))
                .extract().statusCode());
        assertEquals(List.of(200, 200, 200, 200, 200, 200), valid);
    }

    private Map<String, Object> goodwillWith(Map<String, String> headers) {
        Map<String, Object> made = goodwill("", "ref-" + UUID.randomUUID(), 1);
        ((Map<String, Object>) ((Map<String, Object>) made.get("payload")).get("IntouchAPITask-Payload"))
                .put("headers", headers);
        return made;
    }

    @Test
    void aTargetThatDripsIsCutAtTheDeadlineAndTheNextSendSucceeds() throws Exception {
        String requestId;
        try (TestTarget target = TestTarget.start()) {
            requestId = goodwillThroughTarget();
        }
        Duration deadline = config.workflow().forwardTimeout();
        try (DripTarget drip = DripTarget.start()) {
            long started = System.nanoTime();
            decide(checker(), "GOODWILL-POINTS", requestId, "approved").statusCode(200)
                    .body("data.state", equalTo("IntouchAPITask"));
            long closedAfter = drip.closed.get(deadline.toSeconds() + 10, TimeUnit.SECONDS) - started;
            System.out.printf("drip target: connection reset after %d ms (deadline %d ms), %d bytes dripped%n",
                    TimeUnit.NANOSECONDS.toMillis(closedAfter), deadline.toMillis(), drip.dripped.get());
            assertTrue(closedAfter < deadline.plusSeconds(2).toNanos(), "held for " + closedAfter + " ns");
        }
        try (TestTarget target = TestTarget.start()) {
            forwards.drain(10).await().atMost(Duration.ofSeconds(30));
            assertEquals(List.of("POST /internal/goodwill/ -> 201"), target.calls);
        }
        checker().get(FLOW + "requests/" + requestId).then().body("data.state", equalTo("approved"));
        assertEquals(20, balance());
    }

    @Test
    void aRequestWhoseSealedCredentialsCannotBeOpenedEndsFailed() {
        String requestId = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 3)).statusCode(200)
                .extract().jsonPath().getString("data.requestId");
        try (MongoClient client = MongoClients.create(store)) {
            // What a changed LAUREL_WORKFLOW_ENCRYPTION_KEY looks like: a sealed value this key did not seal.
            byte[] other = new byte[60];
            new java.security.SecureRandom().nextBytes(other);
            client.getDatabase("laurel").getCollection("workflow_requests").updateOne(
                    Filters.eq("requestId", requestId),
                    com.mongodb.client.model.Updates.set("sealedHeaders", Base64.getEncoder().encodeToString(other)));
        }
        decide(checker(), "GOODWILL-POINTS", requestId, "approved").statusCode(200)
                .body("data.state", equalTo("failed")).body("data.endTime", notNullValue())
                .body("data.details.IntouchAPITask_Output.body.error", containsString("cannot be opened"));
        assertEquals(0, balance());
    }

    /** The value of laurel_workflow_requests_total for one type and state, from the management interface. */
    static double requestsCounted(String type, String state) {
        String metrics = given().port(MemoryStoreResource.MANAGEMENT_PORT).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        return metrics.lines().filter(l -> l.startsWith("laurel_workflow_requests_total{")
                && l.contains("state=\"" + state + "\"") && l.contains("type=\"" + type + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void everyStateChangeIsCountedOnce() throws Exception {
        double made = requestsCounted("goodwill-points", "AdminTask");
        double approved = requestsCounted("goodwill-points", "approved");
        double rejected = requestsCounted("goodwill-points", "rejected");
        double forwarding = requestsCounted("goodwill-points", "IntouchAPITask");
        String a = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 1)).statusCode(200).extract()
                .jsonPath().getString("data.requestId");
        String b = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 1)).statusCode(200).extract()
                .jsonPath().getString("data.requestId");
        decide(checker(), "GOODWILL-POINTS", a, "approved").statusCode(200).body("data.state", equalTo("approved"));
        decide(checker(), "GOODWILL-POINTS", b, "rejected").statusCode(200);
        assertEquals(made + 2, requestsCounted("goodwill-points", "AdminTask"));
        assertEquals(forwarding + 1, requestsCounted("goodwill-points", "IntouchAPITask"));
        assertEquals(approved + 1, requestsCounted("goodwill-points", "approved"));
        assertEquals(rejected + 1, requestsCounted("goodwill-points", "rejected"));
    }

    @Test
    void theListFiltersPagesAndSorts() {
        String a = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 1)).statusCode(200)
                .extract().jsonPath().getString("data.requestId");
        String b = make("GOODWILL-POINTS", goodwill("", "ref-" + UUID.randomUUID(), 2)).statusCode(200)
                .extract().jsonPath().getString("data.requestId");
        decide(checker(), "GOODWILL-POINTS", a, "rejected").statusCode(200);
        Orgs.as(org).queryParam("states", "AdminTask").get(FLOW + "requests").then().statusCode(200)
                .body("data.requestId", equalTo(List.of(b)));
        Orgs.as(org).queryParam("requestType", "GOODWILL-POINTS").queryParam("sortOrder", "asc")
                .queryParam("tillId", "50682289").queryParam("userId", Long.toString(Tokens.userId(1001))).get(FLOW + "requests").then()
                .body("data.requestId", equalTo(List.of(a, b)));
        Orgs.as(org).queryParam("limit", "1").queryParam("PageNo", "2").queryParam("sortOrder", "asc")
                .get(FLOW + "requests").then().body("data.requestId", equalTo(List.of(b)))
                .body("pagination.totalElements", equalTo(2));
        Orgs.as(org).queryParam("storeId", "other").get(FLOW + "requests").then().body("pagination.totalElements", equalTo(0));
        Orgs.as(org).queryParam("startDate", "2999-01-01").get(FLOW + "requests").then()
                .body("pagination.totalElements", equalTo(0));
        Orgs.as(org).queryParam("states", "waiting").get(FLOW + "requests").then().statusCode(400)
                .body("errors[0].reference", equalTo("states"));
        Orgs.as(Orgs.fresh()).get(FLOW + "requests/" + a).then().statusCode(404);
        Orgs.as(org).get(FLOW + "requests").then().body("data.requestType", hasItem("goodwill-points"));
    }
}
