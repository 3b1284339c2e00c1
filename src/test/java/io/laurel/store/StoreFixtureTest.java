package io.laurel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

/**
 * The file format is pinned: a data file written by the previous release (0.1.0 at 2651845, H2 as it then was, by the
 * service's own API calls: a customer with a status, a badge group and a limited badge, an earn, goodwill, a
 * redemption, users, a workflow request) is committed here, and this build must open it and read every collection
 * and document. A change of H2 or of the store's patches that cannot read it fails here, not in production.
 */
class StoreFixtureTest {

    static final Path FIXTURE = Path.of("src/test/resources/store-fixtures/0.1.0/laurel.mv.db");

    @TempDir
    Path dataDir;

    @Test
    void theFileOfThePreviousReleaseOpensAndEveryCollectionReads() throws IOException {
        Files.copy(FIXTURE, dataDir.resolve(EmbeddedStore.FILE_NAME));
        Map<String, Integer> counts = new TreeMap<>();
        try (EmbeddedStore store = EmbeddedStore.open(dataDir, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoDatabase laurel = client.getDatabase("laurel");
            for (String name : laurel.listCollectionNames()) {
                List<Document> all = laurel.getCollection(name).find().into(new ArrayList<>());
                for (Document document : all) {
                    document.toJson(); // every value decodes
                }
                laurel.getCollection(name).listIndexes().into(new ArrayList<>());
                counts.put(name, all.size());
            }
            Document customer = laurel.getCollection("customers").find(Filters.eq("customerId", 1L)).first();
            assertEquals("Suspended", customer.get("status", Document.class).getString("label"));
            assertEquals(1, laurel.getCollection("badge_earns").countDocuments(Filters.eq("requestId",
                    "fixture-earn-1")));
            assertEquals(1, laurel.getCollection("workflow_requests").countDocuments());
            // and it is writable: a new customer goes in beside the old ones
            laurel.getCollection("customers").insertOne(new Document("orgId", 100458L).append("customerId", 99L));
        }
        for (String expected : List.of("customers", "badge_metas", "badge_groups", "badge_earns", "goodwill_entries",
                "points_accounts", "users", "workflow_requests", "counters", "earn_scopes")) {
            assertTrue(counts.getOrDefault(expected, 0) > 0, expected + " missing or empty: " + counts);
        }
        assertEquals(2, counts.get("goodwill_entries"), counts.toString());
    }
}
