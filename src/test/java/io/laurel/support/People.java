package io.laurel.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;

/** Real users of an org, with passwords (the console signs in with them). */
public final class People {

    private People() {
    }

    /** Creates {@code username} in {@code org} with these roles; the password is {@link #password}. */
    public static void create(long org, String username, String... roles) {
        given().header("Authorization", Tokens.basic(MemoryStoreResource.ADMIN, MemoryStoreResource.ADMIN_PASSWORD))
                .contentType(ContentType.JSON).body(Map.of("username", username, "password", password(username),
                        "roles", List.of(roles), "orgId", org))
                .post("/api_gateway/v1/admin/users").then().statusCode(201);
    }

    public static String password(String username) {
        return "pw-" + username + "-long";
    }
}
