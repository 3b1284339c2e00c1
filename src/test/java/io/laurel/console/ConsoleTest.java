package io.laurel.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.laurel.support.Bodies;
import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.People;
import io.laurel.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The console over HTTP: sessions, forms and their guards, what a page shows and never shows. */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class ConsoleTest {

    long org;
    long customer;
    String maker;
    String checker;
    String both;

    @BeforeEach
    void anOrgWithPeople() {
        org = Orgs.fresh();
        maker = "maker." + org;
        checker = "checker." + org;
        both = "both." + org;
        People.create(org, maker, "CanMakeRequest");
        People.create(org, checker, "CanCheckRequest");
        People.create(org, both, "CanMakeRequest", "CanCheckRequest");
        customer = Orgs.as(org).contentType(ContentType.JSON).body(Map.of("externalId", "c-" + org))
                .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath()
                .getLong("data.customerId");
    }

    /** Signs in through the form; answers the session cookie. */
    static String signIn(String username) {
        Response answer = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("username", username).formParam("password", People.password(username))
                .post("/console/sign-in");
        assertEquals(303, answer.statusCode());
        String setCookie = answer.header("Set-Cookie");
        assertNotNull(setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/console"), setCookie);
        return answer.cookie(ConsoleResource.COOKIE);
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"").matcher(html);
        return m.find() ? m.group(1) : "";
    }

    String makeGoodwill(String session, String reason) {
        String form = given().cookie(ConsoleResource.COOKIE, session).get("/console/new/goodwill").then()
                .statusCode(200).extract().asString();
        Response made = given().redirects().follow(false).cookie(ConsoleResource.COOKIE, session)
                .contentType(ContentType.URLENC).formParam("csrf", csrf(form)).formParam("customerId", customer)
                .formParam("points", "25").formParam("programId", "2739").formParam("reason", reason)
                .formParam("storeId", "50682288").formParam("tillId", "50682289")
                .post("/console/new/goodwill");
        assertEquals(303, made.statusCode(), made.asString());
        String location = made.header("Location");
        return location.substring(location.indexOf("/requests/") + "/requests/".length(), location.indexOf('?'));
    }

    @Test
    void pagesNeedASessionAndABadPasswordSaysSo() {
        for (String page : new String[] { "/console", "/console/mine", "/console/new/goodwill",
                "/console/requests/x" }) {
            given().redirects().follow(false).get(page).then().statusCode(303)
                    .header("Location", containsString("/console/sign-in"));
        }
        given().get("/console/sign-in").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .body(containsString("<label for=\"username\">Username</label>"));
        given().contentType(ContentType.URLENC).formParam("username", maker).formParam("password", "wrong-password")
                .post("/console/sign-in").then().statusCode(401).body(containsString("Wrong username or password."));
        // a session cookie that does not verify is no session: back to sign-in, not a 401 or a Basic prompt
        given().redirects().follow(false).cookie(ConsoleResource.COOKIE, "not-a-token").get("/console").then()
                .statusCode(303);
        // the cookie is the console's only: the API does not take it
        given().cookie(ConsoleResource.COOKIE, signIn(maker)).get("/api_gateway/v2/request-workflow/requests").then()
                .statusCode(401);
    }

    @Test
    void aMakerMakesACheckerApprovesAndThePointsArrive() {
        String requestId = makeGoodwill(signIn(maker), "Late delivery");
        String session = signIn(checker);
        String inbox = given().cookie(ConsoleResource.COOKIE, session).queryParam("maker", maker).get("/console")
                .then().statusCode(200).extract().asString();
        assertTrue(inbox.contains(requestId), inbox);
        assertTrue(inbox.contains("25 points to customer " + customer + ": Late delivery"));
        String page = given().cookie(ConsoleResource.COOKIE, session).get("/console/requests/" + requestId).then()
                .statusCode(200).body(containsString("Approve")).extract().asString();
        given().redirects().follow(false).cookie(ConsoleResource.COOKIE, session).contentType(ContentType.URLENC)
                .formParam("csrf", csrf(page)).formParam("decision", "approved").formParam("message", "ok by me")
                .post("/console/requests/" + requestId + "/decision").then().statusCode(303);
        given().cookie(ConsoleResource.COOKIE, session).get("/console/requests/" + requestId).then().statusCode(200)
                .body(containsString("Approved and applied")).body(containsString("ok by me"));
        Orgs.as(org).get("/api_gateway/v1/points/customer/" + customer).then().body("data.balance", equalTo(25));
        Orgs.as(org).get("/api_gateway/v2/request-workflow/requests/" + requestId).then()
                .body("data.state", equalTo("approved")).body("data.history[1].userName", equalTo(checker));
    }

    @Test
    void formsWithoutTheSessionsTokenAreRefusedAndChangeNothing() {
        String requestId = makeGoodwill(signIn(maker), "csrf");
        String session = signIn(checker);
        for (String token : new String[] { "", "0123456789abcdef0123456789abcdef" }) {
            given().cookie(ConsoleResource.COOKIE, session).contentType(ContentType.URLENC).formParam("csrf", token)
                    .formParam("decision", "approved").post("/console/requests/" + requestId + "/decision").then()
                    .statusCode(403);
        }
        Orgs.as(org).get("/api_gateway/v2/request-workflow/requests/" + requestId).then()
                .body("data.state", equalTo("AdminTask"));
    }

    @Test
    void selfApprovalIsImpossibleHereToo() {
        String session = signIn(both);
        String requestId = makeGoodwill(session, "mine");
        String page = given().cookie(ConsoleResource.COOKIE, session).get("/console/requests/" + requestId).then()
                .statusCode(200).body(containsString("another checker decides it"))
                .body(not(containsString("value=\"approved\""))).extract().asString();
        given().cookie(ConsoleResource.COOKIE, session).contentType(ContentType.URLENC).formParam("csrf", csrf(page))
                .formParam("decision", "approved").post("/console/requests/" + requestId + "/decision").then()
                .statusCode(403).body(containsString("The maker of a request cannot check it"));
        Orgs.as(org).get("/api_gateway/v2/request-workflow/requests/" + requestId).then()
                .body("data.state", equalTo("AdminTask"));
    }

    @Test
    void theMakerCancelsAndARejectionKeepsItsMessage() {
        String makerSession = signIn(maker);
        String cancelled = makeGoodwill(makerSession, "to cancel");
        String page = given().cookie(ConsoleResource.COOKIE, makerSession).get("/console/requests/" + cancelled)
                .then().body(containsString("Cancel this request")).extract().asString();
        given().redirects().follow(false).cookie(ConsoleResource.COOKIE, makerSession).contentType(ContentType.URLENC)
                .formParam("csrf", csrf(page)).formParam("message", "typo").post("/console/requests/" + cancelled + "/cancel")
                .then().statusCode(303);
        given().cookie(ConsoleResource.COOKIE, makerSession).queryParam("state", "cancelled").get("/console/mine").then()
                .statusCode(200).body(containsString(cancelled));
        String rejected = makeGoodwill(makerSession, "to reject");
        String session = signIn(checker);
        String checkerPage = given().cookie(ConsoleResource.COOKIE, session).get("/console/requests/" + rejected).then()
                .extract().asString();
        given().redirects().follow(false).cookie(ConsoleResource.COOKIE, session).contentType(ContentType.URLENC)
                .formParam("csrf", csrf(checkerPage)).formParam("decision", "rejected").formParam("message", "no ticket")
                .post("/console/requests/" + rejected + "/decision").then().statusCode(303);
        given().cookie(ConsoleResource.COOKIE, makerSession).get("/console/requests/" + rejected).then()
                .body(containsString("Rejected")).body(containsString("no ticket"));
        // a decision on a request that is no longer waiting is shown as an error, not a 500
        given().cookie(ConsoleResource.COOKIE, session).contentType(ContentType.URLENC)
                .formParam("csrf", csrf(checkerPage)).formParam("decision", "approved")
                .post("/console/requests/" + rejected + "/decision").then().statusCode(400)
                .body(containsString("not in AdminTask"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void payloadCredentialsAreMaskedAndTextIsEscaped() {
        String basic = Orgs.serviceUser(org);
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("hostname", "");
        task.put("path", "/internal/goodwill/");
        task.put("method", "POST");
        task.put("body", Bodies.goodwill(customer, "ref-" + UUID.randomUUID(), 3));
        ((Map<String, Object>) task.get("body")).put("reason", "<script>alert(1)</script>");
        task.put("headers", Map.of("Authorization", basic, "X-Api-Key", "k-123-secret"));
        String requestId = given().header("X-CAP-UI-AUTH-TOKEN", Tokens.valid(7, "api.maker", org,
                "CanMakeRequest")).contentType(ContentType.JSON).body(Map.of("entityInfo", Map.of("tillId", "1",
                        "storeId", "77", "zoneId", "1", "conceptId", "1"), "payload",
                        Map.of("IntouchAPITask-Payload", task)))
                .post("/api_gateway/v2/request-workflow/GOODWILL-POINTS").then().statusCode(200).extract().jsonPath()
                .getString("data.requestId");
        String page = given().cookie(ConsoleResource.COOKIE, signIn(checker)).get("/console/requests/" + requestId)
                .then().statusCode(200).extract().asString();
        assertFalse(page.contains(basic.substring(6)), "the Basic credential shows");
        assertFalse(page.contains("k-123-secret"), "the API key shows");
        assertTrue(page.contains("****"));
        assertFalse(page.contains("<script>alert(1)</script>"), "not escaped");
        assertTrue(page.contains("&lt;script&gt;"));
    }

    @Test
    void theInboxFiltersByTypeMakerStoreAndDate() {
        String mine = makeGoodwill(signIn(maker), "filtered");
        String session = signIn(checker);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        given().cookie(ConsoleResource.COOKIE, session).queryParam("type", "GOODWILL-POINTS").queryParam("store", "50682288")
                .queryParam("from", today).queryParam("to", today).get("/console").then().statusCode(200)
                .body(containsString(mine));
        given().cookie(ConsoleResource.COOKIE, session).queryParam("type", "EARN-BADGE").get("/console").then()
                .statusCode(200).body(not(containsString(mine))).body(containsString("Nothing is waiting"));
        given().cookie(ConsoleResource.COOKIE, session).queryParam("maker", "nobody").get("/console").then()
                .body(not(containsString(mine)));
        given().cookie(ConsoleResource.COOKIE, session).queryParam("store", "1").get("/console").then()
                .body(not(containsString(mine)));
        given().cookie(ConsoleResource.COOKIE, session).queryParam("to", "2000-01-01").get("/console").then()
                .body(not(containsString(mine)));
        given().cookie(ConsoleResource.COOKIE, session).queryParam("from", "yesterday").get("/console").then()
                .statusCode(400).body(containsString("startDate must be"));
    }

    @Test
    void aBadFormIsShownAgainWithItsErrorAndValues() {
        String session = signIn(maker);
        String form = given().cookie(ConsoleResource.COOKIE, session).get("/console/new/goodwill").then().extract()
                .asString();
        given().cookie(ConsoleResource.COOKIE, session).contentType(ContentType.URLENC).formParam("csrf", csrf(form))
                .formParam("customerId", customer).formParam("points", "many").formParam("programId", "2739")
                .formParam("reason", "kept reason").formParam("storeId", "1").formParam("tillId", "1")
                .post("/console/new/goodwill").then().statusCode(400)
                .body(containsString("Points must be a whole number above zero."))
                .body(containsString("kept reason"));
        given().cookie(ConsoleResource.COOKIE, session).contentType(ContentType.URLENC).formParam("csrf", csrf(form))
                .formParam("customerId", "999999999").formParam("points", "5").formParam("programId", "2739")
                .formParam("reason", "r").formParam("storeId", "1").formParam("tillId", "1")
                .post("/console/new/goodwill").then().statusCode(400)
                .body(containsString("Customer with the specified ID is not found"));
    }

    @Test
    void aMakerAsksForABadgeFromTheFormAndItIsEarnedOnceApproved() {
        long now = java.time.Instant.now().getEpochSecond();
        String badge = Orgs.as(org).contentType(ContentType.JSON).header("X-CAP-BADGES-MIGRATION", "migration")
                .body(Map.of("name", "console-" + UUID.randomUUID(), "startOn", now - 86_400, "expiresOn",
                        now + 86_400 * 30, "earnType", "EARN", "ownership", Map.of("restrictedToOwners",
                                java.util.List.of("Loyalty"), "claims", java.util.List.of(Map.of("ownerType", "Loyalty",
                                        "referenceId", "1")))))
                .post("/api_gateway/v1/badges/badgeMeta").then().statusCode(201).extract().jsonPath()
                .getString("data.id");
        String session = signIn(maker);
        String form = given().cookie(ConsoleResource.COOKIE, session).get("/console/new/earn-badge").then()
                .statusCode(200).body(containsString("value=\"" + badge + "\"")).extract().asString();
        Response made = given().redirects().follow(false).cookie(ConsoleResource.COOKIE, session)
                .contentType(ContentType.URLENC).formParam("csrf", csrf(form)).formParam("customerId", customer)
                .formParam("badgeMetaId", badge).formParam("storeId", "9").formParam("tillId", "9")
                .post("/console/new/earn-badge");
        assertEquals(303, made.statusCode(), made.asString());
        String location = made.header("Location");
        String requestId = location.substring(location.indexOf("/requests/") + 10, location.indexOf('?'));
        String checkerSession = signIn(checker);
        String page = given().cookie(ConsoleResource.COOKIE, checkerSession).get("/console/requests/" + requestId)
                .then().body(containsString("Badge " + badge + " for customer " + customer)).extract().asString();
        given().redirects().follow(false).cookie(ConsoleResource.COOKIE, checkerSession).contentType(ContentType.URLENC)
                .formParam("csrf", csrf(page)).formParam("decision", "approved")
                .post("/console/requests/" + requestId + "/decision").then().statusCode(303);
        Orgs.as(org).get("/api_gateway/v1/badges/badgeMeta/" + badge).then().body("data.earnedCount", equalTo(1));
    }
}
