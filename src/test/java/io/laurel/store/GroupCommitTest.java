package io.laurel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

/**
 * Concurrent write commands share file commits, and every acknowledged one is in the file: after the store is closed
 * and opened again, each insert a client was answered for is there.
 */
class GroupCommitTest {

    private static final int CLIENTS = 16;
    private static final int EACH = 200;

    @TempDir
    Path dataDir;

    @Test
    void concurrentWritesShareCommitsAndAllSurvive() throws Exception {
        long[] counted;
        try (EmbeddedStore store = EmbeddedStore.open(dataDir, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("laurel").getCollection("docs");
            docs.insertOne(new Document("_id", "warm-up"));
            long[] before = store.writesAndCommits();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> writers = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int clientNo = c;
                writers.add(pool.submit(() -> {
                    for (int n = 0; n < EACH; n++) {
                        docs.insertOne(new Document("_id", clientNo + ":" + n));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            pool.shutdown();
            long[] after = store.writesAndCommits();
            counted = new long[] { after[0] - before[0], after[1] - before[1] };
        }
        assertEquals(CLIENTS * EACH, counted[0], "write commands");
        System.out.printf("Group commit: %d writes in %d commits%n", counted[0], counted[1]);
        assertTrue(counted[1] < counted[0] / 2, counted[1] + " commits for " + counted[0] + " concurrent writes");
        try (EmbeddedStore store = EmbeddedStore.open(dataDir, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            assertEquals(CLIENTS * EACH + 1, client.getDatabase("laurel").getCollection("docs").countDocuments());
        }
    }
}
