package io.laurel.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Bad input of every kind is a 4xx in the envelope, never a 500, and writes nothing. */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class ErrorHandlingTest {

    static final String USERS = "/api_gateway/v1/admin/users";
    static final String CUSTOMERS = "/api_gateway/v1/customers";

    static RequestSpecification asAdmin() {
        return given().header("Authorization", Tokens.basic(MemoryStoreResource.ADMIN, MemoryStoreResource.ADMIN_PASSWORD));
    }

    static ValidatableResponse failsWith(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType(ContentType.JSON).body("data", nullValue())
                .body("errors[0].code", equalTo(status)).body("warnings.size()", equalTo(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "truncated JSON        | {\"email\": ",
            "not JSON at all       | hello",
            "trailing garbage      | {\"email\": \"a@b.co\"} extra",
            "array for an object   | [1,2,3]",
            "JSON null             | null",
            "duplicate keys        | {\"email\": \"a@b.co\", \"email\": \"c@d.co\"}",
            "object for a string   | {\"email\": {\"$gt\": \"\"}}" })
    void malformedOrMistypedJsonIs400(String name, String body) {
        failsWith(asAdmin().contentType(ContentType.JSON).body(body).post(CUSTOMERS).then(), 400);
    }

    @Test
    void anEmptyBodyIs400() {
        failsWith(asAdmin().contentType(ContentType.JSON).post(CUSTOMERS).then(), 400);
    }

    @Test
    void aWrongTypeNamesTheField() {
        failsWith(asAdmin().contentType(ContentType.JSON)
                .body("{\"username\": \"typed\", \"password\": \"password-1\", \"roles\": \"OrgAdmin\"}")
                .post(USERS).then(), 400).body("errors[0].reference", equalTo("roles"))
                .body("errors[0].message", containsString("array"));
        failsWith(asAdmin().contentType(ContentType.JSON)
                .body("{\"username\": \"typed\", \"password\": \"password-1\", \"roles\": [\"OrgAdmin\"], \"orgId\": 1.5}")
                .post(USERS).then(), 400).body("errors[0].reference", equalTo("orgId"));
        failsWith(asAdmin().contentType(ContentType.JSON)
                .body("{\"username\": \"typed\", \"password\": \"password-1\", \"roles\": [\"OrgAdmin\"], \"orgId\": 99999999999999999999999}")
                .post(USERS).then(), 400).body("errors[0].reference", equalTo("orgId"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a number      | 21390",
            "a negative    | -1",
            "a float       | 1E+40",
            "a boolean     | true" })
    void aNumberOrBooleanForTextIs400AndNotStoredAsItsText(String name, String value) {
        failsWith(asAdmin().contentType(ContentType.JSON).body("{\"externalId\": " + value + "}").post(CUSTOMERS)
                .then(), 400).body("errors[0].reference", equalTo("externalId"))
                .body("errors[0].message", containsString("a string"));
        asAdmin().header("X-CAP-CUSTOMER-IDENTIFIER", "externalId").get(CUSTOMERS + "/" + value).then().statusCode(404);
    }

    @Test
    void textForANumberIsStillRead() {
        failsWith(asAdmin().contentType(ContentType.JSON)
                .body("{\"username\": \"numeric.text\", \"password\": \"password-1\", \"roles\": [\"OrgAdmin\"], "
                        + "\"orgId\": \"abc\"}")
                .post(USERS).then(), 400).body("errors[0].reference", equalTo("orgId"));
    }

    @Test
    void anUnknownEnumValueListsTheAllowedOnes() {
        failsWith(asAdmin().contentType(ContentType.JSON)
                .body("{\"username\": \"enum.user\", \"password\": \"password-1\", \"roles\": [\"Wizard\"]}")
                .post(USERS).then(), 400)
                .body("errors[0].reference", equalTo("roles[0]"))
                .body("errors[0].message", containsString("CanCheckRequest"));
    }

    @Test
    void everyConstraintViolationIsReportedWithItsField() {
        failsWith(asAdmin().contentType(ContentType.JSON)
                .body("{\"username\": \"x\", \"password\": \"short\", \"roles\": [null], \"email\": \"nope\", \"orgId\": -3}")
                .post(USERS).then(), 400)
                .body("errors.reference", hasItems("username", "password", "roles", "email", "orgId"));
    }

    /**
     * The service answers from the declared length, before reading the body, then closes the connection. A client
     * still writing a large body can see that close before the answer, so this one declares the length, sends no
     * body and reads the answer, which is what the check is about.
     */
    @Test
    void aBodyDeclaredOverTheLimitIs413BeforeItIsRead() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String head = "POST " + CUSTOMERS + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: " + Tokens.basic(MemoryStoreResource.ADMIN, MemoryStoreResource.ADMIN_PASSWORD) + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (3 * 1024 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("application/json"), answer);
            assertTrue(answer.contains("\"code\":413"), answer);
            assertTrue(answer.contains("\"data\":null"), answer);
        }
    }

    @Test
    void aBodyJustUnderTheLimitIsReadAndJudgedOnItsContent() {
        String name = "a".repeat(1024 * 1024);
        failsWith(asAdmin().contentType(ContentType.JSON).body("{\"firstName\": \"" + name + "\"}").post(CUSTOMERS).then(), 400);
    }

    @Test
    void aNonJsonBodyIs415() {
        failsWith(asAdmin().contentType(ContentType.TEXT).body("email=a@b.co").post(CUSTOMERS).then(), 415);
        failsWith(asAdmin().contentType(ContentType.XML).body("<customer/>").post(CUSTOMERS).then(), 415);
    }

    @Test
    void anUnknownPathIs404AndAWrongMethod405() {
        failsWith(asAdmin().get("/api_gateway/v1/no-such-thing").then(), 404);
        failsWith(given().get("/api_gateway/v1/no-such-thing").then(), 404);
        failsWith(asAdmin().delete(CUSTOMERS).then(), 405);
    }

    @Test
    void aNonNumericPageIs400Not404() {
        failsWith(asAdmin().queryParam("page", "abc").get(USERS).then(), 400).body("errors[0].reference", equalTo("page"));
        failsWith(asAdmin().queryParam("size", "0").get(USERS).then(), 400).body("errors[0].reference", equalTo("size"));
        failsWith(asAdmin().queryParam("size", "1000").get(USERS).then(), 400);
    }

    @Test
    void rejectedWritesLeaveNothingBehind() {
        String email = "never.stored@example.com";
        failsWith(asAdmin().contentType(ContentType.JSON)
                .body("{\"email\": \"" + email + "\", \"mobile\": \"call me\"}").post(CUSTOMERS).then(), 400);
        asAdmin().header("X-CAP-CUSTOMER-IDENTIFIER", "email").get(CUSTOMERS + "/" + email).then().statusCode(404)
                .body("errors[0].code", equalTo(1026));
    }
}
