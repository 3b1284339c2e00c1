package io.laurel.workflow;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.laurel.support.LaurelApp;
import io.laurel.support.Tokens;
import io.restassured.http.ContentType;

/**
 * The packaged service: an approved forward whose target is down survives kill -9 and is completed by the
 * background forwarder after the restart, exactly once; an auto-approved type is forwarded at once.
 */
class PendingForwardIT {

    @TempDir
    Path dataDir;

    /** A goodwill target that answers validation with 204 and real calls with 201, counting the real ones. */
    static final class Target implements AutoCloseable {
        final HttpServer server;
        final List<String> applied = new CopyOnWriteArrayList<>();

        Target(int port) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/internal/goodwill/", exchange -> {
                try (exchange; InputStream in = exchange.getRequestBody()) {
                    String body = new String(in.readAllBytes());
                    boolean validate = "true".equals(exchange.getRequestHeaders().getFirst("X-LAUREL-VALIDATE-ONLY"));
                    if (!validate) {
                        applied.add(body);
                    }
                    byte[] answer = validate ? new byte[0] : "{\"createdId\": 1, \"warnings\": []}".getBytes();
                    exchange.sendResponseHeaders(validate ? 204 : 201, validate ? -1 : answer.length);
                    if (!validate) {
                        exchange.getResponseBody().write(answer);
                    }
                }
            });
            server.start();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /**
     * The kill can land while the first instance holds the lease of a retry; the restarted one (a new owner) takes
     * the task once that lease has run out, so it is kept short here (above the send timeout) rather than the
     * default minute.
     */
    static final String LEASE = "PT3S";

    @Test
    void aPendingForwardIsCompletedAfterKill9AndAutoApprovedTypesGoAtOnce() throws Exception {
        int targetPort = LaurelApp.freePort();
        String target = "http://127.0.0.1:" + targetPort;
        Map<String, String> env = Map.of("LAUREL_DATA_DIR", dataDir.toString(),
                "LAUREL_WORKFLOW_ALLOWED_HOSTS", target, "LAUREL_WORKFLOW_POLL_INTERVAL", "1s",
                "LAUREL_WORKFLOW_RETRY_DELAY", "PT1S", "LAUREL_WORKFLOW_LEASE", LEASE,
                "LAUREL_WORKFLOW_FORWARD_TIMEOUT", "PT2S");
        String requestId;
        try (LaurelApp app = LaurelApp.start(env)) {
            user(app, "maker.it", "CanMakeRequest");
            user(app, "checker.it", "CanCheckRequest");
            try (Target up = new Target(targetPort)) {
                requestId = app.given().header("Authorization", Tokens.basic("maker.it", "maker-pass-1"))
                        .contentType(ContentType.JSON).body(request(target, "ref-restart"))
                        .post("/api_gateway/v2/request-workflow/GOODWILL-POINTS").then().statusCode(200)
                        .body("data.state", equalTo("AdminTask")).extract().jsonPath().getString("data.requestId");
            }
            app.given().header("Authorization", Tokens.basic("checker.it", "checker-pass-1")).contentType(ContentType.JSON)
                    .body(Map.of("requestId", requestId, "actionName", "AdminTask",
                            "payload", Map.of("AdminTask-Payload", Map.of("actionDecision", "approved"))))
                    .put("/api_gateway/v2/request-workflow/GOODWILL-POINTS").then().statusCode(200)
                    .body("data.state", equalTo("IntouchAPITask"));
            app.kill();
        }

        try (Target up = new Target(targetPort)) {
            CompletableFuture<String> done = new CompletableFuture<>();
            try (LaurelApp restarted = LaurelApp.start(Map.of("LAUREL_DATA_DIR", dataDir.toString(),
                    "LAUREL_WORKFLOW_ALLOWED_HOSTS", target, "LAUREL_WORKFLOW_POLL_INTERVAL", "1s",
                    "LAUREL_WORKFLOW_RETRY_DELAY", "PT1S", "LAUREL_WORKFLOW_LEASE", LEASE,
                    "LAUREL_WORKFLOW_FORWARD_TIMEOUT", "PT2S",
                    "LAUREL_WORKFLOW_AUTO_APPROVE", "GOODWILL-POINTS"),
                    line -> {
                        if (line.contains("Request " + requestId + " approved")) {
                            done.complete(line);
                        }
                    })) {
                done.get(60, TimeUnit.SECONDS);
                assertEquals(1, up.applied.size(), up.applied.toString());
                restarted.given().header("Authorization", Tokens.basic("checker.it", "checker-pass-1"))
                        .get("/api_gateway/v2/request-workflow/requests/" + requestId).then().statusCode(200)
                        .body("data.state", equalTo("approved"))
                        .body("data.details.IntouchAPITask_Output.status", equalTo(201));

                restarted.given().header("Authorization", Tokens.basic("maker.it", "maker-pass-1"))
                        .contentType(ContentType.JSON).body(request(target, "ref-auto"))
                        .post("/api_gateway/v2/request-workflow/GOODWILL-POINTS").then().statusCode(200)
                        .body("data.state", equalTo("approved"))
                        .body("data.details.'AdminTask-Payload'.actionDecision", equalTo("approved"));
                assertEquals(2, up.applied.size());
            }
        }
    }

    private static void user(LaurelApp app, String username, String role) {
        app.asAdmin().contentType(ContentType.JSON).body(Map.of("username", username,
                "password", username.substring(0, username.indexOf('.')) + "-pass-1", "roles", List.of(role)))
                .post("/api_gateway/v1/admin/users").then().statusCode(201);
    }

    private static Map<String, Object> request(String target, String reference) {
        return Map.of("entityInfo", Map.of("tillId", "1", "storeId", "2", "zoneId", "3", "conceptId", "4"),
                "payload", Map.of("IntouchAPITask-Payload", Map.of("hostname", target, "path", "/internal/goodwill/",
                        "method", "POST", "body", Map.of("referenceId", reference, "points", 20),
                        "headers", Map.of("Authorization", "Basic dGFyZ2V0OnNlY3JldA=="))));
    }
}
