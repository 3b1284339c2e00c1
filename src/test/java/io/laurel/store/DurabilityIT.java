package io.laurel.store;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.laurel.support.LaurelApp;
import io.restassured.http.ContentType;

/** The packaged service, killed with -9 and restarted on the same LAUREL_DATA_DIR, has every acknowledged write. */
@DisabledIfSystemProperty(named = "suite.mongodb", matches = ".+",
        disabledReason = "the files of the embedded store surviving kill -9: the embedded store only")
class DurabilityIT {

    static final int CUSTOMERS = 200;

    @TempDir
    Path dataDir;

    @Test
    void acknowledgedWritesAndTheTokenKeySurviveKill9OfTheService() throws Exception {
        Map<String, String> env = Map.of("LAUREL_DATA_DIR", dataDir.toString());
        Map<Integer, Long> acknowledged = new HashMap<>();
        String token;
        try (LaurelApp app = LaurelApp.start(env)) {
            for (int i = 0; i < CUSTOMERS; i++) {
                long id = app.asAdmin().contentType(ContentType.JSON).body(Map.of("externalId", "crash-" + i))
                        .post("/api_gateway/v1/customers").then().statusCode(201)
                        .extract().jsonPath().getLong("data.customerId");
                acknowledged.put(i, id);
            }
            token = app.given().contentType(ContentType.JSON)
                    .body(Map.of("key", LaurelApp.ADMIN, "secret", LaurelApp.ADMIN_PASSWORD))
                    .post("/v3/oauth/token/generate").then().statusCode(200)
                    .extract().jsonPath().getString("data.accessToken");
            app.kill();
        }

        try (LaurelApp restarted = LaurelApp.start(env)) {
            acknowledged.forEach((i, id) -> restarted.given().header("X-CAP-API-OAUTH-TOKEN", token)
                    .header("X-CAP-CUSTOMER-IDENTIFIER", "externalId")
                    .get("/api_gateway/v1/customers/crash-" + i).then().statusCode(200)
                    .body("data.customerId", equalTo(id.intValue())));
            long next = restarted.asAdmin().contentType(ContentType.JSON).body(Map.of("externalId", "after-restart"))
                    .post("/api_gateway/v1/customers").then().statusCode(201)
                    .extract().jsonPath().getLong("data.customerId");
            long highest = acknowledged.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertTrue(next > highest, "the id counter went back after the crash: " + next + " <= " + highest);
        }
    }
}
