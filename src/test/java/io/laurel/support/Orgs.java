package io.laurel.support;

import static io.restassured.RestAssured.given;

import java.util.concurrent.ThreadLocalRandom;

import io.restassured.specification.RequestSpecification;

/** A fresh org per test: tests sharing one store never see each other's names, and isolation is exercised. */
public final class Orgs {

    private Orgs() {
    }

    public static long fresh() {
        // Within int range, so JSON numbers compare as Integer in assertions.
        return ThreadLocalRandom.current().nextInt(1_000_000, 2_000_000_000);
    }

    /** A caller of {@code orgId} holding a token with every role. */
    public static RequestSpecification as(long orgId) {
        return given().header("X-CAP-API-OAUTH-TOKEN", Tokens.valid(42, "loyalty.team", orgId,
                "OrgAdmin", "CanMakeRequest", "CanCheckRequest"));
    }
}
