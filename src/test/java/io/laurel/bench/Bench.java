package io.laurel.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Updates;

import io.laurel.support.LaurelApp;
import io.laurel.support.StoreSeed;

/**
 * Laurel against its store's own limits, measured side by side in one run on this machine. Run by bench/run:
 * {@code full} (the published figures), {@code smoke} (tiny sizes, to keep the harness working) or {@code startup}
 * (start-up with and without class caches: {@link StartupBench}).
 */
public final class Bench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long ORG = 100458;
    static final long DAY = 86_400;

    final boolean smoke;
    final Report report;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    LaurelApp app;
    MongoDatabase raw;
    String admin;

    Bench(boolean smoke, Report report) {
        this.smoke = smoke;
        this.report = report;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("startup")) {
            Files.createDirectories(Path.of("bench/results"));
            StartupBench.main(Path.of("bench/results"), args.length > 1 ? Integer.parseInt(args[1]) : 7);
            System.exit(0);
        }
        boolean smoke = args.length > 0 && args[0].equals("smoke");
        Path out = Path.of(smoke ? "target/bench" : "bench/results");
        Files.createDirectories(out);
        Report report = new Report(out, LocalDate.now().toString() + (smoke ? "-smoke" : ""), smoke);
        new Bench(smoke, report).run();
        report.write();
        System.out.println("Results: " + report.markdown());
        System.exit(0);
    }

    void run() throws Exception {
        Path data = Files.createTempDirectory("laurel-bench");
        int storePort = LaurelApp.freePort();
        app = start(data, storePort);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + storePort)) {
            raw = client.getDatabase("laurel");
            admin = token(LaurelApp.ADMIN, LaurelApp.ADMIN_PASSWORD);
            List<Long> customers = StoreSeed.customers(raw, ORG, smoke ? 2_000 : 100_000, 10_000_000L);
            issueBulk(customers);
            roundTrips(customers);
            earnLoad(customers);
            phase("customer badges GET in the big store", this::wallInBigStore);
        } finally {
            app.close();
        }
        phase("start-up and memory", this::startupAndMemory);
        // The badge wall under load on a store holding just its scenario: the embedded store scans in aggregations.
        Path wallData = Files.createTempDirectory("laurel-bench-wall");
        int wallPort = LaurelApp.freePort();
        app = start(wallData, wallPort);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + wallPort)) {
            raw = client.getDatabase("laurel");
            admin = token(LaurelApp.ADMIN, LaurelApp.ADMIN_PASSWORD);
            wallLoad();
        } finally {
            app.close();
        }
    }

    interface Phase {
        void run() throws Exception;
    }

    /** Runs a phase; if it fails, the report says so with the service's last lines, and the run goes on. */
    void phase(String name, Phase phase) {
        try {
            phase.run();
        } catch (Exception e) {
            report.failed(name, e + "\n\nLast lines of the service:\n\n    " + app.tail().replace("\n", "\n    "));
        }
    }

    /** One badge-wall GET in the store that now holds every customer, issue and earn of the runs above. */
    void wallInBigStore() throws Exception {
        long org = 800_000;
        String token = orgToken(org);
        List<ObjectId> badges = cloneBadges(org, badge(org, "EARN", token, List.of(), List.of()), smoke ? 99 : 999);
        long customer = customer(org, token);
        // The same scenario as section 4's fresh store: 200 of the 1,000 badges earned.
        for (int i = 0; i < (smoke ? 20 : 200); i++) {
            post("/api_gateway/v1/badges/customer/earn", token, earnBody(badges.get(i).toHexString(), customer));
        }
        long documents = raw.getCollection("customers").countDocuments() + raw.getCollection("badge_issues").countDocuments()
                + raw.getCollection("badge_earns").countDocuments();
        report.bigStoreWall(documents, raw.getCollection("badge_metas").countDocuments(), wallMedianMs(token, customer),
                200);
    }

    /** The median of 7 customer badges GETs (AVAILABLE, as section 4 asks), one at a time. */
    double wallMedianMs(String token, long customer) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                    + "/api_gateway/v1/badges/customer/" + customer + "?badgeType=AVAILABLE"))
                    .header("X-CAP-API-OAUTH-TOKEN", token).timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("customer badges GET answered " + answer.statusCode());
            }
            times.add((System.nanoTime() - t0) / 1e6);
        }
        times.sort(Double::compare);
        return times.get(times.size() / 2);
    }

    // ---- 1. issueBulk against raw insertMany ----

    void issueBulk(List<Long> customers) throws Exception {
        int[] sizes = smoke ? new int[] { 100, 1_000 } : new int[] { 1_000, 10_000, 100_000 };
        int reps = smoke ? 1 : 3;
        MongoCollection<Document> scratch = raw.getCollection("bench_raw_issues");
        // The same unique index as the real issues, so the raw insert maintains what issueBulk maintains.
        scratch.createIndex(new Document("activeKey", 1), new IndexOptions().unique(true).sparse(true));
        for (int size : sizes) {
            List<Double> httpMs = new ArrayList<>();
            List<Double> rawMs = new ArrayList<>();
            List<Double> floorMs = new ArrayList<>();
            long commands = 0;
            for (int rep = 0; rep < reps; rep++) {
                String badge = badge(ORG, "ISSUE_EARN", null, List.of(), List.of());
                long before = commands();
                long t0 = System.nanoTime();
                for (int from = 0; from < size; from += 10_000) {
                    JsonNode answer = post("/api_gateway/v1/badges/badgeMeta/customer/issueBulk", admin, Map.of(
                            "badgeMetaId", badge, "customers", customers.subList(from, Math.min(size, from + 10_000)),
                            "requestId", UUID.randomUUID().toString(),
                            "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "bench")));
                    if (answer.path("data").path("issuedBadges").size() != Math.min(10_000, size - from)) {
                        throw new IllegalStateException("issueBulk did not issue every customer: " + answer.path("errors"));
                    }
                }
                httpMs.add((System.nanoTime() - t0) / 1e6);
                commands = commands() - before;
                ObjectId rawBadge = new ObjectId();
                long r0 = System.nanoTime();
                for (int from = 0; from < size; from += 10_000) {
                    List<Document> docs = new ArrayList<>();
                    for (int i = from; i < Math.min(size, from + 10_000); i++) {
                        docs.add(issueDocument(rawBadge, customers.get(i)));
                    }
                    scratch.insertMany(docs, new InsertManyOptions().ordered(false));
                }
                rawMs.add((System.nanoTime() - r0) / 1e6);
                ObjectId floorBadge = new ObjectId();
                long f0 = System.nanoTime();
                for (int from = 0; from < size; from += 10_000) {
                    List<Long> ids = customers.subList(from, Math.min(size, from + 10_000));
                    List<Document> docs = new ArrayList<>();
                    for (Document found : raw.getCollection("customers").find(Filters.and(Filters.eq("orgId", ORG),
                            Filters.in("customerId", ids))).projection(new Document("customerId", 1))
                            .batchSize(ids.size() + 1)) {
                        docs.add(issueDocument(floorBadge, found.getLong("customerId")));
                    }
                    scratch.insertMany(docs, new InsertManyOptions().ordered(false));
                }
                floorMs.add((System.nanoTime() - f0) / 1e6);
            }
            report.bulk(size, httpMs, rawMs, floorMs, commands);
        }
        scratch.drop();
    }

    static Document issueDocument(ObjectId badge, long customer) {
        Date now = new Date();
        return new Document("_id", new ObjectId()).append("orgId", ORG).append("badgeMetaId", badge)
                .append("customerId", customer).append("status", "ACTIVE")
                .append("activeKey", ORG + ":" + badge.toHexString() + ":" + customer).append("issueEventDate", now)
                .append("issuedOn", now).append("expiresOn", now)
                .append("triggeredBy", new Document("ownerType", "Loyalty").append("referenceId", "bench"))
                .append("requestId", "raw");
    }

    // ---- 2. round trips per request ----

    interface Request {
        void send(int attempt) throws Exception;
    }

    /**
     * The commands one request sends: the fewest the process's counter moved over five of them. The counter counts
     * every command of the process, so a request that a one-second batch of definition counters or a reconciler pass
     * happens to overlap reads one or two more; the fewest of five is the request's own.
     */
    long fewest(Request request) throws Exception {
        long fewest = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++) {
            long before = commands();
            request.send(attempt);
            fewest = Math.min(fewest, commands() - before);
        }
        return fewest;
    }

    void roundTrips(List<Long> customers) throws Exception {
        // Steady state: the definition read in the last second and the customer seen before by this replica (as
        // in the load below); and an earn of a customer this replica has not seen yet (one lookup more).
        String badge = badge(ORG, "EARN", null, List.of(), List.of());
        post("/api_gateway/v1/badges/customer/earn", admin, earnBody(badge, customers.get(0)));
        report.roundTrips("earn (no limits)", fewest(attempt ->
                post("/api_gateway/v1/badges/customer/earn", admin, earnBody(badge, customers.get(0)))));

        String limited = badge(ORG, "EARN", null, allCustomerLimits(), allBadgeLimits());
        post("/api_gateway/v1/badges/customer/earn", admin, earnBody(limited, customers.get(1)));
        report.roundTrips("earn (all eight limit kinds)", fewest(attempt ->
                post("/api_gateway/v1/badges/customer/earn", admin, earnBody(limited, customers.get(1)))));
        report.roundTrips("earn (all eight limit kinds), a customer this replica has not seen", fewest(attempt ->
                post("/api_gateway/v1/badges/customer/earn", admin, earnBody(limited, customers.get(10 + attempt)))));

        for (int size : smoke ? new int[] { 10, 100 } : new int[] { 10, 1_000, 10_000 }) {
            long org = 900_000 + size;
            String token = orgToken(org);
            cloneBadges(org, badge(org, "EARN", token, List.of(), List.of()), size - 1);
            long customer = customer(org, token);
            report.roundTrips("customer badges GET, " + size + " badges", fewest(attempt ->
                    get("/api_gateway/v1/badges/customer/" + customer + "?badgeType=AVAILABLE&sortOn=RANK", token)));
        }

        String maker = userToken("bench.maker", "CanMakeRequest");
        String checker = userToken("bench.checker", "CanCheckRequest");
        List<String> made = new ArrayList<>();
        report.roundTrips("workflow create (with the target's validation)", fewest(attempt -> {
            Map<String, Object> goodwill = Map.of("referenceId", "bench-" + UUID.randomUUID(), "reason", "bench",
                    "baseType", "POINTS", "programId", 1, "awardingTillId", 1, "earningEntityType", "CUSTOMER",
                    "earningEntityId", customers.get(3), "points", 5, "source", "API");
            made.add(post("/api_gateway/v2/request-workflow/GOODWILL-POINTS", maker, Map.of(
                    "entityInfo", Map.of("tillId", "1", "storeId", "1", "zoneId", "1", "conceptId", "1"),
                    "payload", Map.of("IntouchAPITask-Payload", Map.of("hostname", "", "path", "/internal/goodwill/",
                            "method", "POST", "body", goodwill,
                            "headers", Map.of("Authorization", "Bearer " + admin))))).path("data").path("requestId")
                    .asText());
        }));
        report.roundTrips("workflow approve (with the forwarded call)", fewest(attempt ->
                put("/api_gateway/v2/request-workflow/GOODWILL-POINTS", checker, Map.of("requestId", made.get(attempt),
                        "actionName", "AdminTask", "payload", Map.of("AdminTask-Payload",
                                Map.of("actionDecision", "approved"))))));
    }

    // ---- 3. earn under load against raw conditional updates ----

    void earnLoad(List<Long> customers) throws Exception {
        int clients = 32;
        double seconds = smoke ? 1 : 15;
        double warmup = smoke ? 0.5 : 3;
        String badge = badge(ORG, "EARN", null, allCustomerLimits(), allBadgeLimits());
        Load.Result earn = Load.run("earn, every limit kind", clients, warmup, seconds, (worker, seq) -> {
            HttpResponse<String> answer = send("POST", "/api_gateway/v1/badges/customer/earn", admin,
                    earnBody(badge, customers.get(100 + worker)));
            return answer.statusCode() == 200;
        });
        String plain = badge(ORG, "EARN", null, List.of(), List.of());
        Load.Result earnPlain = Load.run("earn, no limits", clients, warmup, seconds, (worker, seq) ->
                send("POST", "/api_gateway/v1/badges/customer/earn", admin,
                        earnBody(plain, customers.get(200 + worker))).statusCode() == 200);
        MongoCollection<Document> counters = raw.getCollection("bench_raw_counters");
        // The floor under the service: an earn's commands sent by the driver itself, without HTTP, tokens, JSON or
        // any of Laurel's code. Every limit kind: the customer's scope and the badge's (shared by all clients), each a
        // conditional upsert with a rolling-window check, then the record with its unique claim key.
        MongoCollection<Document> records = raw.getCollection("bench_raw_earns");
        records.createIndex(new Document("claimKey", 1), new IndexOptions().unique(true).sparse(true));
        ObjectId rawBadge = new ObjectId();
        Load.Result rawThree = Load.run("an earn's 3 commands, raw", clients, warmup, seconds, (worker, seq) -> {
            scope(counters, "c:" + worker);
            scope(counters, "b:shared");
            records.insertOne(earnRecord(rawBadge, customers.get(300 + worker), worker, seq));
            return true;
        });
        Load.Result rawTwo = Load.run("an earn's 2 commands, raw (no limits)", clients, warmup, seconds,
                (worker, seq) -> {
                    counters.updateOne(Filters.eq("_id", "n:" + worker), Updates.combine(Updates.inc("total", 1L),
                            Updates.inc("exp.none", 1L)), new com.mongodb.client.model.UpdateOptions().upsert(true));
                    records.insertOne(earnRecord(rawBadge, customers.get(400 + worker), worker, seq));
                    return true;
                });
        records.drop();
        Load.Result rawUpdate = Load.run("raw conditional findOneAndUpdate", clients, warmup, seconds, (worker, seq) ->
                counters.findOneAndUpdate(Filters.and(Filters.eq("_id", "c" + worker),
                        Filters.or(Filters.exists("n", false), Filters.lt("n", Long.MAX_VALUE))),
                        Updates.inc("n", 1L), new FindOneAndUpdateOptions().upsert(true)) != null || seq == 0);
        counters.drop();
        report.load("earn", List.of(earn, earnPlain, rawThree, rawTwo, rawUpdate));
    }

    /** A limit scope's reservation as the earn sends it: counters below their maximum, a 7-day window summed. */
    static void scope(MongoCollection<Document> counters, String id) {
        long day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toEpochDay();
        List<Object> days = new ArrayList<>();
        for (long d = day - 6; d <= day; d++) {
            days.add(new Document("$ifNull", List.of("$days." + d, 0L)));
        }
        Document window = new Document("$lt", List.of(new Document("$add", days), Long.MAX_VALUE));
        try {
            counters.findOneAndUpdate(Filters.and(Filters.eq("_id", id),
                    Filters.or(Filters.exists("total", false), Filters.lt("total", Long.MAX_VALUE)),
                    Filters.or(Filters.exists("lastDay", false), Filters.lte("lastDay", day)),
                    new Document("$expr", window)),
                    Updates.combine(Updates.inc("total", 1L), Updates.inc("days." + day, 1L), Updates.inc("version", 1L),
                            Updates.max("lastDay", day), Updates.set("changedOn", new Date())),
                    new FindOneAndUpdateOptions().upsert(true));
        } catch (com.mongodb.MongoCommandException e) {
            if (e.getErrorCode() != 11000) { // two first reservations racing to create the scope: one retries
                throw e;
            }
            scope(counters, id);
        }
    }

    static Document earnRecord(ObjectId badge, long customer, int worker, long seq) {
        Date now = new Date();
        return new Document("_id", new ObjectId()).append("orgId", ORG).append("badgeMetaId", badge)
                .append("customerId", customer).append("status", "ACTIVE").append("eventDate", now)
                .append("earnedOn", now).append("expiresOn", now).append("claimKey", ORG + ":raw-" + worker + "-" + seq
                        + "-" + UUID.randomUUID()).append("requestId", "raw").append("triggeredBy",
                                new Document("ownerType", "Loyalty").append("referenceId", "bench"));
    }

    // ---- 4. customer badges GET under load ----

    void wallLoad() throws Exception {
        int clients = 32;
        double seconds = smoke ? 1 : 15;
        double warmup = smoke ? 0.5 : 3;
        long org = 800_001;
        String token = orgToken(org);
        String template = badge(org, "EARN", token, List.of(), List.of());
        List<ObjectId> badges = cloneBadges(org, template, smoke ? 99 : 999);
        long customer = customer(org, token);
        for (int i = 0; i < (smoke ? 20 : 200); i++) {
            post("/api_gateway/v1/badges/customer/earn", token, earnBody(badges.get(i).toHexString(), customer));
        }
        String path = "/api_gateway/v1/badges/customer/" + customer + "?badgeType=AVAILABLE";
        report.freshStoreWall(wallMedianMs(token, customer));
        Load.Result wall = Load.run("customer badges GET", clients, warmup, seconds,
                (worker, seq) -> send("GET", path, token, null).statusCode() == 200);
        Load.Result live = Load.run("GET /q/health/live (HTTP ceiling)", clients, warmup, seconds,
                (worker, seq) -> send("GET", "/q/health/live", null, null).statusCode() == 200);
        Date now = new Date();
        Load.Result queries = Load.run("its two aggregations, raw", clients, warmup, seconds, (worker, seq) -> {
            raw.getCollection("customers").aggregate(List.of(
                    new Document("$match", new Document("orgId", org).append("customerId", customer)),
                    new Document("$limit", 1),
                    new Document("$lookup", new Document("from", "badge_earns").append("localField", "customerId")
                            .append("foreignField", "customerId").append("as", "earns")),
                    new Document("$lookup", new Document("from", "badge_issues").append("localField", "customerId")
                            .append("foreignField", "customerId").append("as", "issues")))).first();
            raw.getCollection("badge_metas").aggregate(List.of(
                    new Document("$match", new Document("orgId", org).append("earnType", "EARN").append("active", true)
                            .append("startOn", new Document("$lte", now)).append("expiresOn", new Document("$gt", now))),
                    new Document("$lookup", new Document("from", "badge_groups").append("localField", "badgeGroupId")
                            .append("foreignField", "_id").append("as", "group")),
                    new Document("$sort", new Document("expiresOn", -1).append("_id", 1)),
                    new Document("$facet", new Document("items", List.of(new Document("$skip", 0),
                            new Document("$limit", 10))).append("total", List.of(new Document("$count", "n"))))))
                    .first();
            return true;
        });
        report.load("customer badges (" + badges.size() + " definitions, " + (smoke ? 20 : 200) + " earned)",
                List.of(wall, live, queries));
    }

    // ---- 5. start-up and memory, on a fresh store ----

    /**
     * A fresh instance with its embedded store, then a second one on that store (the external-store mode): each one's
     * start-up, its RSS idle, and its RSS after one 10,000-customer issueBulk sent to it.
     */
    void startupAndMemory() throws Exception {
        Path data = Files.createTempDirectory("laurel-bench-memory");
        int storePort = LaurelApp.freePort();
        long started = System.nanoTime();
        try (LaurelApp embedded = start(data, storePort);
                MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + storePort)) {
            app = embedded;
            double listening = (System.nanoTime() - started) / 1e6;
            double ready = awaitReady(embedded, started);
            double idle = rssMb(embedded.pid());
            raw = client.getDatabase("laurel");
            admin = token(LaurelApp.ADMIN, LaurelApp.ADMIN_PASSWORD);
            int size = smoke ? 1_000 : 10_000;
            List<Long> customers = StoreSeed.customers(raw, ORG, size, 20_000_000L);
            issueOnce(customers);
            report.startup("embedded store", listening, ready, idle, rssMb(embedded.pid()), heapCommittedMb(), size);

            started = System.nanoTime();
            try (LaurelApp external = LaurelApp.start(Map.of("LAUREL_DATA_DIR", data.toString(),
                    "LAUREL_JSON_LOGS", "false", "LAUREL_WORKFLOW_POLL_INTERVAL", "off",
                    "QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://127.0.0.1:" + storePort))) {
                app = external;
                listening = (System.nanoTime() - started) / 1e6;
                ready = awaitReady(external, started);
                idle = rssMb(external.pid());
                issueOnce(customers);
                report.startup("external store (a second instance on the first one's store)", listening, ready, idle,
                        rssMb(external.pid()), heapCommittedMb(), size);
            }
            long documents = 0;
            for (String name : raw.listCollectionNames()) {
                documents += raw.getCollection(name).countDocuments();
            }
            report.storeFile(Files.size(data.resolve("laurel.mv.db")), documents);
        }
    }

    /** One issueBulk of these customers (at most 10,000) to a new badge, through {@link #app}. */
    void issueOnce(List<Long> customers) throws Exception {
        String badge = badge(ORG, "ISSUE_EARN", null, List.of(), List.of());
        JsonNode answer = post("/api_gateway/v1/badges/badgeMeta/customer/issueBulk", admin, Map.of("badgeMetaId", badge,
                "customers", customers, "requestId", UUID.randomUUID().toString(),
                "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "bench")));
        if (answer.path("data").path("issuedBadges").size() != customers.size()) {
            throw new IllegalStateException("issueBulk did not issue every customer: " + answer.path("errors"));
        }
    }

    // ---- helpers ----

    static LaurelApp start(Path data, int storePort) throws IOException {
        return LaurelApp.start(Map.of("LAUREL_DATA_DIR", data.toString(), "LAUREL_STORE_PORT", Integer.toString(storePort),
                "LAUREL_JSON_LOGS", "false", "LAUREL_WORKFLOW_POLL_INTERVAL", "off"));
    }

    /** Copies a definition made through the API {@code count} times under new ids and names, in bulk. */
    List<ObjectId> cloneBadges(long org, String templateId, int count) {
        MongoCollection<Document> metas = raw.getCollection("badge_metas");
        Document template = metas.find(Filters.eq("_id", new ObjectId(templateId))).first();
        List<ObjectId> ids = new ArrayList<>(List.of(new ObjectId(templateId)));
        for (int from = 0; from < count; from += 5_000) {
            List<Document> docs = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 5_000); i++) {
                Document copy = new Document(template);
                ObjectId id = new ObjectId();
                ids.add(id);
                copy.put("_id", id);
                copy.put("name", "bench-" + org + "-" + i);
                copy.put("badgeRank", ThreadLocalRandom.current().nextInt(100));
                docs.add(copy);
            }
            metas.insertMany(docs);
        }
        return ids;
    }

    String badge(long org, String earnType, String token, List<?> customerLimits, List<?> badgeLimits) throws Exception {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "bench-" + UUID.randomUUID());
        body.put("startOn", now - 30 * DAY);
        body.put("expiresOn", now + 365 * DAY);
        body.put("earnType", earnType);
        body.put("ownership", Map.of("restrictedToOwners", List.of("Loyalty"),
                "claims", List.of(Map.of("ownerType", "Loyalty", "referenceId", "bench"))));
        body.put("customerConstraints", customerLimits);
        body.put("badgeConstraints", badgeLimits);
        HttpResponse<String> answer = send("POST", "/api_gateway/v1/badges/badgeMeta", token == null ? admin : token, body,
                Map.of("X-CAP-BADGES-MIGRATION", "migration"));
        return JSON.readTree(answer.body()).path("data").path("id").asText();
    }

    static List<Map<String, Object>> allCustomerLimits() {
        return List.of(Map.of("constraintType", "CUSTOMER_BADGE_FIXED_VALUE", "maxEarnLimit", 1_000_000_000),
                Map.of("constraintType", "CUSTOMER_BADGE_ROLLING_WINDOW", "maxEarnForDays", 1_000_000_000, "rollForDays", 7),
                Map.of("constraintType", "CUSTOMER_BADGE_FIXED_WINDOW", "durationType", "DAYS", "maxEarnLimit", 1_000_000_000),
                Map.of("constraintType", "CUSTOMER_BADGE_NO_LIMIT"));
    }

    static List<Map<String, Object>> allBadgeLimits() {
        return List.of(Map.of("constraintType", "BADGE_FIXED_VALUE", "maxEarnLimit", 1_000_000_000),
                Map.of("constraintType", "BADGE_ROLLING_WINDOW", "rollType", "DAYS", "rollValue", 7,
                        "maxEarnLimit", 1_000_000_000),
                Map.of("constraintType", "BADGE_FIXED_WINDOW", "durationType", "DAYS", "maxEarnLimit", 1_000_000_000),
                Map.of("constraintType", "BADGE_NO_LIMIT"));
    }

    static Map<String, Object> earnBody(String badge, long customer) {
        return Map.of("badgeMetaId", badge, "customerId", customer, "requestId", UUID.randomUUID().toString(),
                "triggeredBy", Map.of("ownerType", "Loyalty", "referenceId", "bench"));
    }

    long customer(long org, String token) throws Exception {
        return post("/api_gateway/v1/customers", token, Map.of("externalId", "wall-" + UUID.randomUUID()))
                .path("data").path("customerId").asLong();
    }

    String orgToken(long org) throws Exception {
        String username = "bench." + org;
        post("/api_gateway/v1/admin/users", admin, Map.of("username", username, "password", "bench-pass-1",
                "roles", List.of("OrgAdmin"), "orgId", org));
        return token(username, "bench-pass-1");
    }

    String userToken(String username, String role) throws Exception {
        post("/api_gateway/v1/admin/users", admin, Map.of("username", username, "password", "bench-pass-1",
                "roles", List.of(role)));
        return token(username, "bench-pass-1");
    }

    String token(String key, String secret) throws Exception {
        return post("/v3/oauth/token/generate", null, Map.of("key", key, "secret", secret)).path("data")
                .path("accessToken").asText();
    }

    /** Database commands the service has sent so far (the driver's command monitoring, from /q/metrics). */
    long commands() throws Exception {
        double total = 0;
        for (String line : send("GET", "/q/metrics", null, null).body().split("\n")) {
            if (line.startsWith("mongodb_driver_commands_seconds_count")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Math.round(total);
    }

    JsonNode post(String path, String token, Object body) throws Exception {
        return JSON.readTree(send("POST", path, token, body).body());
    }

    JsonNode put(String path, String token, Object body) throws Exception {
        return JSON.readTree(send("PUT", path, token, body).body());
    }

    JsonNode get(String path, String token) throws Exception {
        return JSON.readTree(send("GET", path, token, null).body());
    }

    HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        return send(method, path, token, body, Map.of());
    }

    HttpResponse<String> send(String method, String path, String token, Object body, Map<String, String> headers)
            throws Exception {
        // Health and metrics answer on the management interface only.
        int port = path.startsWith("/q/health") || path.startsWith("/q/metrics") ? app.managementPort() : app.port();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("X-CAP-API-OAUTH-TOKEN", token);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    double awaitReady(LaurelApp instance, long started) throws Exception {
        // Readiness right after "Listening on": the first probe normally answers 200 at once.
        for (int attempt = 0; attempt < 200; attempt++) {
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + instance.managementPort() + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            if (ready.statusCode() == 200) {
                return (System.nanoTime() - started) / 1e6;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("not ready");
    }

    /** The heap the JVM of {@link #app} has committed (and so holds in its RSS), from /q/metrics. */
    double heapCommittedMb() throws Exception {
        double bytes = 0;
        for (String line : send("GET", "/q/metrics", null, null).body().split("\n")) {
            if (line.startsWith("jvm_memory_committed_bytes{area=\"heap\"")) {
                bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return bytes / (1024 * 1024);
    }

    static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
