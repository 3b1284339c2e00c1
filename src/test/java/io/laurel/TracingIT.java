package io.laurel;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.laurel.support.LaurelApp;
import io.laurel.support.OtlpSpans;
import io.laurel.support.OtlpSpans.Span;
import io.restassured.http.ContentType;

/**
 * Issue 21, item 4, on the package: with an OTLP endpoint set, an HTTP request, its MongoDB commands and the
 * workflow's forward are one trace, carried to the target in {@code traceparent}; latency histograms for routes and
 * forwards, and the outbox's backlog, are on the metrics page. (Without an endpoint tracing is off: OperationsTest.)
 */
class TracingIT {

    @TempDir
    Path dataDir;

    static Span await(OtlpSpans collector, String what, Predicate<Span> match) throws InterruptedException {
        return collector.await(what, match, Duration.ofSeconds(30));
    }

    @Test
    void aRequestItsDatabaseCommandsAndItsForwardAreOneTrace() throws Exception {
        CompletableFuture<String> traceparent = new CompletableFuture<>();
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/internal/goodwill/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                if (!"true".equals(exchange.getRequestHeaders().getFirst("X-LAUREL-VALIDATE-ONLY"))) {
                    traceparent.complete(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
                }
                byte[] answer = "{\"createdId\": 1, \"warnings\": []}".getBytes();
                exchange.sendResponseHeaders(201, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        target.start();
        String targetUrl = "http://127.0.0.1:" + target.getAddress().getPort();
        try (OtlpSpans collector = new OtlpSpans();
                LaurelApp app = LaurelApp.start(Map.of("LAUREL_DATA_DIR", dataDir.toString(),
                        "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.endpoint(),
                        "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                        "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms",
                        "LAUREL_WORKFLOW_ALLOWED_HOSTS", targetUrl,
                        "LAUREL_WORKFLOW_AUTO_APPROVE", "GOODWILL-POINTS"))) {
            app.asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("entityInfo", Map.of("tillId", "1", "storeId", "2", "zoneId", "3", "conceptId", "4"),
                            "payload", Map.of("IntouchAPITask-Payload", Map.of("hostname", targetUrl,
                                    "path", "/internal/goodwill/", "method", "POST",
                                    "body", Map.of("referenceId", "trace-1", "points", 20),
                                    "headers", Map.of("Authorization", "Basic dGFyZ2V0OnNlY3JldA==")))))
                    .post("/api_gateway/v2/request-workflow/GOODWILL-POINTS").then().statusCode(200)
                    .body("data.state", equalTo("approved"));

            // The forward carried the trace on: W3C traceparent, version-traceid-spanid-flags.
            String[] parent = traceparent.get(30, TimeUnit.SECONDS).split("-");
            assertEquals(4, parent.length, String.join("-", parent));
            String traceId = parent[1];

            Span server = await(collector, "for the request's route", s -> s.kind() == OtlpSpans.SERVER
                    && s.name().equals("POST /api_gateway/v2/request-workflow/{requestType}"));
            assertEquals(traceId, server.traceId(), "the forward belongs to the request's trace");
            Span forward = await(collector, "of the forward", s -> s.kind() == OtlpSpans.CLIENT
                    && s.traceId().equals(traceId) && s.spanId().equals(parent[2]));
            assertNotNull(forward);
            Span database = await(collector, "of a MongoDB command in the trace", s -> s.traceId().equals(traceId)
                    && s.kind() == OtlpSpans.CLIENT && "mongodb".equals(s.attributes().get("db.system.name")));
            assertEquals(server.spanId(), database.parentSpanId(), "a command of the request: " + database);
            assertTrue(database.attributes().containsKey("db.collection.name"), database.toString());
            // A command's name, database and collection only: no document leaves the process.
            for (Span span : collector.spans()) {
                assertTrue(span.attributes().keySet().stream().noneMatch(key -> key.startsWith("mongodb.")),
                        span.toString());
            }
            // Background polls do not start traces of their own: every database span has a parent.
            assertTrue(collector.spans().stream().noneMatch(s -> s.attributes().containsKey("db.system.name")
                    && s.parentSpanId().isEmpty()), "a database span without a parent");
            // Probes and scrapes are not traced.
            app.management().get("/q/health/ready").then().statusCode(200);

            String metrics = app.management().get("/q/metrics").then().statusCode(200).extract().asString();
            assertHas(metrics, "http_server_requests_seconds_bucket{",
                    "uri=\"/api_gateway/v2/request-workflow/{requestType}\"", "le=\"0.005\"");
            assertHas(metrics, "laurel_workflow_forward_seconds_bucket{", "result=\"success\"",
                    "type=\"GOODWILL-POINTS\"");
            assertHas(metrics, "laurel_outbox_due{");
            assertHas(metrics, "laurel_outbox_oldest_seconds{");
            List<Span> probes = collector.spans().stream().filter(s -> s.name().contains("/q/health")).toList();
            assertTrue(probes.isEmpty(), probes.toString());
        } finally {
            target.stop(0);
        }
    }

    static void assertHas(String metrics, String... parts) {
        assertTrue(metrics.lines().anyMatch(line -> List.of(parts).stream().allMatch(line::contains)),
                "no metrics line with " + List.of(parts));
    }
}
