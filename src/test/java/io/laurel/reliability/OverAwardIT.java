package io.laurel.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.laurel.support.LaurelApp;
import io.laurel.support.Parallel;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Two packaged instances share one store; 64 parallel earns, alternating between them, against a limit of 5 of each
 * constraint kind: exactly 5 succeed, and the refused ones hold no slot (revoking one earn frees exactly one).
 * Rounds: -Dchaos.rounds (3 in CI, 100 with chaos/run).
 */
class OverAwardIT {

    static final int PARALLEL = 64;
    static final int LIMIT = 5;

    @TempDir
    Path dataDir;

    record Kind(String name, boolean perCustomer, Map<String, Object> constraint) {
    }

    @Test
    void parallelEarnsOnTwoInstancesNeverOverAwardNorLoseASlot() throws Exception {
        int rounds = Integer.getInteger("chaos.rounds", 3);
        List<Kind> kinds = List.of(
                new Kind("CUSTOMER_BADGE_FIXED_VALUE", true, Map.of("constraintType", "CUSTOMER_BADGE_FIXED_VALUE",
                        "maxEarnLimit", LIMIT)),
                new Kind("CUSTOMER_BADGE_ROLLING_WINDOW", true, Map.of("constraintType", "CUSTOMER_BADGE_ROLLING_WINDOW",
                        "maxEarnForDays", LIMIT, "rollForDays", 7)),
                new Kind("CUSTOMER_BADGE_FIXED_WINDOW", true, Map.of("constraintType", "CUSTOMER_BADGE_FIXED_WINDOW",
                        "durationType", "DAYS", "maxEarnLimit", LIMIT)),
                new Kind("BADGE_FIXED_VALUE", false, Map.of("constraintType", "BADGE_FIXED_VALUE", "maxEarnLimit", LIMIT)),
                new Kind("BADGE_ROLLING_WINDOW", false, Map.of("constraintType", "BADGE_ROLLING_WINDOW", "rollType", "DAYS",
                        "rollValue", 7, "maxEarnLimit", LIMIT)),
                new Kind("BADGE_FIXED_WINDOW", false, Map.of("constraintType", "BADGE_FIXED_WINDOW", "durationType", "DAYS",
                        "maxEarnLimit", LIMIT)));
        int storePort = LaurelApp.freePort();
        try (LaurelApp first = LaurelApp.start(Map.of("LAUREL_DATA_DIR", dataDir.toString(),
                "LAUREL_STORE_PORT", Integer.toString(storePort), "LAUREL_JSON_LOGS", "false"));
                LaurelApp second = LaurelApp.start(Map.of("LAUREL_DATA_DIR", dataDir.toString(), "LAUREL_JSON_LOGS", "false",
                        "QUARKUS_MONGODB_CONNECTION_STRING", LaurelApp.store(storePort)))) {
            String token = first.given().contentType(ContentType.JSON)
                    .body(Map.of("key", LaurelApp.ADMIN, "secret", LaurelApp.ADMIN_PASSWORD))
                    .post("/v3/oauth/token/generate").then().statusCode(200).extract().jsonPath().getString("data.accessToken");
            List<LaurelApp> instances = List.of(first, second);
            List<Long> customers = new ArrayList<>();
            for (int i = 0; i <= PARALLEL; i++) {
                customers.add(as(first, token).contentType(ContentType.JSON).body(Map.of("externalId", "oa-" + i))
                        .post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath()
                        .getLong("data.customerId"));
            }
            int overAwards = 0;
            int lostSlots = 0;
            for (int round = 0; round < rounds; round++) {
                for (Kind kind : kinds) {
                    String badge = badge(first, token, kind);
                    List<String> earned = Parallel.run(PARALLEL, i -> {
                        long customer = kind.perCustomer ? customers.get(0) : customers.get(i);
                        var answer = earn(as(instances.get(i % 2), token), badge, customer).extract();
                        return answer.statusCode() == 200 ? customer + "/" + answer.jsonPath().getString("data.earnedBadgeId")
                                : null;
                    }).stream().filter(e -> e != null).toList();
                    overAwards += Math.max(0, earned.size() - LIMIT);
                    if (earned.size() != LIMIT) {
                        lostSlots += Math.max(0, LIMIT - earned.size());
                        continue;
                    }
                    // Refused earns hold nothing: free one slot, and exactly one of a burst gets it.
                    String[] revoked = earned.get(0).split("/");
                    as(second, token).contentType(ContentType.JSON).body(Map.of("badgeMetaId", badge,
                            "customerId", Long.parseLong(revoked[0]), "earnedBadgeId", revoked[1]))
                            .post("/api_gateway/v1/badges/customer/revokeEarn").then().statusCode(200);
                    long again = Parallel.run(8, i -> earn(as(instances.get(i % 2), token), badge,
                            kind.perCustomer ? customers.get(0) : customers.get(PARALLEL)).extract().statusCode())
                            .stream().filter(s -> s == 200).count();
                    if (again != 1) {
                        lostSlots++;
                    }
                    // Each instance writes its definition counts every second (BadgeCounters): the other's reach
                    // this one within that, and the count comes to exactly the limit.
                    assertEquals(LIMIT, settledEarnedCount(first, token, badge, LIMIT), kind.name + ": earnedCount");
                }
            }
            System.out.printf("OverAwardIT: %d rounds x %d kinds x %d parallel earns on 2 instances: %d over-awards, "
                    + "%d lost slots%n", rounds, kinds.size(), PARALLEL, overAwards, lostSlots);
            assertEquals(0, overAwards, "over-awards");
            assertEquals(0, lostSlots, "slots lost or withheld");
            // The racing upserts of the scopes are ordinary duplicate keys: no ERROR line of the store for them.
            assertFalse(first.output().contains("failed to handle"), "the store logged its command failures");
        }
    }

    /**
     * The badge's earnedCount read through {@code app} until it equals {@code expected} (each instance writes its
     * counts every second), or the last one read after 10 s.
     */
    private static long settledEarnedCount(LaurelApp app, String token, String badge, long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long count;
        do {
            count = as(app, token).get("/api_gateway/v1/badges/badgeMeta/" + badge).then().statusCode(200)
                    .extract().jsonPath().getLong("data.earnedCount");
        } while (count != expected && System.nanoTime() < deadline);
        return count;
    }

    private static RequestSpecification as(LaurelApp app, String token) {
        return app.given().header("X-CAP-API-OAUTH-TOKEN", token);
    }

    private static ValidatableResponse earn(RequestSpecification as, String badge, long customer) {
        return as.contentType(ContentType.JSON).body(Map.of("badgeMetaId", badge, "customerId", customer,
                "requestId", UUID.randomUUID().toString(), "triggeredBy", Map.of("ownerType", "Loyalty")))
                .post("/api_gateway/v1/badges/customer/earn").then();
    }

    private static String badge(LaurelApp app, String token, Kind kind) {
        long now = Instant.now().getEpochSecond();
        String key = kind.perCustomer ? "customerConstraints" : "badgeConstraints";
        return as(app, token).contentType(ContentType.JSON).header("X-CAP-BADGES-MIGRATION", "migration")
                .body(Map.of("name", kind.name + "-" + UUID.randomUUID(), "startOn", now - 86_400,
                        "expiresOn", now + 86_400 * 30, "earnType", "EARN",
                        "ownership", Map.of("restrictedToOwners", List.of("Loyalty")), key, List.of(kind.constraint)))
                .post("/api_gateway/v1/badges/badgeMeta").then().statusCode(201).extract().jsonPath().getString("data.id");
    }
}
