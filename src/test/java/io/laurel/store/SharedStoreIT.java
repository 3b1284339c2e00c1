package io.laurel.store;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.laurel.support.LaurelApp;
import io.restassured.http.ContentType;

/**
 * A second instance pointed at the first one's embedded store sees its writes, and the other way round; when the store
 * goes away it answers 503 and is not ready, and when the store comes back it recovers without a restart.
 */
@DisabledIfSystemProperty(named = "suite.mongodb", matches = ".+",
        disabledReason = "two instances sharing one embedded store and its outage: the embedded store only")
class SharedStoreIT {

    static final String CUSTOMERS = "/api_gateway/v1/customers";

    @TempDir
    Path dataDir;

    @Test
    void twoInstancesShareOneEmbeddedStoreAndTheSecondOutlastsItsOutage() throws Exception {
        int storePort = LaurelApp.freePort();
        Map<String, String> storeOwner = Map.of("LAUREL_DATA_DIR", dataDir.toString(),
                "LAUREL_STORE_PORT", Integer.toString(storePort));
        try (LaurelApp first = LaurelApp.start(storeOwner);
                // Same data dir: the second instance opens no store file there, but shares the generated token key.
                LaurelApp second = LaurelApp.start(Map.of("LAUREL_DATA_DIR", dataDir.toString(),
                        "QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://127.0.0.1:" + storePort,
                        "QUARKUS_MONGODB_SERVER_SELECTION_TIMEOUT", "2S"))) {
            long fromFirst = create(first, "shared.first@example.com");
            second.asAdmin().get(CUSTOMERS + "/" + fromFirst).then().statusCode(200)
                    .body("data.email", equalTo("shared.first@example.com"));

            long fromSecond = create(second, "shared.second@example.com");
            first.asAdmin().header("X-CAP-CUSTOMER-IDENTIFIER", "email").get(CUSTOMERS + "/shared.second@example.com")
                    .then().statusCode(200).body("data.customerId", equalTo((int) fromSecond));

            // One unique index for both: the second instance cannot reuse the first one's identifier.
            second.asAdmin().contentType(ContentType.JSON).body(Map.of("email", "shared.first@example.com"))
                    .post(CUSTOMERS).then().statusCode(409);

            String token = first.given().contentType(ContentType.JSON)
                    .body(Map.of("key", LaurelApp.ADMIN, "secret", LaurelApp.ADMIN_PASSWORD))
                    .post("/v3/oauth/token/generate").then().statusCode(200)
                    .extract().jsonPath().getString("data.accessToken");
            second.given().header("Authorization", "Bearer " + token).get(CUSTOMERS + "/" + fromFirst)
                    .then().statusCode(200);

            // The first instance takes the store down with it: the second answers 503 and is no longer ready.
            first.close();
            Instant down = Instant.now();
            second.given().header("Authorization", "Bearer " + token).get(CUSTOMERS + "/" + fromFirst)
                    .then().statusCode(503).contentType(ContentType.JSON)
                    .body("data", nullValue()).body("errors[0].code", equalTo(503));
            second.asAdmin().contentType(ContentType.JSON).body(Map.of("email", "during.outage@example.com"))
                    .post(CUSTOMERS).then().statusCode(503).body("errors[0].code", equalTo(503));
            second.management().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            second.management().get("/q/health/live").then().statusCode(200);

            // The store comes back on its port: the second instance recovers without a restart, and the write it
            // refused during the outage left nothing behind (the same identifier is free).
            try (LaurelApp storeBack = LaurelApp.start(storeOwner)) {
                Instant back = Instant.now();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (second.management().get("/q/health/ready").statusCode() != 200) {
                    assertTrue(System.nanoTime() < deadline, "the second instance did not become ready again");
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
                double ready = Duration.between(back, Instant.now()).toMillis() / 1000.0;
                second.given().header("Authorization", "Bearer " + token).get(CUSTOMERS + "/" + fromFirst)
                        .then().statusCode(200);
                create(second, "during.outage@example.com");
                second.asAdmin().contentType(ContentType.JSON).body(Map.of("email", "during.outage@example.com"))
                        .post(CUSTOMERS).then().statusCode(409);
                System.out.printf("SharedStoreIT: store away %.1f s: 503 in the envelope and readiness DOWN; back: "
                        + "ready again %.1f s later without a restart, the refused write absent%n",
                        Duration.between(down, back).toMillis() / 1000.0, ready);
            }
        }
    }

    private static long create(LaurelApp app, String email) {
        return app.asAdmin().contentType(ContentType.JSON).body(Map.of("email", email)).post(CUSTOMERS)
                .then().statusCode(201).extract().jsonPath().getLong("data.customerId");
    }
}
