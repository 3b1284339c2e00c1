package io.laurel.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** A fresh org per test: tests sharing one store never see each other's names, and isolation is exercised. */
public final class Orgs {

    private Orgs() {
    }

    public static long fresh() {
        // Within int range, so JSON numbers compare as Integer in assertions.
        return ThreadLocalRandom.current().nextInt(1_000_000, 2_000_000_000);
    }

    /**
     * A service user of {@code orgId} allowed to make requests (made by the bootstrap admin), as the Basic
     * {@code Authorization} value a workflow payload carries for its target.
     */
    public static String serviceUser(long orgId) {
        String username = "svc." + orgId;
        given().header("Authorization", Tokens.basic(MemoryStoreResource.ADMIN, MemoryStoreResource.ADMIN_PASSWORD))
                .contentType(ContentType.JSON).body(Map.of("username", username, "password", "svc-pass-" + orgId,
                        "roles", List.of("CanMakeRequest"), "orgId", orgId))
                .post("/api_gateway/v1/admin/users").then().statusCode(201);
        return Tokens.basic(username, "svc-pass-" + orgId);
    }

    /** A caller of {@code orgId} holding a token with every role. */
    public static RequestSpecification as(long orgId) {
        return given().header("X-CAP-API-OAUTH-TOKEN", Tokens.valid(42, "loyalty.team", orgId,
                "OrgAdmin", "CanMakeRequest", "CanCheckRequest"));
    }
}
