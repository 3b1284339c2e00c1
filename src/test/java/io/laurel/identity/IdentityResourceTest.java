package io.laurel.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class IdentityResourceTest {

    static final String TOKEN = "/v3/oauth/token/generate";
    static final String USERS = "/api_gateway/v1/admin/users";
    static final String ADMIN_BASIC = Tokens.basic(MemoryStoreResource.ADMIN, MemoryStoreResource.ADMIN_PASSWORD);

    static RequestSpecification asAdmin() {
        return given().header("Authorization", ADMIN_BASIC);
    }

    static String unique(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a user through the API as the bootstrap admin and returns its userId. */
    static long createUser(String username, String password, long orgId, String... roles) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "roles", roles, "orgId", orgId))
                .post(USERS).then().statusCode(201).extract().jsonPath().getLong("data.userId");
    }

    static String token(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("key", username, "secret", password))
                .post(TOKEN).then().statusCode(200).extract().jsonPath().getString("data.accessToken");
    }

    @Test
    void tokenEndpointIssuesAnRs256TokenWithThePlatformClaims() {
        JsonPath body = given().contentType(ContentType.JSON)
                .body(Map.of("key", MemoryStoreResource.ADMIN, "secret", MemoryStoreResource.ADMIN_PASSWORD))
                .post(TOKEN).then().statusCode(200)
                .body("data.tokenType", equalTo("Bearer"))
                .body("data.expiresIn", equalTo(3600))
                .body("errors", empty())
                .extract().jsonPath();
        String[] parts = body.getString("data.accessToken").split("\\.");
        JsonPath header = new JsonPath(decode(parts[0]));
        JsonPath claims = new JsonPath(decode(parts[1]));
        assertEquals("RS256", header.getString("alg"));
        assertEquals("laurel", claims.getString("iss"));
        assertEquals(MemoryStoreResource.ADMIN, claims.getString("upn"));
        assertEquals(MemoryStoreResource.ORG, claims.getLong("orgId"));
        assertEquals(Long.toString(claims.getLong("sub")), claims.getString("sub"));
        assertThat(claims.getList("groups"),
                containsInAnyOrder("PlatformAdmin", "OrgAdmin", "CanMakeRequest", "CanCheckRequest"));
        assertThat(claims.get("exp"), notNullValue());
    }

    @Test
    void issuedTokenIsAcceptedOnEachOfTheThreeHeaders() {
        String token = token(MemoryStoreResource.ADMIN, MemoryStoreResource.ADMIN_PASSWORD);
        given().header("X-CAP-API-OAUTH-TOKEN", token).get(USERS).then().statusCode(200);
        given().header("X-CAP-UI-AUTH-TOKEN", token).get(USERS).then().statusCode(200);
        given().header("Authorization", "Bearer " + token).get(USERS).then().statusCode(200);
    }

    @Test
    void basicAuthenticationWorksAndUsernamesAreCaseInsensitive() {
        asAdmin().get(USERS).then().statusCode(200);
        given().header("Authorization", Tokens.basic("ADMIN", MemoryStoreResource.ADMIN_PASSWORD)).get(USERS)
                .then().statusCode(200);
        token("Admin", MemoryStoreResource.ADMIN_PASSWORD);
    }

    @Test
    void wrongSecretOrUnknownUserGets401FromTheTokenEndpoint() {
        given().contentType(ContentType.JSON).body(Map.of("key", MemoryStoreResource.ADMIN, "secret", "wrong-one"))
                .post(TOKEN).then().statusCode(401).body("data", nullValue()).body("errors[0].code", equalTo(401));
        given().contentType(ContentType.JSON).body(Map.of("key", "nobody-here", "secret", "whatever-1"))
                .post(TOKEN).then().statusCode(401).body("errors[0].code", equalTo(401));
    }

    @ParameterizedTest
    @ValueSource(strings = { "none", "wrongPassword", "unknownUser", "malformedBasic", "unsupportedScheme", "expired",
            "forged", "otherIssuer", "algNone", "garbage" })
    void badCredentialsGet401InTheEnvelope(String kind) {
        RequestSpecification request = given();
        String[] admin = { "PlatformAdmin", "OrgAdmin" };
        switch (kind) {
            case "none" -> {
            }
            case "wrongPassword" -> request.header("Authorization", Tokens.basic(MemoryStoreResource.ADMIN, "nope-nope"));
            case "unknownUser" -> request.header("Authorization", Tokens.basic("ghost", "nope-nope"));
            case "malformedBasic" -> request.header("Authorization", "Basic %%%not-base64");
            case "unsupportedScheme" -> request.header("Authorization", "Digest username=admin");
            case "expired" -> request.header("X-CAP-API-OAUTH-TOKEN", Tokens.expired(1, "admin", 100458, admin));
            case "forged" -> request.header("X-CAP-API-OAUTH-TOKEN", Tokens.forged(1, "admin", 100458, admin));
            case "otherIssuer" -> request.header("Authorization", "Bearer " + Tokens.otherIssuer(1, "admin", 100458, admin));
            case "algNone" -> request.header("X-CAP-UI-AUTH-TOKEN", Tokens.unsigned(1, "admin", 100458, admin));
            case "garbage" -> request.header("X-CAP-API-OAUTH-TOKEN", "not.a.token");
            default -> throw new IllegalArgumentException(kind);
        }
        request.get(USERS).then().statusCode(401).contentType(ContentType.JSON)
                .body("data", nullValue()).body("errors[0].code", equalTo(401));
    }

    @Test
    void validTestTokenIsAccepted() {
        // The same minting as the failure cases above, with the right key, issuer and expiry: proves they fail for their reason.
        given().header("X-CAP-API-OAUTH-TOKEN", Tokens.valid(1, "admin", 100458, "OrgAdmin")).get(USERS)
                .then().statusCode(200);
    }

    @Test
    void missingRoleIs403() {
        given().header("X-CAP-API-OAUTH-TOKEN", Tokens.valid(77, "maker", 100458, "CanMakeRequest"))
                .get(USERS).then().statusCode(403).body("data", nullValue()).body("errors[0].code", equalTo(403));
        given().header("X-CAP-API-OAUTH-TOKEN", Tokens.valid(77, "maker", 100458, "CanMakeRequest"))
                .contentType(ContentType.JSON)
                .body(Map.of("username", unique("sneaky"), "password", "password-1", "roles", new String[] { "OrgAdmin" }))
                .post(USERS).then().statusCode(403);
    }

    @Test
    void orgHeaderMustMatchTheCredentialsOrg() {
        asAdmin().header("X-CAP-API-AUTH-ORG-ID", "100458").get(USERS).then().statusCode(200);
        asAdmin().header("X-CAP-API-AUTH-ORG-ID", "51250").get(USERS).then().statusCode(403)
                .body("errors[0].code", equalTo(403)).body("errors[0].reference", equalTo("X-CAP-API-AUTH-ORG-ID"));
        given().header("X-CAP-API-OAUTH-TOKEN", Tokens.valid(5, "other", 51250, "OrgAdmin"))
                .header("X-CAP-API-AUTH-ORG-ID", "100458").get(USERS).then().statusCode(403);
    }

    @Test
    void duplicateUsernameIs409EvenInAnotherCase() {
        String username = unique("dup");
        createUser(username, "password-1", MemoryStoreResource.ORG, "CanMakeRequest");
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", username.toUpperCase(), "password", "password-2", "roles",
                        new String[] { "CanCheckRequest" }))
                .post(USERS).then().statusCode(409).body("errors[0].code", equalTo(409))
                .body("errors[0].reference", equalTo("username"));
    }

    @Test
    void createdUserCanSignInAndTheListNeverShowsSecrets() {
        String username = unique("checker");
        long userId = createUser(username, "checker-pass-1", MemoryStoreResource.ORG, "CanCheckRequest");
        String token = token(username, "checker-pass-1");
        JsonPath claims = new JsonPath(decode(token.split("\\.")[1]));
        assertEquals(Long.toString(userId), claims.getString("sub"));
        assertThat(claims.getList("groups"), containsInAnyOrder("CanCheckRequest"));
        given().header("Authorization", Tokens.basic(username, "checker-pass-1")).get(USERS).then().statusCode(403);

        String list = asAdmin().queryParam("size", "100").get(USERS).then().statusCode(200)
                .body("data.users.username", hasItem(username))
                .body("data.users.orgId", everyItem(equalTo(100458)))
                .body("data.pagination.page", equalTo(0))
                .extract().asString();
        assertFalse(list.contains("password"), list);
        assertFalse(list.contains("$2a$"), list);
    }

    @Test
    void onlyAPlatformAdminActsInAnotherOrgOrGrantsPlatformAdmin() {
        String orgAdmin = unique("orgadmin");
        createUser(orgAdmin, "org-admin-pass", MemoryStoreResource.ORG, "OrgAdmin");
        String orgAdminBasic = Tokens.basic(orgAdmin, "org-admin-pass");
        given().header("Authorization", orgAdminBasic).contentType(ContentType.JSON)
                .body(Map.of("username", unique("x"), "password", "password-1", "roles", new String[] { "OrgAdmin" },
                        "orgId", 999))
                .post(USERS).then().statusCode(403).body("errors[0].reference", equalTo("orgId"));
        given().header("Authorization", orgAdminBasic).contentType(ContentType.JSON)
                .body(Map.of("username", unique("x"), "password", "password-1", "roles", new String[] { "PlatformAdmin" }))
                .post(USERS).then().statusCode(403).body("errors[0].reference", equalTo("roles"));
        given().header("Authorization", orgAdminBasic).contentType(ContentType.JSON)
                .body(Map.of("username", unique("maker"), "password", "password-1", "roles",
                        new String[] { "CanMakeRequest" }))
                .post(USERS).then().statusCode(201).body("data.orgId", equalTo(100458))
                .body("data.roles", containsInAnyOrder("CanMakeRequest"))
                .body("data", not(hasKey("password")));
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", unique("far"), "password", "password-1", "roles", new String[] { "OrgAdmin" },
                        "orgId", 999))
                .post(USERS).then().statusCode(201).body("data.orgId", equalTo(999));
    }

    static String decode(String base64Url) {
        return new String(Base64.getUrlDecoder().decode(base64Url), StandardCharsets.UTF_8);
    }
}
