package io.laurel.vendor;

import static io.laurel.vendor.Vendor.DAY;
import static io.laurel.vendor.Vendor.as;
import static io.laurel.vendor.Vendor.expect;
import static io.laurel.vendor.Vendor.expectError;
import static io.laurel.vendor.Vendor.fill;
import static io.laurel.vendor.Vendor.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.laurel.support.CommandCounter;

import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The vendor's issue, earn and revoke operations and the customer's badges, each sample request sent as written (ids
 * replaced by ones that exist) and each answer checked against the vendor's sample answer. Method names are the
 * vendor's operation ids.
 */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class VendorAwardsTest {

    static final String BADGES = "/api_gateway/v1/badges/badgeMeta";
    static final String EARN = "/api_gateway/v1/badges/customer/earn";
    static final String EARN_BULK = "/api_gateway/v1/badges/customer/earnBulk";
    static final String REVOKE_EARN = "/api_gateway/v1/badges/customer/revokeEarn";
    static final String ISSUE_BULK = "/api_gateway/v1/badges/badgeMeta/customer/issueBulk";
    static final String REVOKE_ISSUE = "/api_gateway/v1/badges/badgeMeta/customer/revokeIssue";

    /** Operation "Issue badge (earn)": a string customerId and a numeric requestId, as the vendor's sample sends. */
    @Test
    void issueBadgeEarn() {
        long org = Orgs.fresh();
        long customer = customer(org);
        String badge = badge(org, "EARN");
        long requestId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        Response earned = expect(as(org).body(fill("""
                {"badgeMetaId": "${badge}", "earnEventDate": "${event}", "customerId": "${customer}",
                 "requestId": ${requestId}, "triggeredBy": {"ownerType": "Loyalty", "referenceId": "123694"}}""",
                Map.of("badge", badge, "event", Vendor.iso(now() - DAY), "customer", customer, "requestId", requestId)))
                .post(EARN), 200, """
                {"data": {"badgeMetaId": "66da90348bdb494a4f06576f", "customerId": 11231,
                  "earnedBadgeId": "66da90618bdb494a4f065774", "expiresOn": 1726809439.822462,
                  "expiresOnISO": "2024-09-20T10:47:19+05:30", "requestId": "NaYAzxXfJhHvRm4l7KiD",
                  "issuedId": null},
                 "errors": [], "warnings": []}""");
        assertEquals(Long.toString(requestId), earned.jsonPath().getString("data.requestId"));
        // The same requestId again, as text: the same id, so 809.
        expectError(as(org).body(Map.of("badgeMetaId", badge, "customerId", customer, "requestId",
                Long.toString(requestId), "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "1"))).post(EARN),
                400, 809);
        // An ISSUE_EARN badge earned without an issue: the vendor's 811, HTTP 409.
        expectError(as(org).body(Map.of("badgeMetaId", badge(org, "ISSUE_EARN"), "customerId", customer,
                "requestId", "r-" + UUID.randomUUID(), "triggeredBy", Map.of("ownerType", "Loyalty",
                        "referenceId", "1"))).post(EARN), 409, 811);
        // A non-numeric text for the numeric customerId is still a 400.
        expectError(as(org).body(Map.of("badgeMetaId", badge, "customerId", "abc", "requestId", "x",
                "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "1"))).post(EARN), 400, 400);
    }

    /** Operation "Issue badge to multiple customers" (earnBulk), with the curl sample's issueEventDate. */
    @Test
    void issueBadgeToMultipleCustomers() {
        long org = Orgs.fresh();
        long a = customer(org);
        long b = customer(org);
        long c = customer(org);
        String badge = badge(org, "EARN");
        Response bulk = expect(as(org).body(fill("""
                {"badgeMetaId": "${badge}", "customerIds": [${a}, ${b}, ${c}], "requestId": "3785468349",
                 "issueEventDate": "${event}",
                 "triggeredBy": {"ownerType": "Loyalty", "referenceId": "823626"}}""",
                Map.of("badge", badge, "a", a, "b", b, "c", c, "event", Vendor.iso(now() - DAY))))
                .post(EARN_BULK), 200, """
                {"data": {"badgeMetaId": "68d66ab3480b423e5c6857f4", "expiresOn": 1796311177.192,
                  "expiresOnISO": "2026-12-03T15:19:37Z",
                  "earnedBadgesList": [{"customerId": 74672, "earnedBadgeId": "697b54340772ad476ecff1ae"}],
                  "totalCount": 3, "earnedCount": 3, "failedCount": 0,
                  "triggeredBy": {"ownerType": "Loyalty", "referenceId": "823626"},
                  "failedEarnBadgeErrorList": []},
                 "errors": [], "warnings": []}""");
        assertEquals(3, bulk.jsonPath().getInt("data.earnedCount"));
        // The earlier sample's numeric customerIds and earnEventDate: 810 until that reference claims the badge.
        String earlier = fill("""
                {"badgeMetaId": "${badge}", "customerIds": [${a}, ${b}], "requestId": "1234",
                 "earnEventDate": "${event}", "triggeredBy": {"ownerType": "Loyalty", "referenceId": "123457"}}""",
                Map.of("badge", badge, "a", a, "b", b, "event", Vendor.iso(now() - DAY)));
        expectError(as(org).body(earlier).post(EARN_BULK), 409, 810);
        as(org).body(Map.of("ownerType", "Loyalty", "referenceId", "123457")).post(BADGES + "/" + badge + "/claim")
                .then().statusCode(200);
        Response claimed = expect(as(org).body(earlier).post(EARN_BULK), 200, null);
        assertEquals(2, claimed.jsonPath().getInt("data.earnedCount"));
    }

    /** Operation "Revoke issued badge" (revokeEarn): by id, and by email with X-CAP-CUSTOMER-IDENTIFIER. */
    @Test
    void revokeIssuedBadge() {
        long org = Orgs.fresh();
        String email = "revoke." + UUID.randomUUID() + "@example.com";
        long customer = as(org).body(Map.of("email", email)).post("/api_gateway/v1/customers").then().statusCode(201)
                .extract().jsonPath().getLong("data.customerId");
        String badge = badge(org, "EARN");
        String answer = """
                {"data": {"badgeMetaId": "653ddb33b3cda7078c7c68e9", "customerId": 62090013,
                  "earnedBadgeId": "654cbea06bccde1274b6d3a2", "isActive": false},
                 "errors": [], "warnings": []}""";
        String first = earn(org, badge, customer);
        Response revoked = expect(as(org).body(fill("""
                {"badgeMetaId": "${badge}", "customerId": ${customer}, "earnedBadgeId": "${earned}"}""",
                Map.of("badge", badge, "customer", customer, "earned", first))).post(REVOKE_EARN), 200, answer);
        assertEquals(false, revoked.jsonPath().getBoolean("data.isActive"));
        String second = earn(org, badge, customer);
        Response byEmail = expect(as(org).header("X-CAP-CUSTOMER-IDENTIFIER", "email").body(fill("""
                {"badgeMetaId": "${badge}", "customerId": "${email}", "earnedBadgeId": "${earned}"}""",
                Map.of("badge", badge, "email", email, "earned", second))).post(REVOKE_EARN), 200, answer);
        assertEquals(customer, byEmail.jsonPath().getLong("data.customerId"));
        // Revoked already: the vendor's 814, HTTP 409.
        expectError(as(org).body(Map.of("badgeMetaId", badge, "customerId", customer, "earnedBadgeId", second))
                .post(REVOKE_EARN), 409, 814);
    }

    /** Operation "Revoke enrolled badges" (revokeIssue): by revokeIssuals, by customers, and neither (1051). */
    @Test
    void revokeEnrolledBadges() {
        long org = Orgs.fresh();
        long a = customer(org);
        long b = customer(org);
        String badge = badge(org, "ISSUE_EARN");
        List<String> issued = as(org).body(Map.of("badgeMetaId", badge, "customers", List.of(a, b),
                "requestId", "r-" + UUID.randomUUID(), "triggeredBy", Map.of("ownerType", "Loyalty",
                        "referenceId", "823626"))).post(ISSUE_BULK).then().statusCode(200).extract().jsonPath()
                .getList("data.issuedBadges.issuedId");
        String answer = """
                {"data": {"badgeMetaId": "653de84db3cda7078c7c68ed",
                  "revokedIssuedBadges": [{"customerId": 62090013, "issuedId": "653e024bb3cda7078c7c6903",
                    "error": null}],
                  "requestId": null},
                 "errors": [], "warnings": []}""";
        Response byIssue = expect(as(org).body(fill("""
                {"badgeMetaId": "${badge}", "revokeIssuals": [{"customerId": "${a}", "issueId": "${issueA}"},
                  {"customerId": "${b}", "issueId": "${issueA}"}]}""",
                Map.of("badge", badge, "a", a, "b", b, "issueA", issued.get(0)))).post(REVOKE_ISSUE), 200, answer);
        assertEquals(issued.get(0), byIssue.jsonPath().getString("data.revokedIssuedBadges[0].issuedId"));
        // The second line names an issue the customer does not hold: an error object, as the vendor's.
        VendorShape.assertShape("""
                {"customerId": 555567088, "error": {"code": 404, "message": "Customer doesn't have issue instance",
                  "reference": null}}""", VendorShape.read(byIssue.asString()).at("/data/revokedIssuedBadges/1").toString());
        Response byCustomer = expect(as(org).body(fill("""
                {"badgeMetaId": "${badge}", "customers": [${b}, 123]}""", Map.of("badge", badge, "b", b)))
                .post(REVOKE_ISSUE), 200, answer);
        assertNull(byCustomer.jsonPath().get("data.revokedIssuedBadges[0].error"));
        assertEquals(404, byCustomer.jsonPath().getInt("data.revokedIssuedBadges[1].error.code"));
        expectError(as(org).body(Map.of("badgeMetaId", badge)).post(REVOKE_ISSUE), 400, 1051);
    }

    /** Operation "Enrol customers for badges" (issueBulk): success, and the vendor's "Badge Overlapping" answer. */
    @Test
    void enrolCustomersForBadges() {
        long org = Orgs.fresh();
        long a = customer(org);
        String badge = badge(org, "ISSUE_EARN");
        String body = fill("""
                {"triggeredBy": {"ownerType": "Goodwill_Module", "referenceId": "134"}, "customers": [${a}],
                 "requestId": "${requestId}", "badgeMetaId": "${badge}"}""",
                Map.of("a", a, "badge", badge, "requestId", "e7request" + UUID.randomUUID()));
        expect(as(org).body(body).post(ISSUE_BULK), 200, """
                {"data": {"badgeMetaId": "653de334b3cda7078c7c68eb",
                  "triggeredBy": {"ownerType": "Loyalty", "referenceId": "123457"}, "expiresOn": 1717935013.121711,
                  "issuedBadges": [{"customerId": 553162563, "issuedId": "661681a535bc684e9e72553a",
                    "status": "EXPIRED"}],
                  "requestId": "1234"},
                 "errors": [], "warnings": []}""");
        Response overlapping = expect(as(org).body(body.replaceAll("e7request[^\"]*", "again-" + UUID.randomUUID()))
                .post(ISSUE_BULK), 200, """
                {"data": {"badgeMetaId": "66f3be92a8647e03dc526a5f",
                  "triggeredBy": {"ownerType": "Loyalty", "referenceId": "xyz"}, "expiresOn": 1722155344.0,
                  "issuedBadges": [{"customerId": 11115, "issuedId": "66f3bf91c7bf1e4d65e126b1",
                    "error": {"code": 1040, "message": "An active issue for the badge already exists.",
                      "reference": null},
                    "status": "EXPIRED"}],
                  "requestId": "VGagtK2zN16jkRU56zs1"},
                 "errors": [], "warnings": []}""");
        assertEquals(1040, overlapping.jsonPath().getInt("data.issuedBadges[0].error.code"));
    }

    /** Operation "Get badges for customer", with the groupId filter of the vendor's example. */
    @Test
    void getBadgesForCustomer() {
        long org = Orgs.fresh();
        long customer = customer(org);
        String group = as(org).body(Map.of("name", "Pets", "rank", 1)).post("/api_gateway/v1/badges/group").then()
                .statusCode(200).extract().jsonPath().getString("data.id");
        String badge = as(org).header("X-CAP-BADGES-MIGRATION", "migration").body(Map.of("name", "b-" + UUID.randomUUID(),
                "description", "Buy five", "startOn", now() - 30 * DAY, "expiresOn", now() + 300 * DAY, "earnType", "EARN",
                "badgeGroupId", group,
                "badgeRank", 1, "ownership", Map.of("restrictedToOwners", List.of("Loyalty")))).post(BADGES).then()
                .statusCode(201).extract().jsonPath().getString("data.id");
        earn(org, badge, customer);
        expect(as(org).queryParam("badgeType", "EARNED").queryParam("groupId", group)
                .get("/api_gateway/v1/badges/customer/" + customer), 200, """
                {"data": {"badges": [{"badgeMetaId": "65c3609360d9261bdd8a6411", "orgId": 100458, "name": "x",
                   "description": "d", "startOn": 1707303060.0, "startOnISO": "2024-02-07T10:51:00Z",
                   "expiresOn": 1738925460.0, "expiresOnISO": "2025-02-07T10:51:00Z", "images": [], "tags": [],
                   "badgeGroupId": "65c3600c60d9261bdd8a6410", "badgeGroupName": "Pets", "badgeRank": 1,
                   "ownership": {"restrictedToOwners": ["Loyalty"], "claims": []}, "earnType": "EARN",
                   "benefits": [], "customerConstraints": [], "badgeConstraints": [], "earnedCount": 1,
                   "lastEarnedOnDate": 1707303060.0, "lastEarnedOnDateISO": "2024-02-07T10:51:00Z",
                   "lastEarnEventDate": 1707303060.0, "lastEarnEventDateISO": "2024-02-07T10:51:00Z",
                   "customFields": {}, "active": true}],
                  "pagination": {"page": 0, "size": 10, "total": 1, "totalPages": 1}},
                 "errors": [], "warnings": []}""");
        expectError(as(org).get("/api_gateway/v1/badges/customer/999999999"), 404, 1026);
        expectError(as(org).header("X-CAP-CUSTOMER-IDENTIFIER", "nickname")
                .get("/api_gateway/v1/badges/customer/" + customer), 400, 1028);
    }

    @Inject
    CommandCounter commands;

    /**
     * Operation "Get fixed window details": the cycles the limits count in, with the counts the limits read; three
     * round trips whatever the range.
     */
    @Test
    void getFixedWindowDetails() {
        long org = Orgs.fresh();
        long customer = customer(org);
        String badge = as(org).header("X-CAP-BADGES-MIGRATION", "migration").body(Map.of("name", "fw-" + UUID.randomUUID(),
                "startOn", now() - 10 * DAY, "expiresOn", now() + 365 * DAY, "earnType", "EARN",
                "ownership", Map.of("restrictedToOwners", List.of("Loyalty")),
                "customerConstraints", List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_WINDOW",
                        "referenceId", "cust-3d", "durationType", "DAYS", "refreshRate", 3, "maxEarnLimit", 2)),
                "badgeConstraints", List.of(Map.of("constraintType", "BADGE_FIXED_WINDOW", "referenceId", "all-1w",
                        "durationType", "WEEKS", "refreshRate", 1, "maxEarnLimit", 5)))).post(BADGES).then()
                .statusCode(201).extract().jsonPath().getString("data.id");
        earn(org, badge, customer);
        earn(org, badge, customer);
        expectError(as(org).body(Map.of("badgeMetaId", badge, "customerId", customer, "requestId", "r-" + UUID.randomUUID(),
                "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "1"))).post(EARN), 400, 1101);

        commands.reset();
        Response details = expect(Orgs.as(org).queryParam("badgeMetaId", badge).queryParam("constraintType", "ALL")
                .queryParam("customerId", customer).queryParam("includeEarnCount", "true")
                .queryParam("startDate", now() - DAY).queryParam("endDate", Vendor.iso(now() + DAY))
                .get(BADGES + "/getFixedWindowDetails"), 200, """
                {"data": {"badgeMetaId": "6603ed23e4165a7993354a76", "orgId": 4000106, "startDate": 1709337637.192,
                  "endDate": 1709510437.192, "customerId": 123,
                  "fixedWindowCycles": [{"fixedWindowCycleReferenceId": "a1350b49", "startDate": 1709337600.0,
                    "endDate": 1709510400.0, "earnCount": 0, "constraintType": "BADGE_FIXED_WINDOW"}],
                  "pagination": {"page": 0, "size": 30, "total": 1, "totalPages": 1}},
                 "errors": [], "warnings": []}""");
        assertTrue(commands.commands().size() <= 3, commands.commands().toString());
        List<Map<String, Object>> cycles = details.jsonPath().getList("data.fixedWindowCycles");
        Map<String, Object> current = cycles.stream().filter(c -> "ACTIVE".equals(c.get("status"))
                && "cust-3d".equals(c.get("fixedWindowCycleReferenceId"))).findFirst().orElseThrow();
        assertEquals(2, current.get("earnCount"), "the customer's cycle holds the two earns the limit counted");
        assertEquals(2, current.get("maxEarnLimit"));
        Map<String, Object> week = cycles.stream().filter(c -> "ACTIVE".equals(c.get("status"))
                && "all-1w".equals(c.get("fixedWindowCycleReferenceId"))).findFirst().orElseThrow();
        assertEquals(2, week.get("earnCount"));

        // The whole year of 3-day cycles, a page at a time, never walked: cycles run midnight to midnight, so the 375
        // days from a time of day to the same time of day touch 376 dates: ceil(376 / 3) cycles.
        Response all = Orgs.as(org).queryParam("badgeMetaId", badge).queryParam("constraintType", "CUSTOMER")
                .queryParam("size", 100).queryParam("page", 1).get(BADGES + "/getFixedWindowDetails");
        assertEquals(126, all.jsonPath().getInt("data.pagination.total"));
        assertEquals(26, all.jsonPath().getList("data.fixedWindowCycles").size());
        assertEquals(100, all.jsonPath().getInt("data.fixedWindowCycles[0].cycleNumber"));
        assertNull(all.jsonPath().get("data.fixedWindowCycles[0].earnCount"));
        assertEquals(List.of("COMPLETED", "ACTIVE", "UPCOMING"), Orgs.as(org).queryParam("badgeMetaId", badge)
                .queryParam("fixedWindowCycleReferenceId", "cust-3d").queryParam("size", 5)
                .get(BADGES + "/getFixedWindowDetails").jsonPath().getList("data.fixedWindowCycles.status").subList(2, 5));

        expectError(Orgs.as(org).get(BADGES + "/getFixedWindowDetails"), 400, 400);
        expectError(Orgs.as(org).queryParam("badgeMetaId", badge).queryParam("constraintType", "SOME")
                .get(BADGES + "/getFixedWindowDetails"), 400, 400);
        expectError(Orgs.as(org).queryParam("badgeMetaId", "662749408fe258516a88fe89")
                .get(BADGES + "/getFixedWindowDetails"), 404, 404);
        expectError(Orgs.as(org).queryParam("badgeMetaId", badge).queryParam("customerId", 999_999_999)
                .get(BADGES + "/getFixedWindowDetails"), 404, 1026);
    }

    /** Operation "Get badge by ID" with includeStatistics=true, on a live fixed-window badge: its current cycle too. */
    @Test
    void getBadgeByIdWithStatistics() {
        long org = Orgs.fresh();
        long a = customer(org);
        long b = customer(org);
        String badge = as(org).header("X-CAP-BADGES-MIGRATION", "migration").body(Map.of("name", "st-" + UUID.randomUUID(),
                "description", "stats", "startOn", now() - 10 * DAY, "expiresOn", now() + 100 * DAY,
                "earnType", "ISSUE_EARN", "badgeRank", 1,
                "ownership", Map.of("restrictedToOwners", List.of("Loyalty"),
                        "claims", List.of(Map.of("ownerType", "Loyalty", "referenceId", "823626"))),
                "customerConstraints", List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_WINDOW",
                        "durationType", "DAYS", "refreshRate", 3, "maxEarnLimit", 1)),
                "badgeConstraints", List.of(Map.of("constraintType", "BADGE_FIXED_WINDOW", "durationType", "DAYS",
                        "refreshRate", 3, "maxEarnLimit", 2)))).post(BADGES).then().statusCode(201).extract().jsonPath()
                .getString("data.id");
        as(org).body(Map.of("badgeMetaId", badge, "customers", List.of(a, b), "requestId", "r-" + UUID.randomUUID(),
                "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "823626"))).post(ISSUE_BULK).then()
                .statusCode(200);
        earn(org, badge, a);
        as(org).body(Map.of("badgeMetaId", badge, "customers", List.of(b))).post(REVOKE_ISSUE).then().statusCode(200);
        Response read = expect(Orgs.as(org).queryParam("includeStatistics", "true").get(BADGES + "/" + badge), 200, """
                {"data": {"id": "662749408fe258516a88fe89", "badgeNumericId": null, "orgId": 100458, "name": "BADGE123",
                  "description": "d", "startOn": 1716803487, "expiresOn": 1726804000,
                  "customerConstraints": [{"constraintType": "CUSTOMER_BADGE_FIXED_WINDOW", "referenceId": "e6791ec9",
                    "durationType": "DAYS", "refreshRate": 3, "maxEarnLimit": 1, "cycleStatus": "ACTIVE",
                    "startDate": 1716803487, "endDate": 1726804000,
                    "currentCycle": {"startDate": 1719898518.011293, "endDate": 1720071318.011293}}],
                  "badgeConstraints": [{"constraintType": "BADGE_FIXED_WINDOW", "referenceId": "a1350b49",
                    "durationType": "DAYS", "refreshRate": 3, "maxEarnLimit": 2, "startDate": 1716803487,
                    "endDate": 1726804000, "cycleStatus": "ACTIVE",
                    "currentCycle": {"startDate": 1719898518.011462, "endDate": 1720071318.011462}}],
                  "badgeGroupId": null, "badgeRank": 1, "earnType": "EARN", "issuedCount": 0, "earnedCount": 0,
                  "status": "LIVE", "createdOn": 1713850688.811, "createdBy": 75086856,
                  "lastUpdatedOn": 1713850688.811, "lastUpdatedBy": 75086856, "customFields": {}, "active": false},
                 "errors": null, "warnings": null}""");
        assertEquals(Map.of("issued", 1, "earned", 1, "revoked", 1, "expired", 0),
                read.jsonPath().getMap("data.statistics"));
        long cycleStart = read.jsonPath().getLong("data.customerConstraints[0].currentCycle.startDate");
        assertTrue(cycleStart <= now() && now() < read.jsonPath().getLong("data.customerConstraints[0].currentCycle.endDate"));
        assertNull(Orgs.as(org).get(BADGES + "/" + badge).jsonPath().get("data.statistics"));
        expectError(Orgs.as(org).queryParam("includeStatistics", "yes").get(BADGES + "/" + badge), 400, 400);
    }

    /** Operation "Get all customer badges" (the management view): two round trips, the vendor's filters and sorts. */
    @Test
    void getAllCustomerBadges() {
        long org = Orgs.fresh();
        long customer = customer(org);
        String first = badge(org, "EARN");
        String second = badge(org, "ISSUE_EARN");
        String untouched = badge(org, "EARN");
        earn(org, first, customer);
        earn(org, first, customer);
        as(org).body(Map.of("badgeMetaId", second, "customers", List.of(customer), "requestId", "r-" + UUID.randomUUID(),
                "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "823626"))).post(ISSUE_BULK).then()
                .statusCode(200);
        String item = """
                {"name": "x", "description": "d", "badgeMetaId": "65c3609360d9261bdd8a6411", "badgeType": "EARN",
                 "badgeGroupId": null, "badgeGroupName": null, "badgeRank": null, "createdOn": 1707303060.1,
                 "createdOnISO": "2024-02-07T10:51:00Z", "lastUpdatedOn": 1707303060.1,
                 "lastUpdatedOnISO": "2024-02-07T10:51:00Z", "images": [], "badgeStatus": "LIVE",
                 "lastEarnedOn": 1718083872.611, "startsOn": 1707303060, "startsOnISO": "2024-02-07T10:51:00Z",
                 "expiresOn": 1738925460, "expiresOnISO": "2025-02-07T10:51:00Z", "earnCount": 2,
                 "ownership": {"restrictedToOwners": ["Loyalty"], "claims": []}, "issueStatus": null,
                 "lastEarnedOnDate": null, "lastEarnedOnDateISO": null, "lastEarnEventDate": null,
                 "lastEarnEventDateISO": null, "active": true}""";
        commands.reset();
        // The earned badge first, whatever second the two badges' expiresOn (the default order) fell in.
        Response all = expect(Orgs.as(org).queryParam("sortOn", "LAST_EARNED_EVENT_DATE")
                .get("/api_gateway/v1/badges/management/" + customer), 200,
                "{\"data\": {\"customerBadges\": [" + item + "], \"pagination\": {\"page\": 0, \"size\": 10, "
                        + "\"total\": 2, \"totalPages\": 1}}, \"errors\": [], \"warnings\": []}");
        assertTrue(commands.commands().size() <= 3, commands.commands().toString());
        assertEquals(2, all.jsonPath().getInt("data.pagination.total"), "the badges this customer touched");
        Map<String, Object> earned = all.jsonPath().getMap("data.customerBadges.find { it.badgeMetaId == '" + first + "' }");
        assertEquals(2, earned.get("earnCount"));
        Map<String, Object> issued = all.jsonPath().getMap("data.customerBadges.find { it.badgeMetaId == '" + second + "' }");
        assertEquals("ACTIVE", issued.get("issueStatus"));
        assertTrue(issued.get("lastIssuedOn") != null);

        assertEquals(List.of(first), Orgs.as(org).queryParam("badgeType", "EARNED").queryParam("badgeStatus", "LIVE")
                .get("/api_gateway/v1/badges/management/" + customer).jsonPath().getList("data.customerBadges.badgeMetaId"));
        assertEquals(List.of(second, first), Orgs.as(org).queryParam("sortOn", "LAST_ISSUED_DATE")
                .get("/api_gateway/v1/badges/management/" + customer).jsonPath().getList("data.customerBadges.badgeMetaId"));
        assertEquals(List.of(first, second), Orgs.as(org).queryParam("sortOn", "LAST_EARNED_EVENT_DATE")
                .get("/api_gateway/v1/badges/management/" + customer).jsonPath().getList("data.customerBadges.badgeMetaId"));
        assertTrue(Orgs.as(org).queryParam("badgeType", "AVAILABLE").get("/api_gateway/v1/badges/management/" + customer)
                .jsonPath().getList("data.customerBadges.badgeMetaId").contains(untouched));
        String upcoming = as(org).body(Map.of("name", "soon-" + UUID.randomUUID(), "description", "soon",
                "startOn", now() + DAY, "expiresOn", now() + 9 * DAY, "earnType", "EARN",
                "ownership", Map.of("restrictedToOwners", List.of("Loyalty")))).post(BADGES).then().statusCode(201)
                .extract().jsonPath().getString("data.id");
        assertEquals(List.of(upcoming), Orgs.as(org).queryParam("badgeType", "AVAILABLE").queryParam("badgeStatus", "UPCOMING")
                .get("/api_gateway/v1/badges/management/" + customer).jsonPath().getList("data.customerBadges.badgeMetaId"));
        assertEquals(List.of(), Orgs.as(org).queryParam("action", "DE_ACTIVATED")
                .get("/api_gateway/v1/badges/management/" + customer).jsonPath().getList("data.customerBadges"));
        assertEquals(2, Orgs.as(org).queryParam("startOn", Vendor.iso(now() - 31 * DAY)).queryParam("startOnOperator",
                "GREATER_THAN").get("/api_gateway/v1/badges/management/" + customer).jsonPath()
                .getList("data.customerBadges").size());
        assertEquals(0, Orgs.as(org).queryParam("expiresOn", Vendor.iso(now())).queryParam("endOnOperator", "LESS_THAN")
                .get("/api_gateway/v1/badges/management/" + customer).jsonPath().getList("data.customerBadges").size());
        expectError(Orgs.as(org).queryParam("sortOn", "COLOUR").get("/api_gateway/v1/badges/management/" + customer),
                400, 400);
        expectError(Orgs.as(org).get("/api_gateway/v1/badges/management/999999999"), 404, 1026);
    }

    /** Operation "Get individual badge details of a customer": every issue and earn, statistics on request. */
    @Test
    void getIndividualBadgeDetailsOfACustomer() {
        long org = Orgs.fresh();
        long customer = customer(org);
        String badge = as(org).header("X-CAP-BADGES-MIGRATION", "migration").body(Map.of("name", "d-" + UUID.randomUUID(),
                "description", "detail", "startOn", now() - 10 * DAY, "expiresOn", now() + 100 * DAY,
                "earnType", "ISSUE_EARN", "badgeRank", 2,
                "ownership", Map.of("restrictedToOwners", List.of("Loyalty"),
                        "claims", List.of(Map.of("ownerType", "Loyalty", "referenceId", "823626"))),
                "customerConstraints", List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_WINDOW",
                        "referenceId", "cw", "durationType", "DAYS", "refreshRate", 3, "maxEarnLimit", 4),
                        Map.of("constraintType", "CUSTOMER_BADGE_ROLLING_WINDOW", "maxEarnForDays", 9, "rollForDays", 2)),
                "badgeConstraints", List.of(Map.of("constraintType", "BADGE_FIXED_VALUE", "maxEarnLimit", 100))))
                .post(BADGES).then().statusCode(201).extract().jsonPath().getString("data.id");
        as(org).body(Map.of("badgeMetaId", badge, "customers", List.of(customer), "requestId", "r-" + UUID.randomUUID(),
                "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "823626"))).post(ISSUE_BULK).then()
                .statusCode(200);
        String kept = earn(org, badge, customer);
        String revoked = earn(org, badge, customer);
        as(org).body(Map.of("badgeMetaId", badge, "customerId", customer, "earnedBadgeId", revoked)).post(REVOKE_EARN)
                .then().statusCode(200);
        Response detail = expect(Orgs.as(org).queryParam("includeStatistics", "true")
                .get("/api_gateway/v1/badges/management/" + customer + "/badge/" + badge), 200, """
                {"data": {"id": "6b1", "name": "x", "description": "d", "createdOn": 1.5, "createdOnISO": "t",
                  "lastUpdatedOn": 1.5, "lastUpdatedOnISO": "t", "startsOn": 1, "startsOnISO": "t", "expiresOn": 1,
                  "expiresOnISO": "t", "action": "ACTIVATED", "badgeType": "ISSUE_EARN", "badgeStatus": "LIVE",
                  "owner": ["Loyalty"], "claimedBy": [], "images": [],
                  "earnExpiry": {"expiryType": "ABSOLUTE", "type": "WITH_BADGE_META", "expiresOn": null,
                    "expireWithBadgeMeta": true},
                  "badgeRank": 2,
                  "customerConstraints": [{"constraintLevel": "CUSTOMER", "constraintType": "CUSTOMER_BADGE_FIXED_WINDOW",
                    "rollType": null, "refreshRate": 3, "durationType": "DAYS", "cycleStatus": "ACTIVE",
                    "startDayOfTheWeek": null, "rollValue": null, "maxEarnLimit": 4,
                    "earnConstraintBlockStatistics": {"currentEarnCount": 1, "currentEarnCountDays": null,
                      "currentEarnCountWeeks": null, "currentEarnCountMonths": null},
                    "fixedWindowCycle": {"startDate": 1, "endDate": 2}, "fixedWindowReferenceId": "cw",
                    "rollingWindowLimits": null}],
                  "badgeConstraints": [{"constraintLevel": "BADGE", "constraintType": "BADGE_FIXED_VALUE",
                    "rollType": null, "refreshRate": null, "durationType": null, "cycleStatus": null,
                    "startDayOfTheWeek": null, "rollValue": null, "maxEarnLimit": 100,
                    "earnConstraintBlockStatistics": {"currentEarnCount": 1, "currentEarnCountDays": null,
                      "currentEarnCountWeeks": null, "currentEarnCountMonths": null},
                    "fixedWindowCycle": null, "fixedWindowReferenceId": null, "rollingWindowLimits": null}],
                  "issualDetails": {"issuedCount": 1, "issuals": [{"issuedOn": 1.5, "issuedStatus": "ACTIVE",
                    "issueExpiresOn": 1.5, "issueId": "x", "ownerType": "Loyalty", "ownerReferenceId": "823626",
                    "revokedOn": null, "issueEventDate": 1.5}]},
                  "issuedStatus": "ACTIVE", "earnDetails": {"earnCount": 2, "earns": []}, "activeEarnedCount": 1,
                  "lastEarnedOnISO": null, "customFields": {}, "lastEarnedOnDateISO": null,
                  "lastEarnEventDateISO": null},
                 "errors": [], "warnings": []}""");
        JsonPath data = detail.jsonPath().setRootPath("data");
        assertEquals(List.of(revoked, kept), data.getList("earnDetails.earns.earnedBadgeId"));
        assertEquals(List.of("REVOKED", "ACTIVE"), data.getList("earnDetails.earns.earnedStatus"));
        assertEquals(1, data.getInt("customerConstraints[1].earnConstraintBlockStatistics.currentEarnCountDays"));
        assertEquals(9, data.getInt("customerConstraints[1].rollingWindowLimits.maxEarnForDays"));
        assertEquals(Map.of("activeIssues", 1, "revokedIssues", 0, "expiredIssues", 0, "activeEarns", 1,
                "revokedEarns", 1, "expiredEarns", 0), data.getMap("statistics"));
        Response plain = Orgs.as(org).get("/api_gateway/v1/badges/management/" + customer + "/badge/" + badge);
        assertNull(plain.jsonPath().get("data.customerConstraints"));
        assertNull(plain.jsonPath().get("data.statistics"));
        expectError(Orgs.as(org).get("/api_gateway/v1/badges/management/" + customer + "/badge/662749408fe258516a88fe89"),
                404, 404);
        expectError(Orgs.as(org).queryParam("includeStatistics", "maybe")
                .get("/api_gateway/v1/badges/management/" + customer + "/badge/" + badge), 400, 400);
    }

    /**
     * Operation "Import earned badges of customer": the vendor's sample (two equal items: two earns), idempotent
     * when sent again, per-item errors, counted toward later limits without being refused by them.
     */
    @Test
    void importEarnedBadgesOfCustomer() {
        long org = Orgs.fresh();
        long customer = customer(org);
        String badge = as(org).header("X-CAP-BADGES-MIGRATION", "migration").body(Map.of("name", "imp-" + UUID.randomUUID(),
                "description", "imported", "startOn", now() - 400 * DAY, "expiresOn", now() + 300 * DAY, "earnType", "EARN",
                "ownership", Map.of("restrictedToOwners", List.of("Loyalty")),
                "customerConstraints", List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit", 2))))
                .post(BADGES).then().statusCode(201).extract().jsonPath().getString("data.id");
        String batch = fill("""
                [{"badgeMetaId": "${badge}", "customerId": ${customer}, "earnEventDate": ${event},
                  "earnExpiresOn": ${expires}},
                 {"badgeMetaId": "${badge}", "customerId": ${customer}, "earnEventDate": ${event},
                  "earnExpiresOn": ${expires}}]""", Map.of("badge", badge, "customer", customer,
                "event", now() - 300 * DAY, "expires", now() + 100 * DAY));
        String sample = """
                [{"data": {"badgeMetaId": "696f0fd40772ad476ecf74ac", "customerId": 555567088,
                   "earnedBadgeId": "697b5f6f0772ad476ecff272", "expiresOn": 1705828011,
                   "expiresOnISO": "2024-01-21T09:06:51Z", "requestId": "d9e144be_1", "issuedId": null},
                  "errors": null, "warnings": null}]""";
        Response first = expect(as(org).body(batch).post("/api_gateway/v1/badges/import/customerBadges"), 200, sample);
        List<String> ids = first.jsonPath().getList("data.earnedBadgeId");
        assertEquals(2, ids.size());
        assertTrue(first.jsonPath().getString("[0].data.requestId").endsWith("_1"));
        assertTrue(first.jsonPath().getString("[1].data.requestId").endsWith("_2"));
        // The same batch again, by PUT and with other spacing: the same earns, nothing imported twice.
        Response again = expect(as(org).body(batch.replace("\n", " ")).put("/api_gateway/v1/badges/import/customerBadges"),
                200, sample);
        assertEquals(ids, again.jsonPath().getList("data.earnedBadgeId"));
        assertEquals(2, Orgs.as(org).get(BADGES + "/" + badge).jsonPath().getInt("data.earnedCount"));
        // History is taken as it was (2 of 2 already), and it counts: the next earn is refused.
        expectError(as(org).body(Map.of("badgeMetaId", badge, "customerId", customer, "requestId", "r-" + UUID.randomUUID(),
                "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "1"))).post(EARN), 400, 1101);
        assertEquals(2, Orgs.as(org).queryParam("badgeType", "EARNED").get("/api_gateway/v1/badges/customer/" + customer)
                .jsonPath().getInt("data.badges[0].earnedCount"));
        // Per-item errors do not stop the others.
        Response mixed = as(org).body(List.of(
                Map.of("badgeMetaId", "662749408fe258516a88fe89", "customerId", customer, "earnEventDate", now() - DAY),
                Map.of("badgeMetaId", badge, "customerId", 999_999_999, "earnEventDate", now() - DAY),
                Map.of("badgeMetaId", badge, "customerId", customer),
                Map.of("badgeMetaId", badge, "customerId", customer, "earnEventDate", Vendor.iso(now() - 2 * DAY))))
                .post("/api_gateway/v1/badges/import/customerBadges").then().statusCode(200).extract().response();
        assertEquals(404, mixed.jsonPath().getInt("[0].errors[0].code"));
        assertEquals(1026, mixed.jsonPath().getInt("[1].errors[0].code"));
        assertEquals(400, mixed.jsonPath().getInt("[2].errors[0].code"));
        assertNull(mixed.jsonPath().get("[3].errors"));
        assertTrue(mixed.jsonPath().getString("[3].data.earnedBadgeId").length() == 24);
        expectError(as(org).body("[]").post("/api_gateway/v1/badges/import/customerBadges"), 400, 400);
        expectError(as(org).body("{}").post("/api_gateway/v1/badges/import/customerBadges"), 400, 400);
    }

    /** Operation "Update the activation status of badge": deactivated, a badge is refused and not available. */
    @Test
    void updateTheActivationStatusOfBadge() {
        long org = Orgs.fresh();
        long customer = customer(org);
        String badge = badge(org, "EARN");
        earn(org, badge, customer);
        String answer = """
                {"data": {"id": "6543688e66a87827bb61e62a", "isActive": false}, "errors": [], "warnings": []}""";
        // The vendor's curl sends {"active": true} to deactivate too: the path decides.
        Response off = expect(as(org).body("""
                {"active": true}""").put(BADGES + "/" + badge + "/deactivate"), 200, answer);
        assertEquals(false, off.jsonPath().getBoolean("data.isActive"));
        expectError(as(org).body(Map.of("badgeMetaId", badge, "customerId", customer, "requestId", "r-" + UUID.randomUUID(),
                "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "1"))).post(EARN), 400, 1039);
        assertEquals(List.of(), as(org).queryParam("badgeType", "AVAILABLE").get("/api_gateway/v1/badges/customer/"
                + customer).jsonPath().getList("data.badges"));
        assertEquals(1, as(org).queryParam("badgeType", "EARNED").get("/api_gateway/v1/badges/customer/" + customer)
                .jsonPath().getList("data.badges").size(), "its history stays");
        Response on = expect(Orgs.as(org).put(BADGES + "/" + badge + "/activate"), 200, answer);
        assertEquals(true, on.jsonPath().getBoolean("data.isActive"));
        earn(org, badge, customer);
        expectError(as(org).body("{}").put(BADGES + "/" + badge + "/pause"), 400, 400);
        expectError(as(org).body("{}").put(BADGES + "/662749408fe258516a88fe89/activate"), 404, 404);
    }

    // ---- helpers ----

    static long customer(long org) {
        return as(org).body(Map.of("email", "c." + UUID.randomUUID() + "@example.com")).post("/api_gateway/v1/customers")
                .then().statusCode(201).extract().jsonPath().getLong("data.customerId");
    }

    /** A live badge owned by Loyalty and Goodwill_Module, claimed with the references the samples trigger with. */
    static String badge(long org, String earnType) {
        return as(org).header("X-CAP-BADGES-MIGRATION", "migration").body(Map.of("name", "v-" + UUID.randomUUID(),
                "description", "Make five purchases", "startOn", now() - 30 * DAY, "expiresOn", now() + 300 * DAY, "earnType", earnType,
                "ownership", Map.of("restrictedToOwners", List.of("Loyalty", "Goodwill_Module"),
                        "claims", List.of(Map.of("ownerType", "Loyalty", "referenceId", "823626"),
                                Map.of("ownerType", "Goodwill_Module", "referenceId", "134")))))
                .post(BADGES).then().statusCode(201).extract().jsonPath().getString("data.id");
    }

    static String earn(long org, String badge, long customer) {
        return as(org).body(Map.of("badgeMetaId", badge, "customerId", customer, "requestId", "r-" + UUID.randomUUID(),
                "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "1"))).post(EARN).then().statusCode(200)
                .extract().jsonPath().getString("data.earnedBadgeId");
    }
}
