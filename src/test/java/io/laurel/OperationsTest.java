package io.laurel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
@SuppressWarnings("unchecked")
class OperationsTest {

    /** The management interface: health and metrics live there, and only there. */
    static RequestSpecification management() {
        return given().port(MemoryStoreResource.MANAGEMENT_PORT);
    }

    @Test
    void readinessChecksTheStore() {
        management().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("MongoDB")));
        management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsArePrometheusText() {
        given().header("Authorization", Tokens.basic(MemoryStoreResource.ADMIN, MemoryStoreResource.ADMIN_PASSWORD))
                .get("/api_gateway/v1/admin/users").then().statusCode(200);
        management().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/api_gateway/v1/admin/users\""));
    }

    @Test
    void healthAndMetricsAreNotOnThePublicPort() {
        given().get("/q/metrics").then().statusCode(404).body("errors[0].code", equalTo(404));
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/health/live").then().statusCode(404);
    }

    @Test
    void anonymousJunkPathsAddNoUriTags() {
        for (int i = 0; i < 150; i++) {
            given().get("/junk-" + UUID.randomUUID() + "/x" + i).then().statusCode(404);
            given().get("/api_gateway/v1/customers/" + UUID.randomUUID() + "/junk").then().statusCode(404);
            given().get("/api_gateway/v1/badges/badgeMeta/junk-" + i).then().statusCode(401);
        }
        String metrics = management().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> uris = new TreeSet<>();
        Matcher uri = Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"").matcher(metrics);
        while (uri.find()) {
            uris.add(uri.group(1));
        }
        assertTrue(uris.stream().noneMatch(u -> u.contains("junk")), uris.toString());
        assertTrue(uris.size() < 60, "only route templates: " + uris);
    }

    @Test
    void openApiDocumentsEveryEndpointWithTagsAndSecurity() {
        JsonPath api = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, List<String>> expected = Map.of(
                "/v3/oauth/token/generate", List.of("post"),
                "/api_gateway/v1/admin/users", List.of("get", "post"),
                "/api_gateway/v1/customers", List.of("post"),
                "/api_gateway/v1/customers/{customerId}", List.of("get"));
        expected.forEach((path, methods) -> methods.forEach(method -> {
            Map<String, Object> operation = api.getMap("paths.'" + path + "'." + method);
            assertNotNull(operation, method + " " + path);
            assertFalse(((List<?>) operation.get("tags")).isEmpty(), path);
            assertNotNull(operation.get("summary"), path);
        }));
        given().queryParam("format", "json").get("/q/openapi").then()
                .body("components.securitySchemes", hasKey("basic"))
                .body("components.securitySchemes", hasKey("oauthToken"))
                .body("components.securitySchemes", hasKey("uiToken"))
                .body("components.securitySchemes", hasKey("bearer"))
                .body("components.schemas.CreateCustomerRequest.properties.email.examples[0]", notNullValue())
                .body("components.schemas.User.properties", not(hasKey("passwordHash")))
                .body("paths.'/api_gateway/v1/badges/badgeMeta'.post.requestBody.content.'application/json'.examples",
                        allOf(hasKey("Birthday Badge"), hasKey("BADGE_ASDFG")));
    }

    @Test
    void everyOperationDocumentsItsSuccessBodyAndEveryReferenceResolves() {
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonPath api = new JsonPath(json);
        Map<String, Object> schemas = api.getMap("components.schemas");
        Matcher ref = Pattern.compile("\"#/components/schemas/([^\"]+)\"").matcher(json);
        while (ref.find()) {
            assertTrue(schemas.containsKey(ref.group(1)), "dangling $ref " + ref.group(1));
        }
        Map<String, Map<String, Map<String, Object>>> paths = api.getMap("paths");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            assertTrue(responses.entrySet().stream()
                    .anyMatch(e -> e.getKey().startsWith("2") && e.getValue().get("content") != null),
                    method + " " + path + " documents no success body");
            responses.forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    assertTrue(String.valueOf(response.get("content")).contains("ErrorResponse"), method + " " + path + " " + code);
                }
            });
        }));
        assertTrue(schemas.containsKey("CustomerResponse") && schemas.containsKey("UserResponse"), schemas.keySet().toString());
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    /** Issue 21, item 4: no OTLP endpoint, no tracing (TracingIT turns it on with one). */
    @Test
    void tracingIsOffWithoutAnEndpoint() {
        assertTrue(ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", Boolean.class));
    }
}
