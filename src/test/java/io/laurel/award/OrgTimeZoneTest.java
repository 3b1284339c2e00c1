package io.laurel.award;

import static io.laurel.award.Awards.DAY;
import static io.laurel.award.Awards.badge;
import static io.laurel.award.Awards.earn;
import static io.laurel.award.Awards.liveBadge;
import static io.laurel.award.Awards.now;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The org's time zone over HTTP: set and read, and the days an org's fixed windows and views count in. */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class OrgTimeZoneTest {

    static final String SETTINGS = "/api_gateway/v1/admin/orgSettings";

    @Test
    void anOrgSetsItsTimeZoneAndBadNamesChangeNothing() {
        long org = Orgs.fresh();
        Orgs.as(org).get(SETTINGS).then().statusCode(200).body("data.timeZone", equalTo("UTC"));
        for (String bad : List.of("Mars/Olympus", "", "Europe/Berlin; DROP")) {
            Orgs.as(org).contentType(ContentType.JSON).body(Map.of("timeZone", bad)).put(SETTINGS).then()
                    .statusCode(400);
        }
        Orgs.as(org).get(SETTINGS).then().statusCode(200).body("data.timeZone", equalTo("UTC"));
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("timeZone", "Asia/Kolkata")).put(SETTINGS).then()
                .statusCode(200).body("data.timeZone", equalTo("Asia/Kolkata")).body("data.orgId", equalTo((int) org));
        Orgs.as(org).get(SETTINGS).then().statusCode(200).body("data.timeZone", equalTo("Asia/Kolkata"));
        Orgs.as(Orgs.fresh()).get(SETTINGS).then().statusCode(200).body("data.timeZone", equalTo("UTC"));
    }

    /** 18:00 and 19:00 UTC of one day are 23:30 and 00:30 in Kolkata: two days there, one in a UTC org. */
    @Test
    void aDailyWindowCountsTheOrgsDays() {
        long day = Math.floorDiv(now(), DAY) * DAY - 10 * DAY;
        long evening = day + 18 * 3600;
        long afterMidnightInKolkata = day + 19 * 3600;
        Map<String, Object> daily = Map.of("constraintType", "CUSTOMER_BADGE_FIXED_WINDOW", "durationType", "DAYS",
                "refreshRate", 1, "maxEarnLimit", 1);

        long kolkata = Orgs.fresh();
        Orgs.as(kolkata).contentType(ContentType.JSON).body(Map.of("timeZone", "Asia/Kolkata")).put(SETTINGS).then()
                .statusCode(200);
        long customer = Awards.customer(kolkata);
        String badge = liveBadge(kolkata, "EARN", "customerConstraints", List.of(daily));
        earn(kolkata, badge, customer, "earnEventDate", evening).statusCode(200);
        earn(kolkata, badge, customer, "earnEventDate", afterMidnightInKolkata).statusCode(200);
        earn(kolkata, badge, customer, "earnEventDate", afterMidnightInKolkata + 3600).statusCode(400)
                .body("errors[0].code", equalTo(1101));
        // The view's current cycle begins at Kolkata's midnight (18:30 UTC).
        long cycleStart = badge(kolkata, badge).extract().jsonPath()
                .getLong("data.customerConstraints[0].currentCycle.startDate");
        assertEquals(0, (cycleStart + 19_800) % DAY, "a Kolkata midnight: " + Instant.ofEpochSecond(cycleStart));

        long utc = Orgs.fresh();
        long other = Awards.customer(utc);
        String utcBadge = liveBadge(utc, "EARN", "customerConstraints", List.of(daily));
        earn(utc, utcBadge, other, "earnEventDate", evening).statusCode(200);
        earn(utc, utcBadge, other, "earnEventDate", afterMidnightInKolkata).statusCode(400)
                .body("errors[0].code", equalTo(1101));
    }

    @Test
    void weeksBeginOnTheDayTheWindowNames() {
        long org = Orgs.fresh();
        String badge = liveBadge(org, "EARN", "customerConstraints", List.of(Map.of(
                "constraintType", "CUSTOMER_BADGE_FIXED_WINDOW", "durationType", "WEEKS", "refreshRate", 1,
                "maxEarnLimit", 1, "startDayOfTheWeek", "TUESDAY")));
        var view = badge(org, badge).body("data.customerConstraints[0].startDayOfTheWeek", equalTo(2)).extract()
                .jsonPath();
        Instant cycleStart = Instant.ofEpochSecond(view.getLong("data.customerConstraints[0].currentCycle.startDate"));
        assertEquals(DayOfWeek.TUESDAY, cycleStart.atZone(ZoneOffset.UTC).getDayOfWeek(), cycleStart.toString());
        assertEquals(0, cycleStart.getEpochSecond() % DAY, cycleStart.toString());

        String numbered = liveBadge(org, "EARN", "customerConstraints", List.of(Map.of(
                "constraintType", "CUSTOMER_BADGE_FIXED_WINDOW", "durationType", "WEEKS", "refreshRate", 1,
                "maxEarnLimit", 1, "startDayOfTheWeek", 7)));
        badge(org, numbered).body("data.customerConstraints[0].startDayOfTheWeek", equalTo(7));
        for (Object bad : List.of("FUNDAY", 8, -1)) {
            Orgs.as(org).contentType(ContentType.JSON).header("X-CAP-BADGES-MIGRATION", "migration")
                    .body(Map.of("name", "bad-" + bad, "startOn", now() - DAY, "expiresOn", now() + DAY,
                            "earnType", "EARN", "ownership", Map.of("restrictedToOwners", List.of("Loyalty")),
                            "customerConstraints", List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_WINDOW",
                                    "durationType", "WEEKS", "refreshRate", 1, "maxEarnLimit", 1,
                                    "startDayOfTheWeek", bad))))
                    .post(Awards.BADGES).then().statusCode(400);
        }
    }
}
