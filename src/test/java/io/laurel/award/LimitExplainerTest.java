package io.laurel.award;

import static io.laurel.award.Awards.DAY;
import static io.laurel.support.Orgs.as;
import static io.laurel.award.Awards.earn;
import static io.laurel.award.Awards.liveBadge;
import static io.laurel.award.Awards.now;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

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

/** The limit explainer agrees with the enforcer, kind by kind. */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class LimitExplainerTest {

    record Kind(String list, Map<String, Object> constraint, int refusedWith) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("customerConstraints", Map.of("constraintType", "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit", 3), 1101),
            new Kind("customerConstraints", Map.of("constraintType", "CUSTOMER_BADGE_ROLLING_WINDOW",
                    "maxEarnForDays", 3, "rollForDays", 2), 1101),
            new Kind("customerConstraints", Map.of("constraintType", "CUSTOMER_BADGE_FIXED_WINDOW", "referenceId", "cw",
                    "durationType", "DAYS", "refreshRate", 5, "maxEarnLimit", 3), 1101),
            new Kind("badgeConstraints", Map.of("constraintType", "BADGE_FIXED_VALUE", "maxEarnLimit", 3), 1102),
            new Kind("badgeConstraints", Map.of("constraintType", "BADGE_ROLLING_WINDOW", "rollType", "WEEKS",
                    "rollValue", 1, "maxEarnLimit", 3), 1102),
            new Kind("badgeConstraints", Map.of("constraintType", "BADGE_FIXED_WINDOW", "referenceId", "bw",
                    "durationType", "WEEKS", "refreshRate", 1, "maxEarnLimit", 3), 1102));

    @Inject
    CommandCounter commands;

    @Test
    void remainingReachesZeroExactlyWhenEarnStartsRefusingForEveryKind() {
        for (Kind kind : KINDS) {
            long org = Orgs.fresh();
            long customer = Awards.customer(org);
            String badge = liveBadge(org, "EARN", kind.list(), List.of(kind.constraint()));
            int earned = 0;
            while (true) {
                JsonPath limits = limits(org, customer, badge).jsonPath();
                long remaining = limits.getLong("data.limits[0].remaining");
                assertEquals(3 - earned, remaining, kind.constraint() + " after " + earned);
                assertEquals(remaining > 0, limits.getBoolean("data.earnAllowed"));
                Response answer = earn(org, badge, customer).extract().response();
                if (remaining > 0) {
                    assertEquals(200, answer.statusCode(), kind.constraint() + ": " + answer.asString());
                    earned++;
                } else {
                    assertEquals(kind.refusedWith(), answer.jsonPath().getInt("errors[0].code"), answer.asString());
                    assertEquals(limits.getString("data.limits[0].description"),
                            answer.jsonPath().getString("errors[0].message"), "the explainer names the same limit");
                    break;
                }
            }
            assertEquals(3, earned, kind.constraint().toString());
        }
    }

    @Test
    void aFullLimitSaysWhenItFreesAndTheAnswerCostsThreeRoundTrips() {
        long org = Orgs.fresh();
        long customer = Awards.customer(org);
        String badge = liveBadge(org, "EARN", "customerConstraints", List.of(
                Map.of("constraintType", "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit", 5),
                Map.of("constraintType", "CUSTOMER_BADGE_ROLLING_WINDOW", "maxEarnForDays", 1, "rollForDays", 1),
                Map.of("constraintType", "CUSTOMER_BADGE_FIXED_WINDOW", "referenceId", "month", "durationType", "MONTHS",
                        "refreshRate", 1, "maxEarnLimit", 1)));
        earn(org, badge, customer).statusCode(200);
        commands.reset();
        JsonPath limits = limits(org, customer, badge).jsonPath();
        assertTrue(commands.commands().size() <= 3, commands.commands().toString());
        assertEquals(false, limits.getBoolean("data.earnAllowed"));
        assertEquals(0, limits.getLong("data.remaining"));
        // Fixed value: 4 left, no window, nothing to wait for.
        assertEquals(4, limits.getLong("data.limits[0].remaining"));
        assertNull(limits.get("data.limits[0].windowStart"));
        assertNull(limits.get("data.limits[0].nextSlotAt"));
        // The fixed month: full until its cycle ends.
        Map<String, Object> month = limits.getMap("data.limits.find { it.referenceId == 'month' }");
        assertEquals(0, month.get("remaining"));
        assertEquals(month.get("windowEnd"), month.get("nextSlotAt"));
        // The rolling day: full until the next UTC day.
        Map<String, Object> day = limits.getMap("data.limits.find { it.rollType == 'DAYS' }");
        assertEquals(0, day.get("remaining"));
        long tomorrow = (Math.floorDiv(now(), DAY) + 1) * DAY;
        assertEquals((int) tomorrow, day.get("nextSlotAt"));
        // At that time, the rolling day has room again (read as the enforcer would then).
        JsonPath later = as(org).queryParam("badgeMetaId", badge).queryParam("at", tomorrow + 60)
                .get("/api_gateway/v1/badges/customer/" + customer + "/limits").then().statusCode(200).extract().jsonPath();
        assertEquals(1, later.getLong("data.limits.find { it.rollType == 'DAYS' }.remaining"));
        assertNotNull(later.get("data.atISO"));
    }

    @Test
    void badRequestsAre4xxWithTheirCodes() {
        long org = Orgs.fresh();
        long customer = Awards.customer(org);
        String badge = liveBadge(org, "EARN");
        as(org).get("/api_gateway/v1/badges/customer/" + customer + "/limits").then().statusCode(400)
                .body("errors[0].reference", equalTo("badgeMetaId"));
        as(org).queryParam("badgeMetaId", badge).queryParam("at", "yesterday")
                .get("/api_gateway/v1/badges/customer/" + customer + "/limits").then().statusCode(400)
                .body("errors[0].reference", equalTo("at"));
        as(org).queryParam("badgeMetaId", "0123456789abcdef01234567")
                .get("/api_gateway/v1/badges/customer/" + customer + "/limits").then().statusCode(404)
                .body("errors[0].code", equalTo(404));
        as(org).queryParam("badgeMetaId", badge).get("/api_gateway/v1/badges/customer/999999999/limits").then()
                .statusCode(404).body("errors[0].code", equalTo(1026));
        // No limits: every earn passes.
        as(org).queryParam("badgeMetaId", badge).get("/api_gateway/v1/badges/customer/" + customer + "/limits").then()
                .statusCode(200).body("data.earnAllowed", equalTo(true)).body("data.limits", equalTo(List.of()));
    }

    static Response limits(long org, long customer, String badge) {
        return as(org).queryParam("badgeMetaId", badge).get("/api_gateway/v1/badges/customer/" + customer + "/limits")
                .then().statusCode(200).extract().response();
    }
}
