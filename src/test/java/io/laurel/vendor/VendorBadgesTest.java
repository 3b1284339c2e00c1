package io.laurel.vendor;

import static io.laurel.vendor.Vendor.DAY;
import static io.laurel.vendor.Vendor.as;
import static io.laurel.vendor.Vendor.expect;
import static io.laurel.vendor.Vendor.expectError;
import static io.laurel.vendor.Vendor.fill;
import static io.laurel.vendor.Vendor.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.Parallel;
import io.laurel.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The vendor's badge group and badge definition operations, each sample request sent as the vendor's reference shows
 * it (ids and dates replaced) and each answer checked against the vendor's sample answer. Method names are the
 * vendor's operation ids.
 */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class VendorBadgesTest {

    static final String GROUPS = "/api_gateway/v1/badges/group";
    static final String BADGES = "/api_gateway/v1/badges/badgeMeta";

    static final String GROUP_ANSWER = """
            {"data": {"id": "6581281e8f68666070de15c5", "orgId": 50156, "name": "GROUP_RANK_4", "rank": 2,
              "createdBy": 123, "createdOn": 1702963230.966423, "createdOnISO": "2023-12-19T05:20:30Z",
              "lastUpdatedBy": 123, "lastUpdatedOn": 1702963230.966423, "lastUpdatedOnISO": "2023-12-19T05:20:30Z",
              "isActive": true},
             "errors": [], "warnings": []}""";

    static final String BADGE_ANSWER = """
            {"data": {"id": "662749408fe258516a88fe89", "badgeNumericId": 107, "orgId": 100458, "name": "BADGE123",
              "description": "Buy five", "startOn": 1716803487, "startOnISO": "2024-05-27T09:51:27Z",
              "expiresOn": 1726804000, "expiresOnISO": "2024-09-20T03:46:40Z",
              "earnedBadgeExpiry": {"expiryType": "ABSOLUTE", "type": "WITH_BADGE_META", "expiresOn": null,
                "expireWithBadgeMeta": true},
              "issuedBadgeExpiry": null, "images": [],
              "ownership": {"restrictedToOwners": ["Milestones", "Loyalty"], "claims": []},
              "customerConstraints": [{"constraintType": "CUSTOMER_BADGE_FIXED_WINDOW", "referenceId": "e6791ec9",
                "durationType": "DAYS", "refreshRate": 3, "maxEarnLimit": 1, "cycleStatus": "ACTIVE",
                "startDate": 1716803487.0, "endDate": 1726804000.0}],
              "badgeConstraints": [{"constraintType": "BADGE_FIXED_WINDOW", "referenceId": "a1350b49",
                "durationType": "DAYS", "refreshRate": 3, "maxEarnLimit": 2, "startDate": 1716803487.0,
                "endDate": 1726804000.0, "cycleStatus": "ACTIVE"}],
              "benefits": [{"benefitType": "COUPON", "seriesId": 6789}],
              "tags": [{"name": "Type1", "value": "Birthday"}],
              "badgeGroupId": null, "badgeRank": 1, "earnType": "EARN", "issuedCount": 0, "earnedCount": 0,
              "status": "UPCOMING", "createdOn": 1713850688.811401, "createdOnISO": "2024-04-23T05:38:08Z",
              "createdBy": 75086856, "lastUpdatedOn": 1713850688.811401, "lastUpdatedOnISO": "2024-04-23T05:38:08Z",
              "lastUpdatedBy": 75086856, "customFields": {}, "active": false},
             "errors": [], "warnings": []}""";

    /** The same answer for any badge: the fields and their types, whatever kinds its lists hold. */
    static final String ANY_BADGE_ANSWER = BADGE_ANSWER
            .replaceAll("\"customerConstraints\": \\[\\{[^\\]]*\\]", "\"customerConstraints\": []")
            .replaceAll("\"badgeConstraints\": \\[\\{[^\\]]*\\]", "\"badgeConstraints\": []")
            .replaceAll("\"benefits\": \\[\\{[^\\]]*\\]", "\"benefits\": []")
            .replaceAll("\"earnedBadgeExpiry\": \\{[^}]*\\}", "\"earnedBadgeExpiry\": null")
            .replaceAll("\"tags\": \\[\\{[^\\]]*\\]", "\"tags\": []")
            .replace("\"badgeRank\": 1", "\"badgeRank\": null");

    // ---- groups ----

    @Test
    void createBadgesGroup() {
        long org = Orgs.fresh();
        expect(as(org).body("""
                {"name": "GROUP_RANK_2", "rank": 2}""").post(GROUPS), 200, GROUP_ANSWER);
        // The reference export's own sample rank.
        Response big = expect(as(org).body("""
                {"name": "skjhfdjfhgiok", "rank": 214748364}""").post(GROUPS), 200, GROUP_ANSWER);
        assertEquals(214748364, big.jsonPath().getInt("data.rank"));
        assertEquals(Tokens.userId(42), big.jsonPath().getLong("data.createdBy"));
        expectError(as(org).body("""
                {"name": "GROUP_RANK_2", "rank": 3}""").post(GROUPS), 409, 733);
        expectError(as(org).body("""
                {"name": "GROUP_RANK_9"}""").post(GROUPS), 400, 732);
    }

    @Test
    void updateBadgesGroup() {
        long org = Orgs.fresh();
        String id = group(org, "GROUP_RANK_57", 3);
        Response updated = expect(as(org).body("""
                {"name": "GROUP_RANK_58", "rank": 1}""").put(GROUPS + "/" + id), 200, GROUP_ANSWER);
        assertEquals("GROUP_RANK_58", updated.jsonPath().getString("data.name"));
        // What GET answered, sent back with one change: the read-only fields are ignored.
        Map<String, Object> read = as(org).get(GROUPS + "/" + id).jsonPath().getMap("data");
        read.put("rank", 5);
        expect(as(org).body(read).put(GROUPS + "/" + id), 200, GROUP_ANSWER);
        // The same update at the other paths the vendor's pages give it.
        Response atBadges = expect(as(org).body("""
                {"name": "GROUP_RANK_59", "rank": 1}""").put("/api_gateway/v1/badges/" + id), 200, GROUP_ANSWER);
        assertEquals("GROUP_RANK_59", atBadges.jsonPath().getString("data.name"));
        expect(as(org).body("""
                {"name": "GROUP_RANK_60", "rank": 2}""").post(GROUPS + "/" + id), 200, GROUP_ANSWER);
        group(org, "Taken", 1);
        expectError(as(org).body("""
                {"name": "Taken", "rank": 1}""").put(GROUPS + "/" + id), 409, 733);
    }

    @Test
    void getGroupById() {
        long org = Orgs.fresh();
        String id = group(org, "cafeb9fe", 1);
        expect(as(org).get(GROUPS + "/" + id), 200, GROUP_ANSWER);
    }

    @Test
    void getAllGroups() {
        long org = Orgs.fresh();
        group(org, "cafeb9fe", 1);
        group(org, "8b3886ed", 2);
        Response list = expect(as(org).queryParam("size", 100).queryParam("page", 0).queryParam("order", "ASC")
                .get(GROUPS), 200, """
                {"data": {"badgeGroups": [{"id": "6560ad9c7e3e81134376008b", "orgId": 4000106, "name": "cafeb9fe",
                   "rank": 1, "createdBy": 50677380, "createdOn": 1700834716.366, "lastUpdatedBy": 50677380,
                   "lastUpdatedOn": 1700834716.366, "isActive": true}],
                  "pagination": {"page": 0, "size": 100, "total": 893, "totalPages": 9}},
                 "errors": [], "warnings": []}""");
        assertEquals(List.of("cafeb9fe", "8b3886ed"), list.jsonPath().getList("data.badgeGroups.name"));
    }

    // ---- badge definitions ----

    /** Every create sample of the vendor's reference, with future dates (the vendor refuses a past start: 722). */
    @Test
    void createBadges() {
        long org = Orgs.fresh();
        long start = now() + DAY;
        long end = now() + 200 * DAY;
        Map<String, Object> dates = Map.of("start", start, "end", end, "startIso", Vendor.iso(start),
                "endIso", Vendor.iso(end), "later", end + DAY);
        for (String sample : List.of(ISSUE_EARN_FIXED_WINDOW, EARN_WITH_BADGE_META, ISSUE_EARN_ROLLING,
                EARN_WITH_CLAIMS, HISTORICAL_GENERATED, EARN_FIXED_WINDOW_WITH_BENEFITS)) {
            String body = fill(sample.replace("${name}", "badge-" + UUID.randomUUID()), dates);
            expect(as(org).body(body).post(BADGES), 201, ANY_BADGE_ANSWER);
        }
        // The vendor's answer sample is the fixed-window badge with benefits: every field, type for type.
        Response created = expect(as(org).body(fill(EARN_FIXED_WINDOW_WITH_BENEFITS.replace("${name}", "BADGE123"), dates)).post(BADGES), 201, BADGE_ANSWER);
        JsonPath data = created.jsonPath().setRootPath("data");
        assertEquals(false, data.getBoolean("active"));
        assertTrue(data.getLong("badgeNumericId") > 0);
        // The generated sample's customer-level list held badge-level items: moved, and repeated no-limits are one.
        JsonPath generated = as(org).queryParam("name", "HIST").get(BADGES).jsonPath();
        assertEquals(List.of("BADGE_NO_LIMIT"), generated.getList("data.metaBasicDetails[0].badgeConstraints.constraintType"));
        assertEquals(List.of(), generated.getList("data.metaBasicDetails[0].customerConstraints"));
        expectError(as(org).body(fill(EARN_WITH_BADGE_META.replace("${name}", "late"), dates)
                .replace("\"startOn\": " + start, "\"startOn\": " + (now() - 10 * DAY))).post(BADGES), 400, 722);
        expectError(as(org).body(fill(EARN_WITH_BADGE_META.replace("${name}", "backwards"), dates)
                .replace("\"expiresOn\": " + end, "\"expiresOn\": " + (start - 60))).post(BADGES), 400, 720);
    }

    @Test
    void updateBadges() {
        long org = Orgs.fresh();
        long start = now() + DAY;
        long end = now() + 200 * DAY;
        String id = create(org, fill(EARN_FIXED_WINDOW_WITH_BENEFITS.replace("${name}", "before"), Map.of("start", start, "end", end)));
        expect(as(org).body(fill("""
                {"id": "${id}", "name": "BADGE1234", "description": "Buy five, get a voucher",
                 "expiresOn": ${end}, "earnType": "EARN", "badgeRank": 2,
                 "earnedBadgeExpiry": {"expiryType": "ABSOLUTE", "type": "WITH_BADGE_META",
                   "expireWithBadgeMeta": true},
                 "ownership": {"restrictedToOwners": ["Loyalty", "Milestones"]},
                 "tags": [{"name": "Type1", "value": "Birthday"}], "customFields": {}, "active": false}""",
                Map.of("id", id, "end", end + DAY))).put(BADGES), 200, BADGE_ANSWER);
        // The reference's own update: the whole definition as GET answers it, read-only fields and nulls included.
        expect(as(org).body(fill("""
                {"id": "${id}", "orgId": 100737, "name": "Test badge 29/04", "badgeGroupId": null,
                 "badgeGroupName": null, "badgeRank": 3, "description": "Make 5 transactions",
                 "startOn": ${start}.000000000, "startOnISO": "${startIso}", "expiresOn": ${end}.000000000,
                 "expiresOnISO": "${endIso}", "status": "UPCOMING", "images": [], "tags": [],
                 "issuedBadgeExpiry": {"type": "FIXED_DATE", "expiresOn": ${later}, "expiryType": "ABSOLUTE"},
                 "earnType": "EARN",
                 "earnedBadgeExpiry": {"expiryType": "RELATIVE", "relativeExpirytype": "WEEKS", "value": 2},
                 "ownership": {"restrictedToOwners": ["Audience_Campaigns", "Loyalty", "Milestones"], "claims": []},
                 "benefits": [], "issuedCount": 0, "earnedCount": 0, "createdOn": 1759145586.301000000,
                 "createdOnISO": "2025-09-29T11:33:06Z", "createdBy": 75176138, "lastUpdatedOn": 1759145586.301000000,
                 "lastUpdatedOnISO": "2025-09-29T11:33:06Z", "lastUpdatedBy": 75176138, "customFields": {},
                 "active": true}""", Map.of("id", id, "start", start, "end", end, "startIso", Vendor.iso(start),
                "endIso", Vendor.iso(end), "later", end + DAY))).put(BADGES), 200, ANY_BADGE_ANSWER);
        // A client sends back what GET answered, with one change: read-only and unknown fields are ignored.
        Map<String, Object> read = as(org).get(BADGES + "/" + id).jsonPath().getMap("data");
        read.put("description", "changed");
        read.put("isActive", true);
        read.remove("active");
        Response back = expect(as(org).body(read).put(BADGES), 200, ANY_BADGE_ANSWER);
        assertEquals(true, back.jsonPath().getBoolean("data.active"));
        // The vendor's update codes.
        String started = as(org).header("X-CAP-BADGES-MIGRATION", "migration").body(fill(EARN_WITH_BADGE_META
                .replace("${name}", "started"), Map.of("start", now() - 10 * DAY, "end", end))).post(BADGES).then()
                .statusCode(201).extract().jsonPath().getString("data.id");
        expectError(as(org).body(Map.of("id", started, "expiresOn", now() - DAY)).put(BADGES), 400, 724);
        expectError(as(org).body(Map.of("id", id, "customerConstraints", List.of(Map.of(
                "constraintType", "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit", 3)))).put(BADGES), 400, 826);
        String live = create(org, fill(EARN_WITH_BADGE_META.replace("${name}", "live"), Map.of("start", now(), "end", end)));
        expectError(as(org).body(Map.of("id", live, "startOn", now() + 2 * DAY)).put(BADGES), 400, 723);
        expectError(as(org).body(Map.of("id", "662749408fe258516a88fe89", "badgeRank", 1)).put(BADGES), 404, 404);
    }

    @Test
    void getBadgeById() {
        long org = Orgs.fresh();
        String id = create(org, fill(EARN_FIXED_WINDOW_WITH_BENEFITS.replace("${name}", "BADGE123"), Map.of("start", now() + DAY,
                "end", now() + 200 * DAY)));
        expect(as(org).queryParam("status", "UPCOMING").get(BADGES + "/" + id), 200, BADGE_ANSWER);
        Response unknown = expectError(as(org).get(BADGES + "/662749408fe258516a88fe89"), 404, 404);
        assertEquals("Passed badge is not found", unknown.jsonPath().getString("errors[0].message"));
    }

    @Test
    void getAllBadges() {
        long org = Orgs.fresh();
        String groupId = group(org, "Seasonal", 1);
        String grouped = create(org, fill(EARN_FIXED_WINDOW_WITH_BENEFITS.replace("${name}", "grouped"), Map.of("start", now() + DAY, "end", now() + 200 * DAY)).replace("\"badgeRank\": 1,", "\"badgeRank\": 1, \"badgeGroupId\": \""
                        + groupId + "\","));
        Response list = expect(as(org).queryParam("status", "LIVE,UPCOMING").get(BADGES), 200, """
                {"data": {"metaBasicDetails": [{"id": "6555bd0a0d9e0e0ca5a0de4d", "orgId": 100458, "name": "x",
                   "badgeGroupId": "65c3600c60d9261bdd8a6410", "badgeGroupName": "Seasonal", "badgeRank": 1,
                   "description": "d", "startOn": 1700117769.0, "expiresOn": 1731740169.0, "status": "LIVE",
                   "images": [], "tags": [], "earnType": "EARN",
                   "earnedBadgeExpiry": {"expiryType": "ABSOLUTE", "type": "WITH_BADGE_META", "expiresOn": null,
                     "expireWithBadgeMeta": true},
                   "ownership": {"restrictedToOwners": ["Loyalty"], "claims": []},
                   "issuedCount": 0, "earnedCount": 0, "createdOn": 1700117770.1, "createdBy": 75041478,
                   "lastUpdatedOn": 1700117770.1, "lastUpdatedBy": 75041478, "customFields": {}, "active": true}],
                  "pagination": {"page": 0, "size": 10, "total": 1, "totalPages": 1}},
                 "errors": [], "warnings": []}""");
        assertEquals("Seasonal", list.jsonPath().getString("data.metaBasicDetails[0].badgeGroupName"));

        // The vendor's other filters, and sorting.
        long start = now() + DAY;
        create(org, fill(EARN_WITH_BADGE_META.replace("${name}", "Alpha"),
                Map.of("start", start + DAY, "end", start + 50 * DAY)));
        String claimed = create(org, fill(EARN_WITH_CLAIMS.replace("${name}", "Beta"),
                Map.of("start", start + 2 * DAY, "end", start + 400 * DAY)));
        // The samples create inactive badges: two are activated, one stays off.
        as(org).put(BADGES + "/" + grouped + "/activate").then().statusCode(200);
        as(org).put(BADGES + "/" + claimed + "/activate").then().statusCode(200);
        assertEquals(List.of("Alpha"), names(as(org).queryParam("action", "DE_ACTIVATED").get(BADGES)));
        assertEquals(List.of("grouped", "Beta"), names(as(org).queryParam("action", "ACTIVATED")
                .queryParam("sortOn", "NAME").queryParam("order", "DESC").get(BADGES)));
        assertEquals(List.of("Beta"), names(as(org).queryParam("claimedBy", "Loyalty").get(BADGES)));
        assertEquals(List.of("Alpha", "grouped"), names(as(org).queryParam("unclaimed", "true").queryParam("sortOn", "NAME")
                .get(BADGES)));
        assertEquals(List.of("Alpha", "Beta", "grouped"), names(as(org).queryParam("owner", "Milestones")
                .queryParam("sortOn", "NAME").get(BADGES)));
        assertEquals(List.of("grouped", "Alpha", "Beta"), names(as(org).queryParam("sortOn", "START_DATE")
                .queryParam("order", "ASC").get(BADGES)));
        assertEquals(List.of("Alpha", "Beta"), names(as(org).queryParam("startOn", Vendor.iso(start + DAY))
                .queryParam("sortOn", "NAME").get(BADGES)));
        assertEquals(List.of("Alpha"), names(as(org).queryParam("expiresOn", Vendor.iso(start + 60 * DAY)).get(BADGES)));
        assertEquals(1, as(org).queryParam("limit", 1).get(BADGES).jsonPath().getInt("data.pagination.size"));
        assertEquals(List.of("Alpha", "Beta", "grouped"), names(as(org).queryParam("badgeType", "EARN")
                .queryParam("status", "UPCOMING,ENDED").queryParam("sortOn", "NAME").get(BADGES)));
        expectError(as(org).queryParam("sortOn", "COLOUR").get(BADGES), 400, 400);
        expectError(as(org).queryParam("action", "PAUSED").get(BADGES), 400, 400);
        expectError(as(org).queryParam("claimedBy", "Wizards").get(BADGES), 400, 400);
    }

    static List<String> names(Response list) {
        return list.then().statusCode(200).extract().jsonPath().getList("data.metaBasicDetails.name");
    }

    @Test
    void claimBadge() {
        long org = Orgs.fresh();
        String id = create(org, fill(EARN_WITH_BADGE_META.replace("${name}", "claimed"), Map.of("start", now() + DAY, "end", now() + 200 * DAY)));
        Response claimed = expect(as(org).body("""
                {"ownerType": "Loyalty", "referenceId": "123"}""").post(BADGES + "/" + id + "/claim"), 200, """
                {"data": {"badgeMetaId": "653df084b3cda7078c7c68f1", "ownerType": "Loyalty", "referenceId": "123"},
                 "errors": null, "warnings": []}""");
        assertEquals(id, claimed.jsonPath().getString("data.badgeMetaId"));
        expectError(as(org).body("""
                {"ownerType": "Loyalty"}""").post(BADGES + "/" + id + "/claim"), 400, 717);
        expectError(as(org).body("""
                {"ownerType": "Journeys", "referenceId": "123"}""").post(BADGES + "/" + id + "/claim"), 400, 714);
    }

    @Test
    void unclaimBadge() {
        long org = Orgs.fresh();
        String id = create(org, fill(EARN_WITH_BADGE_META.replace("${name}", "unclaimed"), Map.of("start", now() + DAY, "end", now() + 200 * DAY)));
        as(org).body(Map.of("ownerType", "Loyalty", "referenceId", "string")).post(BADGES + "/" + id + "/claim")
                .then().statusCode(200);
        Response released = expect(as(org).body("""
                {"ownerType":"Loyalty", "referenceId":"string"}""").post(BADGES + "/" + id + "/unclaim"), 200, """
                {"data": {"ownerType": "Loyalty", "referenceId": "string", "isActive": false},
                 "errors": null, "warnings": []}""");
        assertEquals(false, released.jsonPath().getBoolean("data.isActive"));
        expectError(as(org).body("""
                {"ownerType":"Loyalty", "referenceId":"string"}""").post(BADGES + "/" + id + "/unclaim"), 400, 737);
    }

    // ---- custom fields and the tag schema ----

    static final String FIELD_ANSWER = """
            {"data": {"id": "65cda4fda888ce70acd29378", "orgId": 100606, "name": "CF15 date", "isMandatory": false,
              "defaultValue": "", "isActive": true, "dataType": "STRING", "createdOn": 1707975933.629223,
              "createdOnISO": "2024-02-15T05:45:33Z", "createdBy": 75097962, "lastUpdatedOn": 1707975933.629223,
              "lastUpdatedOnISO": "2024-02-15T05:45:33Z", "lastUpdatedBy": 75097962},
             "errors": [], "warnings": []}""";

    @Test
    void createCustomFieldForBadges() {
        long org = Orgs.fresh();
        expect(as(org).body("""
                {"name": "CF15 date", "isMandatory": false, "defaultValue": "", "dataType": "STRING"}""")
                .post("/api_gateway/v1/badges/customField"), 200, FIELD_ANSWER);
        expectError(as(org).body("""
                {"name": "CF15 date", "dataType": "STRING"}""").post("/api_gateway/v1/badges/customField"), 409, 409);
        expectError(as(org).body("""
                {"name": "CF2 INTEGER", "dataType": "INTEGER", "defaultValue": "one"}""")
                .post("/api_gateway/v1/badges/customField"), 400, 400);
        expectError(as(org).body("""
                {"name": "CF9", "dataType": "COLOUR"}""").post("/api_gateway/v1/badges/customField"), 400, 400);
    }

    @Test
    void getAllBadgeCustomFields() {
        long org = Orgs.fresh();
        field(org, "CF1", "STRING", true, "CF1 value");
        field(org, "CF2 INTEGER", "INTEGER", true, "1");
        expect(as(org).get("/api_gateway/v1/badges/customField"), 200, """
                {"data": {"customFieldROList": [%s], "pagination": {"page": 0, "size": 50, "total": 6, "totalPages": 1}},
                 "errors": [], "warnings": []}""".formatted(VendorShape.read(FIELD_ANSWER).get("data")));
    }

    @Test
    void getBadgeCustomFieldById() {
        long org = Orgs.fresh();
        String id = field(org, "CF3 date", "DATE", true, "2001-01-18T09:09:09Z");
        expect(as(org).get("/api_gateway/v1/badges/customField/" + id), 200, FIELD_ANSWER);
        expectError(as(org).get("/api_gateway/v1/badges/customField/65bb3daffd3e324f2cac883c"), 404, 404);
    }

    @Test
    void updateBadgeCustomField() {
        long org = Orgs.fresh();
        String id = field(org, "CF31", "STRING", true, null);
        Response updated = expect(as(org).body("""
                {"name": "CF31 date", "isMandatory": false, "defaultValue": "cgvhjb", "isActive": true,
                 "dataType": "STRING"}""").put("/api_gateway/v1/badges/customField/" + id), 200, FIELD_ANSWER);
        assertEquals("cgvhjb", updated.jsonPath().getString("data.defaultValue"));
    }

    /** An org's active definitions check badges: unknown, wrong type and missing mandatory are 400; defaults fill. */
    @Test
    void badgeCustomFieldsAreCheckedAgainstTheDefinitions() {
        long org = Orgs.fresh();
        field(org, "Priority", "INTEGER", true, null);
        field(org, "Theme", "STRING", false, "classic");
        field(org, "Launch", "DATE", false, null);
        String body = fill(EARN_WITH_BADGE_META.replace("${name}", "checked"), Map.of("start", now() + DAY,
                "end", now() + 100 * DAY));
        Response created = expect(as(org).body(body.replace("\"active\": false",
                "\"active\": false, \"customFields\": {\"Priority\": \"2\", \"Launch\": \"2030-01-01T00:00:00Z\"}"))
                .post(BADGES), 201, ANY_BADGE_ANSWER);
        assertEquals(Map.of("Priority", "2", "Launch", "2030-01-01T00:00:00Z", "Theme", "classic"),
                created.jsonPath().getMap("data.customFields"));
        Response unknown = expectError(as(org).body(body.replace("\"active\": false",
                "\"active\": false, \"customFields\": {\"Priority\": \"2\", \"Colour\": \"red\"}"))
                .post(BADGES), 400, 400);
        assertEquals("customFields.Colour", unknown.jsonPath().getString("errors[0].reference"));
        Response wrong = expectError(as(org).body(body.replace("\"active\": false",
                "\"active\": false, \"customFields\": {\"Priority\": \"high\"}")).post(BADGES), 400, 400);
        assertEquals("customFields.Priority", wrong.jsonPath().getString("errors[0].reference"));
        Response missing = expectError(as(org).body(body).post(BADGES), 400, 400);
        assertEquals("customFields.Priority", missing.jsonPath().getString("errors[0].reference"));
    }

    static final String ORG_META_ANSWER = """
            {"data": {"id": "string", "orgId": 100458,
              "tags": [{"key": "Type", "dataType": "string", "description": "Type of badge", "mandatory": false}],
              "createdOn": 1697636680.484, "createdBy": 75097962, "lastUpdatedOn": 1699459111.747,
              "lastUpdatedBy": 75097962},
             "errors": null, "warnings": null}""";

    @Test
    void createBadgesOrgMeta() {
        long org = Orgs.fresh();
        String sample = """
                {"orgId": 100458, "tags": [{"key": "Category", "dataType": "string",
                  "description": "Type of badge(Exclusive,Regular)", "mandatory": false}]}""";
        expect(as(org).body(sample).post("/api_gateway/v1/badges/orgMeta"), 200, ORG_META_ANSWER);
        expectError(as(org).body(sample).post("/api_gateway/v1/badges/orgMeta"), 409, 999999);
    }

    @Test
    void updateAndGetBadgesOrgMeta() {
        long org = Orgs.fresh();
        expectError(as(org).get("/api_gateway/v1/badges/orgMeta"), 404, 404);
        expect(as(org).body("""
                {"orgId": 100458, "tags": [
                  {"key": "Type1", "dataType": "string", "description": "Type of badge(Exclusive,Regular)", "mandatory": false},
                  {"key": "Priority", "dataType": "integer", "description": "Priority of the badge", "mandatory": true}]}""")
                .put("/api_gateway/v1/badges/orgMeta"), 200, ORG_META_ANSWER);
        Response read = expect(as(org).get("/api_gateway/v1/badges/orgMeta"), 200, ORG_META_ANSWER);
        assertEquals(List.of("Type1", "Priority"), read.jsonPath().getList("data.tags.key"));
        // Badge tags are checked against it.
        String body = fill(EARN_WITH_BADGE_META.replace("${name}", "tagged"), Map.of("start", now() + DAY,
                "end", now() + 100 * DAY));
        expect(as(org).body(body).post(BADGES), 201, ANY_BADGE_ANSWER);
        Response unknown = expectError(as(org).body(body.replace("\"name\": \"Type1\"", "\"name\": \"Mood\"")
                .replace("tagged", "tagged2")).post(BADGES), 400, 400);
        assertEquals("tags[0].name", unknown.jsonPath().getString("errors[0].reference"));
        Response wrong = expectError(as(org).body(body.replace("\"value\": \"1\"", "\"value\": \"first\"")
                .replace("tagged", "tagged3")).post(BADGES), 400, 400);
        assertEquals("tags[1].value", wrong.jsonPath().getString("errors[0].reference"));
        expectError(as(org).body(body.replace(", {\"name\": \"Priority\", \"value\": \"1\"}", "")
                .replace("tagged", "tagged4")).post(BADGES), 400, 400);
    }

    /** The first PUTs of an org's tag schema, in parallel: each creates or replaces it, none is refused. */
    @Test
    void parallelFirstPutsOfATagSchemaAllSucceed() throws Exception {
        long org = Orgs.fresh();
        List<Integer> statuses = Parallel.run(8, i -> as(org).body(Map.of("tags", List.of(Map.of("key", "k" + i,
                "dataType", "string")))).put("/api_gateway/v1/badges/orgMeta").statusCode());
        assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200), statuses);
        assertEquals(1, as(org).get("/api_gateway/v1/badges/orgMeta").jsonPath().getList("data.tags").size());
    }

    static String field(long org, String name, String type, boolean mandatory, String defaultValue) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "dataType", type, "isMandatory", mandatory));
        if (defaultValue != null) {
            body.put("defaultValue", defaultValue);
        }
        return as(org).body(body).post("/api_gateway/v1/badges/customField").then().statusCode(200).extract().jsonPath()
                .getString("data.id");
    }

    // ---- helpers and samples ----

    static String group(long org, String name, int rank) {
        return as(org).body(Map.of("name", name, "rank", rank)).post(GROUPS).then().statusCode(200).extract()
                .jsonPath().getString("data.id");
    }

    static String create(long org, String body) {
        return as(org).body(body).post(BADGES).then().statusCode(201).extract().jsonPath().getString("data.id");
    }

    static final String ISSUE_EARN_FIXED_WINDOW = """
            {"name": "${name}", "description": "Make 5 transactions", "startOn": ${start}, "expiresOn": ${end},
             "earnType": "ISSUE_EARN", "badgeRank": 3,
             "earnedBadgeExpiry": {"relativeExpirytype": "WEEKS", "value": 2, "expiryType": "RELATIVE"},
             "issuedBadgeExpiry": {"type": "FIXED_DATE", "expiresOn": ${later}, "expiryType": "ABSOLUTE"},
             "isActive": true,
             "ownership": {"restrictedToOwners": ["Loyalty", "Audience_Campaigns"]},
             "images": [{"name": "Issued", "fileSvcHandle": "qwer-8634-8938", "url": "https://example.com/i.jpg",
               "tag": "EARNED"}],
             "customerConstraints": [{"constraintType": "CUSTOMER_BADGE_FIXED_WINDOW", "maxEarnLimit": 2,
               "durationType": "DAYS", "refreshRate": 3, "startDayOfTheWeek": 1}],
             "badgeConstraints": [{"constraintType": "BADGE_FIXED_VALUE", "maxEarnLimit": 10000},
               {"constraintType": "BADGE_ROLLING_WINDOW", "rollType": "DAYS", "rollValue": 1, "maxEarnLimit": 300},
               {"constraintType": "BADGE_ROLLING_WINDOW", "rollType": "WEEKS", "rollValue": 1, "maxEarnLimit": 3000}]}""";

    static final String EARN_WITH_BADGE_META = """
            {"name": "${name}", "description": "Buy 5 pet products in 3 months", "startOn": ${start},
             "expiresOn": ${end},
             "earnedBadgeExpiry": {"expiryType": "ABSOLUTE", "type": "WITH_BADGE_META", "expireWithBadgeMeta": true},
             "ownership": {"restrictedToOwners": ["Loyalty", "Milestones"]},
             "customerConstraints": [{"constraintType": "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit": 100}],
             "badgeConstraints": [{"constraintType": "BADGE_FIXED_WINDOW", "maxEarnLimit": 2, "durationType": "DAYS",
               "refreshRate": 3, "startDayOfTheWeek": 1}],
             "earnType": "EARN",
             "tags": [{"name": "Type1", "value": "Birthday"}, {"name": "Priority", "value": "1"}],
             "active": false}""";

    static final String ISSUE_EARN_ROLLING = """
            {"name": "${name}", "description": "Make 5 transactions in a month", "startOn": ${start},
             "expiresOn": ${end}, "earnType": "ISSUE_EARN",
             "earnedBadgeExpiry": {"relativeExpirytype": "WEEKS", "value": 2, "expiryType": "RELATIVE"},
             "issuedBadgeExpiry": {"type": "FIXED_DATE", "expiresOn": ${later}, "expiryType": "ABSOLUTE"},
             "isActive": true,
             "ownership": {"restrictedToOwners": ["Loyalty", "Audience_Campaigns"]},
             "customerConstraints": [{"constraintType": "CUSTOMER_BADGE_ROLLING_WINDOW", "maxEarnForDays": 50,
               "rollForDays": 5, "maxEarnForWeeks": 100, "rollForWeeks": 1, "maxEarnForMonths": 200, "rollForMonths": 1},
               {"constraintType": "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit": 5000}],
             "badgeConstraints": [{"constraintType": "BADGE_FIXED_VALUE", "maxEarnLimit": 10000},
               {"constraintType": "BADGE_ROLLING_WINDOW", "rollType": "DAYS", "rollValue": 1, "maxEarnLimit": 300}]}""";

    static final String EARN_WITH_CLAIMS = """
            {"name": "${name}", "description": "Buy 5 pet products", "startOn": ${start}, "expiresOn": ${end},
             "earnedBadgeExpiry": {"expiryType": "ABSOLUTE", "type": "WITH_BADGE_META", "expireWithBadgeMeta": true},
             "ownership": {"restrictedToOwners": ["Loyalty", "Milestones"],
               "claims": [{"ownerType": "Loyalty", "referenceId": "626"}]},
             "customerConstraints": [{"constraintType": "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit": 100},
               {"constraintType": "CUSTOMER_BADGE_ROLLING_WINDOW", "maxEarnForDays": 1, "rollForDays": 1,
                "maxEarnForWeeks": 2, "rollForWeeks": 1, "maxEarnForMonths": 10, "rollForMonths": 1}],
             "badgeConstraints": [{"constraintType": "BADGE_FIXED_VALUE", "maxEarnLimit": 1000},
               {"constraintType": "BADGE_ROLLING_WINDOW", "rollType": "MONTHS", "rollValue": 1, "maxEarnLimit": 10000}],
             "earnType": "EARN", "customFields": {"CF1": "CF1", "CF2 INTEGER": "1"}, "active": false}""";

    /** The reference's generated sample: read-only fields, ISO dates, badge-level items in the customer list, 0s. */
    static final String HISTORICAL_GENERATED = """
            {"orgId": 50933, "name": "HIST ${name}", "description": "string",
             "startOn": "${startIso}", "expiresOn": "${endIso}",
             "earnedBadgeExpiry": {"expiryType": "ABSOLUTE", "type": "WITH_BADGE_META", "expiresOn": "${endIso}",
               "expireWithBadgeMeta": true},
             "issuedBadgeExpiry": {"expiryType": "ABSOLUTE", "type": "WITH_BADGE_META", "expiresOn": "${endIso}",
               "expireWithBadgeMeta": true},
             "images": [{"name": "string", "fileSvcHandle": "string", "url": "string", "tag": "UN_EARNED"}],
             "ownership": {"restrictedToOwners": ["Loyalty"],
               "claims": [{"badgeMetaId": "string", "ownerType": "Loyalty", "referenceId": "string"}]},
             "customerConstraints": [{"constraintType": "BADGE_NO_LIMIT", "maxEarnLimit": 0},
               {"constraintType": "BADGE_NO_LIMIT"},
               {"constraintType": "BADGE_NO_LIMIT", "rollType": "DAYS", "rollValue": 0, "maxEarnLimit": 0},
               {"constraintType": "BADGE_NO_LIMIT", "maxEarnForDays": 0, "rollForDays": 0, "maxEarnForWeeks": 0,
                "rollForWeeks": 0, "maxEarnForMonths": 0, "rollForMonths": 0}],
             "badgeConstraints": [{"constraintType": "BADGE_NO_LIMIT", "maxEarnLimit": 0},
               {"constraintType": "BADGE_NO_LIMIT", "rollType": "DAYS", "rollValue": 0, "maxEarnLimit": 0}],
             "tags": [{"name1": "string", "value": "string"}],
             "earnType": "EARN", "issuedCount": 0, "earnedCount": 0, "status": "LIVE",
             "createdOn": "2023-11-03T15:19:37.192Z", "createdBy": 0, "lastUpdatedOn": "2023-11-03T15:19:37.192Z",
             "lastUpdatedBy": 0, "customFields": {"CF1": "CF1", "CF2 INTEGER": "1"}, "active": true}""";

    static final String EARN_FIXED_WINDOW_WITH_BENEFITS = """
            {"name": "${name}", "description": "Buy 5 pet products in 3 months", "startOn": ${start},
             "expiresOn": ${end}, "badgeRank": 1,
             "earnedBadgeExpiry": {"expiryType": "ABSOLUTE", "type": "WITH_BADGE_META", "expireWithBadgeMeta": true},
             "ownership": {"restrictedToOwners": ["Loyalty", "Milestones"]},
             "customerConstraints": [{"constraintType": "CUSTOMER_BADGE_FIXED_WINDOW", "durationType": "DAYS",
               "refreshRate": 3, "startDayOfTheWeek": "TUESDAY", "maxEarnLimit": 1}],
             "badgeConstraints": [{"constraintType": "BADGE_FIXED_WINDOW", "maxEarnLimit": 2, "durationType": "DAYS",
               "refreshRate": 3, "startDayOfTheWeek": 1}],
             "benefits": [{"benefitType": "COUPON", "seriesId": 6789},
               {"benefitType": "LOYALTY_POINTS", "points": 100, "programId": 626, "promotionId": 80332,
                "allocationStrategyId": 1489, "expirationStrategyId": 3843}],
             "tags": [{"name": "Type1", "value": "Birthday"}],
             "earnType": "EARN", "active": false}""";
}
