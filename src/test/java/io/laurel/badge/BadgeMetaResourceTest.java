package io.laurel.badge;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.laurel.support.Bodies;
import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.Parallel;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class BadgeMetaResourceTest {

    static final String BADGES = "/api_gateway/v1/badges/badgeMeta";
    static final String MIGRATION = "X-CAP-BADGES-MIGRATION";
    static final long DAY = 86_400;

    static long now() {
        return Instant.now().getEpochSecond();
    }

    /** A minimal valid EARN badge starting tomorrow, with the given fields on top. */
    static Map<String, Object> badge(String name, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("startOn", now() + DAY);
        body.put("expiresOn", now() + 30 * DAY);
        body.put("earnType", "EARN");
        body.put("ownership", Map.of("restrictedToOwners", List.of("Loyalty", "Milestones")));
        return Bodies.with(body, extra);
    }

    static ValidatableResponse post(long org, Object body, boolean migration) {
        var request = Orgs.as(org).contentType(ContentType.JSON).body(body);
        if (migration) {
            request.header(MIGRATION, "migration");
        }
        return request.post(BADGES).then();
    }

    static String create(long org, Object body, boolean migration) {
        return post(org, body, migration).statusCode(201).extract().jsonPath().getString("data.id");
    }

    static ValidatableResponse put(long org, Map<String, Object> body) {
        return Orgs.as(org).contentType(ContentType.JSON).body(body).put(BADGES).then();
    }

    static String group(long org, String name, int rank) {
        return Orgs.as(org).contentType(ContentType.JSON).body(Map.of("name", name, "rank", rank))
                .post("/api_gateway/v1/badges/group").then().statusCode(200).extract().jsonPath().getString("data.id");
    }

    @Test
    void theSeedsBirthdayBadgeRoundTripsFieldByField() {
        long org = Orgs.fresh();
        String groupId = group(org, "2024 Badges", 2);
        String body = BadgeMetaExamples.BIRTHDAY_BADGE.replace("65c3600c60d9261bdd8a6410", groupId);
        JsonPath created = post(org, body, true).statusCode(201).extract().jsonPath();
        String id = created.getString("data.id");
        JsonPath read = Orgs.as(org).get(BADGES + "/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(created.getMap("data"), read.getMap("data"), "create and get answer the same definition");

        Map<String, Object> seed = new JsonPath(body).getMap("");
        assertEquals(id, read.getString("data.badgeMetaId"));
        assertEquals(org, read.getLong("data.orgId"));
        for (String field : List.of("name", "description", "earnType", "images", "customFields", "badgeGroupId",
                "badgeRank", "active", "customerConstraints", "badgeConstraints")) {
            assertEquals(seed.get(field), read.get("data." + field), field);
        }
        assertEquals(List.of("Loyalty"), read.getList("data.ownership.restrictedToOwners"));
        assertEquals(List.of(), read.getList("data.ownership.claims"));
        assertEquals(1698557400L, read.getLong("data.startOn"));
        assertEquals("2023-10-29T05:30:00Z", read.getString("data.startOnISO"));
        assertEquals(4872129400L, read.getLong("data.expiresOn"));
        assertEquals("LIVE", read.getString("data.status"));
        assertEquals(0, read.getInt("data.issuedCount"));
        assertEquals(0, read.getInt("data.earnedCount"));
        assertEquals("ABSOLUTE", read.getString("data.earnedBadgeExpiry.expiryType"));
        assertEquals("WITH_BADGE_META", read.getString("data.earnedBadgeExpiry.type"));
        assertEquals(true, read.getBoolean("data.earnedBadgeExpiry.expireWithBadgeMeta"));
        assertEquals(List.of("2024", "Date", "Category1", "Priority"),
                List.copyOf(read.getMap("data.customFields").keySet()), "custom fields keep their order");
    }

    @Test
    void theSeedsBadgeAsdfgKeepsItsFourBadgeConstraintsAndItsFixedWindow() {
        long org = Orgs.fresh();
        JsonPath read = Orgs.as(org).get(BADGES + "/" + create(org, BadgeMetaExamples.BADGE_ASDFG, true))
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> window = read.getMap("data.customerConstraints[0]");
        assertEquals("CUSTOMER_BADGE_FIXED_WINDOW", window.get("constraintType"));
        assertEquals("9fae3031-3abf-3936-b5df-311839c04910", window.get("referenceId"));
        assertEquals("MONTHS", window.get("durationType"));
        assertEquals(1, window.get("maxEarnLimit"));
        assertEquals(1, window.get("refreshRate"), "the seed omits refreshRate: one cycle per month");
        assertEquals("ACTIVE", window.get("cycleStatus"));
        assertEquals(1713865283, window.get("startDate"));
        assertEquals(1828754110, window.get("endDate"));
        assertEquals("2024-04-23T09:41:23Z", window.get("startDateISO"));
        List<Map<String, Object>> limits = read.getList("data.badgeConstraints");
        assertEquals(4, limits.size());
        assertEquals(Map.of("constraintType", "BADGE_FIXED_VALUE", "maxEarnLimit", 1000), limits.get(0));
        assertEquals(Map.of("constraintType", "BADGE_ROLLING_WINDOW", "rollType", "WEEKS", "rollValue", 1,
                "maxEarnLimit", 2000), limits.get(1));
        assertEquals(Map.of("constraintType", "BADGE_ROLLING_WINDOW", "rollType", "MONTHS", "rollValue", 1,
                "maxEarnLimit", 10000), limits.get(2));
        assertEquals(Map.of("constraintType", "BADGE_ROLLING_WINDOW", "rollType", "DAYS", "rollValue", 1,
                "maxEarnLimit", 100), limits.get(3));
        assertEquals(Map.of("2024", "true", "Date", "2025-01-18T09:09:09Z"), read.getMap("data.customFields"));
    }

    @Test
    void timesFollowTheContract() {
        long org = Orgs.fresh();
        long start = 1926235957L;
        // ISO twin wins over the number; a number above 10^11 is milliseconds; fractions of seconds are accepted.
        JsonPath read = post(org, badge("Times", "startOn", 5, "startOnISO", "2031-01-15T09:32:37Z",
                "expiresOn", (start + 40 * DAY) * 1000), false).statusCode(201).extract().jsonPath();
        assertEquals(start, read.getLong("data.startOn"));
        assertEquals("2031-01-15T09:32:37Z", read.getString("data.startOnISO"));
        assertEquals(start + 40 * DAY, read.getLong("data.expiresOn"));
        post(org, badge("Offset", "startOnISO", "2031-01-15T15:02:37+05:30", "expiresOn", 1926235957.5 + DAY), false)
                .statusCode(201).body("data.startOn", equalTo(1926235957));
        post(org, badge("Bad date", "startOn", "yesterday-ish"), false).statusCode(400)
                .body("errors[0].reference", equalTo("startOn"));
        post(org, badge("Negative", "startOn", -5), false).statusCode(400);
    }

    @Test
    void aTakenNameIs725EvenUnderConcurrentCreates() throws Exception {
        long org = Orgs.fresh();
        create(org, badge("Only once"), false);
        post(org, badge("Only once"), false).statusCode(400).body("errors[0].code", equalTo(725));
        create(Orgs.fresh(), badge("Only once"), false);

        List<Integer> statuses = Parallel.run(16, i -> post(org, badge("Raced"), false).extract().statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        List<Integer> codes = Parallel.run(1, i -> post(org, badge("Raced"), false).extract().jsonPath()
                .getInt("errors[0].code"));
        assertEquals(List.of(725), codes);
        Orgs.as(org).queryParam("name", "raced").get(BADGES).then().body("data.pagination.total", equalTo(1));
    }

    @Test
    void aBadgeWithoutOwnersIs728() {
        long org = Orgs.fresh();
        post(org, badge("No owners", "ownership", Map.of("restrictedToOwners", List.of())), false).statusCode(400)
                .body("errors[0].code", equalTo(728));
        Map<String, Object> noOwnership = badge("No ownership");
        noOwnership.remove("ownership");
        post(org, noOwnership, false).statusCode(400).body("errors[0].code", equalTo(728));
    }

    @Test
    void aStartInThePastIs722UnlessMigrating() {
        long org = Orgs.fresh();
        post(org, badge("Past", "startOn", now() - DAY), false).statusCode(400).body("errors[0].code", equalTo(722));
        post(org, badge("Past", "startOn", now() - DAY), true).statusCode(201).body("data.status", equalTo("LIVE"));
    }

    @Test
    void invalidDefinitionsAre400WithTheField() {
        long org = Orgs.fresh();
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("ownership.restrictedToOwners[0]", badge("Owner", "ownership", Map.of("restrictedToOwners", List.of("Wizards"))));
        cases.put("customerConstraints[0].constraintType", badge("Kind", "customerConstraints",
                List.of(Map.of("constraintType", "CUSTOMER_BADGE_INFINITE"))));
        cases.put("customerConstraints[0].maxEarnLimit", badge("Limit", "customerConstraints",
                List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_VALUE"))));
        cases.put("customerConstraints[0].maxEarnForWeeks", badge("Pair", "customerConstraints",
                List.of(Map.of("constraintType", "CUSTOMER_BADGE_ROLLING_WINDOW", "maxEarnForWeeks", 2))));
        cases.put("badgeConstraints[0].maxEarnLimit", badge("Zero", "badgeConstraints",
                List.of(Map.of("constraintType", "BADGE_FIXED_VALUE", "maxEarnLimit", 0))));
        cases.put("badgeConstraints[0].rollType", badge("Roll", "badgeConstraints",
                List.of(Map.of("constraintType", "BADGE_ROLLING_WINDOW", "rollValue", 1, "maxEarnLimit", 3))));
        cases.put("customerConstraints[0].durationType", badge("Window", "customerConstraints",
                List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_WINDOW", "maxEarnLimit", 3))));
        cases.put("badgeConstraints[0].referenceId", badge("Shared ref",
                "customerConstraints", List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_WINDOW", "referenceId", "w1",
                        "durationType", "DAYS", "maxEarnLimit", 1)),
                "badgeConstraints", List.of(Map.of("constraintType", "BADGE_FIXED_WINDOW", "referenceId", "w1",
                        "durationType", "DAYS", "maxEarnLimit", 9))));
        cases.put("customerConstraints[0].referenceId", badge("Bad ref", "customerConstraints",
                List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_WINDOW", "referenceId", "a.b",
                        "durationType", "DAYS", "maxEarnLimit", 1))));
        cases.put("earnedBadgeExpiry.expiresOn", badge("Absolute", "earnedBadgeExpiry", Map.of("expiryType", "ABSOLUTE")));
        cases.put("issuedBadgeExpiry.value", badge("Relative", "issuedBadgeExpiry",
                Map.of("expiryType", "RELATIVE", "relativeExpiryType", "DAYS")));
        cases.put("earnType", badge("Earn type", "earnType", "SOMETIMES"));
        cases.put("images[0].tag", badge("Image", "images", List.of(Map.of("url", "https://x.example/i.png"))));
        cases.put("badgeGroupId", badge("Group id", "badgeGroupId", "not-an-id"));
        cases.forEach((field, body) -> post(org, body, false).statusCode(400)
                .body("data", nullValue()).body("errors[0].code", equalTo(400))
                .body("errors[0].reference", equalTo(field)));
        post(org, badge("Backwards", "expiresOn", now()), false).statusCode(400)
                .body("errors[0].code", equalTo(720)).body("errors[0].reference", equalTo("expiresOn"));
        Orgs.as(org).get(BADGES).then().body("data.pagination.total", equalTo(0));
    }

    @Test
    void aBadgeGroupIdMustNameAGroupOfTheOrg() {
        long org = Orgs.fresh();
        String foreign = group(Orgs.fresh(), "Theirs", 1);
        post(org, badge("Foreign group", "badgeGroupId", foreign), false).statusCode(404)
                .body("errors[0].reference", equalTo("badgeGroupId"));
        post(org, badge("Unknown group", "badgeGroupId", "0123456789abcdef01234567"), false).statusCode(404);
        String own = group(org, "Ours", 1);
        post(org, badge("Own group", "badgeGroupId", own), false).statusCode(201).body("data.badgeGroupId", equalTo(own));
    }

    @Test
    void anUnknownOrForeignBadgeIs404AndAMalformedIdIs400() {
        String foreign = create(Orgs.fresh(), badge("Theirs"), false);
        long org = Orgs.fresh();
        Map<String, String> claim = Map.of("ownerType", "Loyalty", "referenceId", "x");
        for (String id : List.of(foreign, "0123456789abcdef01234567")) {
            Orgs.as(org).get(BADGES + "/" + id).then().statusCode(404).body("errors[0].code", equalTo(404));
            put(org, Map.of("id", id, "badgeRank", 1)).statusCode(404).body("errors[0].code", equalTo(404));
            Orgs.as(org).contentType(ContentType.JSON).body(claim).post(BADGES + "/" + id + "/claim").then()
                    .statusCode(404).body("errors[0].code", equalTo(404));
            Orgs.as(org).contentType(ContentType.JSON).body(claim).post(BADGES + "/" + id + "/unclaim").then()
                    .statusCode(404).body("errors[0].code", equalTo(404));
        }
        Orgs.as(org).get(BADGES + "/12345").then().statusCode(400).body("errors[0].reference", equalTo("id"));
        put(org, Map.of("id", "zzz")).statusCode(400).body("errors[0].reference", equalTo("id"));
        put(org, Map.of("badgeRank", 1)).statusCode(400).body("errors[0].reference", equalTo("id"));
    }

    @Test
    void theListFiltersByStatusEarnTypeAndNameAndPages() {
        long org = Orgs.fresh();
        create(org, badge("Upcoming one"), false);
        create(org, badge("Live one", "startOn", now() - DAY, "earnType", "ISSUE_EARN"), true);
        create(org, badge("Expired one", "startOn", now() - 10 * DAY, "expiresOn", now() - DAY), true);
        Orgs.as(org).queryParam("status", "UPCOMING").get(BADGES).then().statusCode(200)
                .body("data.metaBasicDetails.name", equalTo(List.of("Upcoming one")))
                .body("data.metaBasicDetails[0].status", equalTo("UPCOMING"));
        Orgs.as(org).queryParam("status", "LIVE").get(BADGES).then().body("data.metaBasicDetails.name", equalTo(List.of("Live one")));
        Orgs.as(org).queryParam("status", "EXPIRED").get(BADGES).then()
                .body("data.metaBasicDetails.name", equalTo(List.of("Expired one")))
                .body("data.metaBasicDetails[0].status", equalTo("EXPIRED"));
        Orgs.as(org).queryParam("status", "LIVE,EXPIRED").get(BADGES).then()
                .body("data.metaBasicDetails.name", equalTo(List.of("Expired one", "Live one")));
        Orgs.as(org).queryParam("earnType", "ISSUE_EARN").get(BADGES).then()
                .body("data.metaBasicDetails.name", equalTo(List.of("Live one")));
        Orgs.as(org).queryParam("name", "ONE").queryParam("size", "2").get(BADGES).then()
                .body("data.metaBasicDetails", hasSize(2)).body("data.pagination.total", equalTo(3))
                .body("data.pagination.totalPages", equalTo(2));
        Orgs.as(org).queryParam("name", "ONE").queryParam("size", "2").queryParam("page", "1").get(BADGES).then()
                .body("data.metaBasicDetails.name", equalTo(List.of("Upcoming one")));
        Orgs.as(org).queryParam("name", ".*").get(BADGES).then().body("data.pagination.total", equalTo(0));
        Orgs.as(org).queryParam("status", "SOON").get(BADGES).then().statusCode(400)
                .body("errors[0].reference", equalTo("status"));
        Orgs.as(org).queryParam("earnType", "SOMETIMES").get(BADGES).then().statusCode(400);
    }

    @Test
    void startOnChangesOnlyWhileUpcomingAndNeverIntoThePast() {
        long org = Orgs.fresh();
        String upcoming = create(org, badge("Movable"), false);
        long newStart = now() + 2 * DAY;
        put(org, Map.of("id", upcoming, "startOn", newStart)).statusCode(200)
                .body("data.startOn", equalTo((int) newStart));
        put(org, Map.of("id", upcoming, "startOn", now() - DAY)).statusCode(400).body("errors[0].code", equalTo(722));

        String live = create(org, badge("Started", "startOn", now() - DAY), true);
        put(org, Map.of("id", live, "startOn", now() + DAY)).statusCode(400)
                .body("errors[0].reference", equalTo("startOn"))
                .body("errors[0].message", containsString("UPCOMING"));
        put(org, Map.of("id", live, "description", "still editable")).statusCode(200)
                .body("data.description", equalTo("still editable"));
    }

    @Test
    void anUpdateIsCheckedAsAWholeAndCannotWriteCountersOrStatus() {
        long org = Orgs.fresh();
        String id = create(org, badge("Whole", "badgeRank", 3), false);
        // Valid alone, but before the stored startOn: the merged definition is rejected.
        put(org, Map.of("id", id, "expiresOn", now() + 3600)).statusCode(400)
                .body("errors[0].reference", equalTo("expiresOn"));
        Map<String, Object> sneaky = new HashMap<>();
        sneaky.put("id", id);
        sneaky.put("issuedCount", 99);
        sneaky.put("earnedCount", 99);
        sneaky.put("status", "EXPIRED");
        sneaky.put("orgId", 1);
        sneaky.put("version", 77);
        sneaky.put("name", "Whole renamed");
        put(org, sneaky).statusCode(200)
                .body("data.name", equalTo("Whole renamed"))
                .body("data.issuedCount", equalTo(0)).body("data.earnedCount", equalTo(0))
                .body("data.status", equalTo("UPCOMING")).body("data.orgId", equalTo((int) org))
                .body("data.badgeRank", equalTo(3));
        create(org, badge("Other"), false);
        put(org, Map.of("id", id, "name", "Other")).statusCode(400).body("errors[0].code", equalTo(725));
    }

    @Test
    void claimsAreIdempotentAndAnOwnerWithAnActiveClaimStaysAllowed() throws Exception {
        long org = Orgs.fresh();
        String id = create(org, badge("Claimed"), false);
        String claimPath = BADGES + "/" + id + "/claim";
        String unclaimPath = BADGES + "/" + id + "/unclaim";
        Map<String, String> loyalty = Map.of("ownerType", "Loyalty", "referenceId", "626_TransactionAdd");

        List<Integer> statuses = Parallel.run(8, i -> Orgs.as(org).contentType(ContentType.JSON).body(loyalty)
                .post(claimPath).then().extract().statusCode());
        assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200), statuses);
        Orgs.as(org).get(BADGES + "/" + id).then()
                .body("data.ownership.claims", equalTo(List.of(Map.of("ownerType", "Loyalty",
                        "referenceId", "626_TransactionAdd", "isActive", true))));

        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("ownerType", "Journeys", "referenceId", "j1"))
                .post(claimPath).then().statusCode(400).body("errors[0].code", equalTo(714));

        put(org, Map.of("id", id, "ownership", Map.of("restrictedToOwners", List.of("Milestones")))).statusCode(400)
                .body("errors[0].reference", equalTo("ownership.restrictedToOwners"))
                .body("errors[0].message", containsString("Loyalty"));

        Orgs.as(org).contentType(ContentType.JSON).body(loyalty).post(unclaimPath).then().statusCode(200)
                .body("data.isActive", equalTo(false)).body("data.referenceId", equalTo("626_TransactionAdd"));
        Orgs.as(org).get(BADGES + "/" + id).then().body("data.ownership.claims[0].isActive", equalTo(false));
        Orgs.as(org).contentType(ContentType.JSON).body(loyalty).post(unclaimPath).then().statusCode(400)
                .body("errors[0].code", equalTo(737));
        put(org, Map.of("id", id, "ownership", Map.of("restrictedToOwners", List.of("Milestones")))).statusCode(200)
                .body("data.ownership.claims", hasSize(1));
        put(org, Map.of("id", id, "ownership", Map.of("restrictedToOwners", List.of("Milestones", "Loyalty"))))
                .statusCode(200);
        Orgs.as(org).contentType(ContentType.JSON).body(loyalty).post(claimPath).then().statusCode(200)
                .body("data.isActive", equalTo(true)).body("data.badgeMetaId", equalTo(id));
        Orgs.as(org).get(BADGES + "/" + id).then()
                .body("data.ownership.claims", equalTo(List.of(Map.of("ownerType", "Loyalty",
                        "referenceId", "626_TransactionAdd", "isActive", true))));
        Orgs.as(org).contentType(ContentType.JSON).body(Map.of("ownerType", "Milestones", "referenceId", "m1"))
                .post(claimPath).then().statusCode(200).body("data.ownerType", equalTo("Milestones"));
        Orgs.as(org).get(BADGES + "/" + id).then().body("data.ownership.claims", hasSize(2));
    }
}
