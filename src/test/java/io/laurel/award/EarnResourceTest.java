package io.laurel.award;

import static io.laurel.award.Awards.DAY;
import static io.laurel.award.Awards.badge;
import static io.laurel.award.Awards.customers;
import static io.laurel.award.Awards.earn;
import static io.laurel.award.Awards.earnBody;
import static io.laurel.award.Awards.issue;
import static io.laurel.award.Awards.liveBadge;
import static io.laurel.award.Awards.now;
import static io.laurel.support.Orgs.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.laurel.support.CommandCounter;
import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.Parallel;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class EarnResourceTest {

    static List<Map<String, Object>> limit(Object... fields) {
        Map<String, Object> constraint = new HashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            constraint.put((String) fields[i], fields[i + 1]);
        }
        return List.of(constraint);
    }

    /** Epoch seconds of noon UTC, {@code daysAgo} days back: earn events placed on known days. */
    static long noon(int daysAgo) {
        long today = Math.floorDiv(now(), DAY) * DAY;
        return today - daysAgo * DAY + DAY / 2;
    }

    @Test
    void theSeedsEarnBodyEarnsAndAnswersTheContractsFields() {
        long org = Orgs.fresh();
        long customer = Awards.customer(org);
        String badge = liveBadge(org, "EARN", "ownership", Map.of("restrictedToOwners", List.of("Goodwill_Module")),
                "earnedBadgeExpiry", Map.of("expiryType", "RELATIVE", "relativeExpiryType", "DAYS", "value", 10));
        String body = EarnResource.SEED_EARN.replace("658c50761c4c2b12732c3ec6", badge)
                .replace("382477526", Long.toString(customer))
                .replace("0f932928-9878-441c-a78e-c1d32235534q", "seed-" + UUID.randomUUID());
        long before = now();
        var answer = as(org).contentType(ContentType.JSON).body(body).post(Awards.EARN).then().statusCode(200)
                .body("errors", hasSize(0))
                .body("data.badgeMetaId", equalTo(badge))
                .body("data.customerId", equalTo((int) customer))
                .body("data.earnedBadgeId", matchesPattern("[0-9a-f]{24}"))
                .body("data.earnedCount", equalTo(1))
                // The vendor's earn answer also carries the requestId and the issue used (null for an EARN badge).
                .body("data.requestId", matchesPattern("seed-.*"))
                .body("data", hasKey("issuedId"))
                .body("data.issuedId", nullValue())
                .extract().jsonPath();
        long expires = answer.getLong("data.expiresOn");
        assertEquals(true, expires >= before + 10 * DAY && expires <= now() + 10 * DAY, "expires 10 days on: " + expires);
        badge(org, badge).body("data.earnedCount", equalTo(1));
    }

    @Test
    void everyCodeOfEarnIsProvoked() {
        long org = Orgs.fresh();
        long customer = Awards.customer(org);
        String badge = liveBadge(org, "EARN");
        earnFails(org, earnBody(badge, customer, "requestId", null), 400, 804);
        earnFails(org, earnBody(badge, customer, "triggeredBy", null), 400, 803);
        earnFails(org, earnBody(badge, customer, "triggeredBy", Map.of("referenceId", "x")), 400, 716);
        earnFails(org, earnBody(badge, customer, "triggeredBy", Map.of("ownerType", "Journeys")), 400, 714);
        earnFails(org, earnBody(liveBadge(org, "EARN", "active", false), customer), 400, 1039);
        earnFails(org, earnBody(badge, customer, "earnEventDate", now() - 40 * DAY), 400, 816);
        earnFails(org, earnBody(badge, customer, "earnEventDateISO", "2026-01-01T00:00:00+05:30"), 400, 816);
        earnFails(org, earnBody(badge, customer, "earnEventDate", now() + 2 * DAY), 400, 400);
        earnFails(org, earnBody(badge, 987_654_321L), 404, 1026);
        earnFails(org, earnBody("0123456789abcdef01234567", customer), 404, 404);
        earnFails(org, earnBody(liveBadge(org, "ISSUE_EARN"), customer), 409, 811);
        Map<String, Object> once = earnBody(badge, customer);
        earn(org, once).statusCode(200);
        earnFails(org, once, 400, 809);
        earnFails(org, earnBody(badge, Awards.customer(Orgs.fresh())), 404, 1026);
        badge(org, badge).body("data.earnedCount", equalTo(1));
    }

    @Test
    void anIssueEarnBadgeIsEarnedUnderAnActiveIssue() {
        long org = Orgs.fresh();
        long customer = Awards.customer(org);
        String badge = liveBadge(org, "ISSUE_EARN");
        earnFails(org, earnBody(badge, customer), 409, 811);
        String issued = issue(org, badge, List.of(customer)).statusCode(200).extract().jsonPath()
                .getString("data.issuedBadges[0].issuedId");
        earn(org, badge, customer).statusCode(200).body("data.earnedCount", equalTo(1))
                .body("data.issuedId", equalTo(issued));
        as(org).contentType(ContentType.JSON).body(Map.of("badgeMetaId", badge, "customers", List.of(customer)))
                .post(Awards.REVOKE_ISSUE).then().statusCode(200);
        earnFails(org, earnBody(badge, customer), 409, 811);
    }

    @Test
    void aFixedValueOfTwoRejectsTheThirdEarnWith1101() {
        long org = Orgs.fresh();
        long customer = Awards.customer(org);
        String badge = liveBadge(org, "EARN", "customerConstraints",
                limit("constraintType", "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit", 2));
        earn(org, badge, customer).statusCode(200).body("data.earnedCount", equalTo(1));
        earn(org, badge, customer).statusCode(200).body("data.earnedCount", equalTo(2));
        earnFails(org, earnBody(badge, customer), 400, 1101)
                .body("errors[0].message", containsString("CUSTOMER_BADGE_FIXED_VALUE"));
        earn(org, badge, Awards.customer(org)).statusCode(200).body("data.earnedCount", equalTo(1));
        badge(org, badge).body("data.earnedCount", equalTo(3));
    }

    @Test
    void aRollingWindowOfTwoPerSevenDaysCountsOnTheEventTime() {
        long org = Orgs.fresh();
        long customer = Awards.customer(org);
        String badge = liveBadge(org, "EARN", "customerConstraints",
                limit("constraintType", "CUSTOMER_BADGE_ROLLING_WINDOW", "maxEarnForDays", 2, "rollForDays", 7));
        earn(org, badge, customer, "earnEventDate", noon(20)).statusCode(200);
        earn(org, badge, customer, "earnEventDate", noon(19)).statusCode(200);
        earnFails(org, earnBody(badge, customer, "earnEventDate", noon(14)), 400, 1101)
                .body("errors[0].message", containsString("CUSTOMER_BADGE_ROLLING_WINDOW"));
        // Eight days after the first, the first has left the window.
        earn(org, badge, customer, "earnEventDate", noon(12)).statusCode(200).body("data.earnedCount", equalTo(3));
        // A late event must fit every window it falls into, including those ending on later earns.
        earn(org, badge, customer, "earnEventDate", noon(5)).statusCode(200);
        earn(org, badge, customer, "earnEventDate", noon(3)).statusCode(200);
        earnFails(org, earnBody(badge, customer, "earnEventDate", noon(8)), 400, 1101);
    }

    @Test
    void aFixedWindowOfOnePerDayAcceptsOneEachDay() {
        long org = Orgs.fresh();
        long customer = Awards.customer(org);
        String badge = liveBadge(org, "EARN", "startOn", Math.floorDiv(now(), DAY) * DAY - 30 * DAY,
                "customerConstraints", limit("constraintType", "CUSTOMER_BADGE_FIXED_WINDOW", "durationType", "DAYS",
                        "refreshRate", 1, "maxEarnLimit", 1));
        earn(org, badge, customer, "earnEventDate", noon(3)).statusCode(200);
        earnFails(org, earnBody(badge, customer, "earnEventDate", noon(3) + 3600), 400, 1101)
                .body("errors[0].message", containsString("CUSTOMER_BADGE_FIXED_WINDOW"));
        earn(org, badge, customer, "earnEventDate", noon(2)).statusCode(200);
        earn(org, badge, customer, "earnEventDate", noon(4)).statusCode(200);
    }

    @Test
    void aBadgeFixedValueOfThreeStopsTheFourthCustomerWith1102() {
        long org = Orgs.fresh();
        List<Long> ids = customers(org, 4);
        String badge = liveBadge(org, "EARN", "badgeConstraints",
                limit("constraintType", "BADGE_FIXED_VALUE", "maxEarnLimit", 3));
        for (int i = 0; i < 3; i++) {
            earn(org, badge, ids.get(i)).statusCode(200);
        }
        earnFails(org, earnBody(badge, ids.get(3)), 400, 1102)
                .body("errors[0].message", containsString("BADGE_FIXED_VALUE"));
        badge(org, badge).body("data.earnedCount", equalTo(3));
    }

    @Test
    void badgeAndCustomerLimitsMustBothPassAndARefusedEarnHoldsNoSlot() {
        long org = Orgs.fresh();
        List<Long> ids = customers(org, 2);
        String badge = liveBadge(org, "EARN",
                "customerConstraints", limit("constraintType", "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit", 1),
                "badgeConstraints", limit("constraintType", "BADGE_FIXED_VALUE", "maxEarnLimit", 1));
        String first = earn(org, badge, ids.get(0)).statusCode(200).extract().jsonPath().getString("data.earnedBadgeId");
        earnFails(org, earnBody(badge, ids.get(1)), 400, 1102);
        earnFails(org, earnBody(badge, ids.get(1)), 400, 1102);
        revoke(org, badge, ids.get(0), first).statusCode(200).body("data.status", equalTo("REVOKED"));
        // Customer 2's refused attempts left nothing in its own limit of one.
        earn(org, badge, ids.get(1)).statusCode(200).body("data.earnedCount", equalTo(1));
        earnFails(org, earnBody(badge, ids.get(0)), 400, 1102);
    }

    @Test
    void revokingAnEarnFreesItsSlotOnce() {
        long org = Orgs.fresh();
        long customer = Awards.customer(org);
        String badge = liveBadge(org, "EARN", "customerConstraints",
                limit("constraintType", "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit", 1));
        String earned = earn(org, badge, customer).statusCode(200).extract().jsonPath().getString("data.earnedBadgeId");
        earnFails(org, earnBody(badge, customer), 400, 1101);
        revoke(org, badge, customer, earned).statusCode(200);
        revoke(org, badge, customer, earned).statusCode(409).body("errors[0].code", equalTo(814));
        revoke(org, badge, customer, "0123456789abcdef01234567").statusCode(409).body("errors[0].code", equalTo(814));
        revoke(org, badge, customer, "junk").statusCode(400).body("errors[0].reference", equalTo("earnedBadgeId"));
        badge(org, badge).body("data.earnedCount", equalTo(0));
        earn(org, badge, customer).statusCode(200).body("data.earnedCount", equalTo(1));
        earnFails(org, earnBody(badge, customer), 400, 1101);
    }

    @Test
    void thirtyTwoParallelEarnsAgainstALimitOfFiveYieldExactlyFive() throws Exception {
        long org = Orgs.fresh();
        long customer = Awards.customer(org);
        String perCustomer = liveBadge(org, "EARN", "customerConstraints",
                limit("constraintType", "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit", 5));
        assertFive(Parallel.run(32, i -> earn(org, perCustomer, customer).extract().statusCode()), 1101, org, perCustomer);

        List<Long> ids = customers(org, 32);
        String perBadge = liveBadge(org, "EARN", "badgeConstraints",
                limit("constraintType", "BADGE_ROLLING_WINDOW", "rollType", "DAYS", "rollValue", 7, "maxEarnLimit", 5));
        assertFive(Parallel.run(32, i -> earn(org, perBadge, ids.get(i)).extract().statusCode()), 1102, org, perBadge);

        String rolling = liveBadge(org, "EARN", "customerConstraints",
                limit("constraintType", "CUSTOMER_BADGE_ROLLING_WINDOW", "maxEarnForWeeks", 5, "rollForWeeks", 1));
        assertFive(Parallel.run(32, i -> earn(org, rolling, customer).extract().statusCode()), 1101, org, rolling);
    }

    @Test
    void sixteenParallelCallsWithOneRequestIdEarnOnce() throws Exception {
        long org = Orgs.fresh();
        long customer = Awards.customer(org);
        String badge = liveBadge(org, "EARN");
        Map<String, Object> body = earnBody(badge, customer);
        List<String> outcomes = Parallel.run(16, i -> {
            var response = earn(org, body).extract();
            return response.statusCode() == 200 ? "ok" : String.valueOf(response.jsonPath().getInt("errors[0].code"));
        });
        assertEquals(1, outcomes.stream().filter("ok"::equals).count(), outcomes.toString());
        assertEquals(15, outcomes.stream().filter("809"::equals).count(), outcomes.toString());
        badge(org, badge).body("data.earnedCount", equalTo(1));
    }

    @Test
    void earnBulkEarnsForEachCustomerAndReportsTheOthers() {
        long org = Orgs.fresh();
        List<Long> ids = customers(org, 3);
        String badge = liveBadge(org, "EARN", "badgeConstraints",
                limit("constraintType", "BADGE_FIXED_VALUE", "maxEarnLimit", 2));
        as(org).contentType(ContentType.JSON).body(Map.of("badgeMetaId", badge,
                "customerIds", List.of(ids.get(0), 555_555_555L, ids.get(1), ids.get(2)),
                "requestId", "bulk-" + UUID.randomUUID(), "triggeredBy", Map.of("ownerType", "Loyalty",
                        "referenceId", "txn")))
                .post(Awards.EARN_BULK).then().statusCode(200)
                .body("data.earnedBadges.customerId", equalTo(List.of(ids.get(0).intValue(), ids.get(1).intValue())))
                .body("data.earnedBadges.earnedCount", equalTo(List.of(1, 1)))
                .body("data.earnedBadgesList.customerId", equalTo(List.of(ids.get(0).intValue(), ids.get(1).intValue())))
                .body("data.totalCount", equalTo(4)).body("data.earnedCount", equalTo(2))
                .body("data.failedCount", equalTo(2))
                .body("data.failedEarnBadgeErrorList.errorCode", equalTo(List.of(1026, 1102)))
                .body("data.failedEarnBadgeErrorList.customerId", equalTo(List.of(555_555_555, ids.get(2).intValue())))
                .body("errors", hasSize(0));
        badge(org, badge).body("data.earnedCount", equalTo(2));
    }

    @Inject
    CommandCounter commands;

    @Test
    void anEarnCostsAFixedNumberOfRoundTrips() {
        long org = Orgs.fresh();
        long customer = Awards.customer(org);
        String plain = liveBadge(org, "EARN");
        earn(org, plain, customer).statusCode(200); // reads the definition and the customer once
        commands.reset();
        earn(org, plain, customer).statusCode(200);
        // the customer's scope (counts its earns), the earn (which claims its requestId)
        assertEquals(List.of("findAndModify", "insert"), commands.commands());

        String limited = liveBadge(org, "EARN",
                "customerConstraints", List.of(
                        Map.of("constraintType", "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit", 99),
                        Map.of("constraintType", "CUSTOMER_BADGE_FIXED_WINDOW", "maxEarnLimit", 99, "durationType",
                                "DAYS", "refreshRate", 1),
                        Map.of("constraintType", "CUSTOMER_BADGE_ROLLING_WINDOW", "maxEarnForDays", 99, "rollForDays",
                                7, "maxEarnForWeeks", 99, "rollForWeeks", 2, "maxEarnForMonths", 99, "rollForMonths", 2)),
                "badgeConstraints", List.of(
                        Map.of("constraintType", "BADGE_FIXED_VALUE", "maxEarnLimit", 999),
                        Map.of("constraintType", "BADGE_FIXED_WINDOW", "maxEarnLimit", 999, "durationType", "WEEKS",
                                "refreshRate", 1),
                        Map.of("constraintType", "BADGE_ROLLING_WINDOW", "rollType", "DAYS", "rollValue", 7,
                                "maxEarnLimit", 999)));
        earn(org, limited, customer).statusCode(200);
        commands.reset();
        earn(org, limited, customer).statusCode(200);
        // every limit kind: the customer's scope and the badge's scope, each one conditional update, then the earn
        assertEquals(List.of("findAndModify", "findAndModify", "insert"), commands.commands());
    }

    @Test
    void earnMetricsAreExported() {
        long org = Orgs.fresh();
        long customer = Awards.customer(org);
        String badge = liveBadge(org, "EARN");
        earn(org, badge, customer).statusCode(200);
        earnFails(org, earnBody(badge, customer, "requestId", null), 400, 804);
        RestAssured.given().port(MemoryStoreResource.MANAGEMENT_PORT).get("/q/metrics").then().statusCode(200)
                .body(containsString("laurel_badges_earned_total"))
                .body(containsString("laurel_badge_rejections_total{code=\"804\",operation=\"earn\"}"));
    }

    private static void assertFive(List<Integer> statuses, int code, long org, String badge) {
        assertEquals(5, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(27, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
        badge(org, badge).body("data.earnedCount", equalTo(5));
    }

    private static ValidatableResponse earnFails(long org, Map<String, Object> body, int status,
            int code) {
        return earn(org, body).statusCode(status).body("data", nullValue()).body("errors[0].code", equalTo(code));
    }

    private static ValidatableResponse revoke(long org, String badge, long customer,
            String earned) {
        return as(org).contentType(ContentType.JSON)
                .body(Map.of("badgeMetaId", badge, "customerId", customer, "earnedBadgeId", earned))
                .post(Awards.REVOKE_EARN).then();
    }
}
