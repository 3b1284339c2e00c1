package io.laurel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.h2.mvstore.MVStoreTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;

import io.laurel.support.Parallel;

/** The embedded store's file: private to its owner, and compacted so that it does not grow without bound. */
class StoreFilesTest {

    @TempDir
    Path temp;

    @Test
    void theDataDirectoryIsCreated0700AndTheFile0600() throws Exception {
        Path dataDir = temp.resolve("data");
        try (EmbeddedStore store = EmbeddedStore.open(dataDir, 0)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        }
        // A file left readable by an older version is made private when reopened.
        Files.setPosixFilePermissions(dataDir.resolve(EmbeddedStore.FILE_NAME), PosixFilePermissions.fromString("rw-r--r--"));
        try (EmbeddedStore store = EmbeddedStore.open(dataDir, 0)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        }
    }

    /**
     * The reliability suite's kind of load: a 10,000-customer bulk of issues, then parallel earns each adding a record
     * and moving counters and limit scopes. The file is measured after every stage against its live data (the size of
     * a fully compacted copy, made at the end), and must stay within 3 times it.
     */
    @Test
    void theFileStaysWithinThreeTimesItsLiveData() throws Exception {
        Path dataDir = temp.resolve("grow");
        List<Long> sizes = new ArrayList<>();
        long idleCompacted;
        try (EmbeddedStore store = EmbeddedStore.open(dataDir, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> issues = client.getDatabase("laurel").getCollection("badge_issues");
            MongoCollection<Document> earns = client.getDatabase("laurel").getCollection("badge_earns");
            MongoCollection<Document> scopes = client.getDatabase("laurel").getCollection("limit_scopes");
            for (int batch = 0; batch < 20; batch++) {
                List<Document> bulk = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    bulk.add(new Document("customerId", batch * 500 + i).append("badgeMetaId", "6650a1b2c3d4e5f6a7b8c9d0")
                            .append("requestId", "bulk-" + batch).append("status", "ACTIVE").append("orgId", 100458L)
                            .append("issuedOn", new java.util.Date()).append("note", "x".repeat(120)));
                }
                issues.insertMany(bulk);
                sizes.add(store.fileSize());
            }
            for (int round = 0; round < 10; round++) {
                int base = round;
                Parallel.run(24, caller -> {
                    for (int n = 0; n < 40; n++) {
                        int customer = (base * 24 * 40 + caller * 40 + n) % 10_000;
                        earns.insertOne(new Document("customerId", customer).append("requestId", "e-" + base + "-"
                                + caller + "-" + n).append("orgId", 100458L).append("earnedOn", new java.util.Date()));
                        scopes.findOneAndUpdate(Filters.eq("_id", "scope-" + customer % 50), Updates.combine(
                                Updates.inc("count", 1), Updates.push("slots", base * 1000 + n)),
                                new FindOneAndUpdateOptions().upsert(true));
                        scopes.updateOne(Filters.eq("_id", "scope-" + customer % 50), Updates.popFirst("slots"));
                    }
                    return null;
                });
                sizes.add(store.fileSize());
            }
            long before = store.idleCompactions();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (store.idleCompactions() == before && System.nanoTime() < deadline) {
                sizes.add(store.fileSize()); // the store compacts once it has been idle for 2 s, a step a second
                Thread.onSpinWait();
            }
            idleCompacted = store.fileSize();
            assertTrue(store.idleCompactions() > before, "no idle compaction within 60 s");
        }
        long closed = Files.size(dataDir.resolve(EmbeddedStore.FILE_NAME));
        Path copy = temp.resolve("live.mv.db");
        Files.copy(dataDir.resolve(EmbeddedStore.FILE_NAME), copy);
        MVStoreTool.compact(copy.toString(), false);
        long live = Files.size(copy);
        long peak = sizes.stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.printf("Store file: live data %,d bytes; peak under load %,d (%.1fx); after idle compaction %,d "
                + "(%.1fx); after close %,d (%.1fx)%n", live, peak, (double) peak / live, idleCompacted,
                (double) idleCompacted / live, closed, (double) closed / live);
        assertTrue(peak <= 3 * live, "peak " + peak + " > 3 x " + live);
        assertTrue(idleCompacted <= 3 * live, "after idle compaction " + idleCompacted + " > 3 x " + live);
        assertTrue(closed <= 3 * live, "after close " + closed + " > 3 x " + live);
    }
}
