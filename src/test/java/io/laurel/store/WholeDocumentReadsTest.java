package io.laurel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * Updates hammer documents whose fields move together ({@code a == b == c} after every update) while readers find and
 * aggregate them: no reader may see a document half-updated. mongo-java-server changes a stored document field by
 * field, and answered reads with the live document, so readers could see a torn one.
 */
class WholeDocumentReadsTest {

    private static final int DOCUMENTS = 20;
    private static final int UPDATES = 3_000;
    /** Fields every update increments together: the more of them, the wider a torn read's window. */
    private static final List<String> FIELDS = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");

    @TempDir
    Path dataDir;

    @Test
    void readersNeverSeeAHalfUpdatedDocument() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.open(dataDir, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> scopes = client.getDatabase("laurel").getCollection("scopes");
            for (int i = 0; i < DOCUMENTS; i++) {
                Document doc = new Document("_id", i).append("slots", new ArrayList<>());
                FIELDS.forEach(f -> doc.append(f, 0L));
                scopes.insertOne(doc);
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong reads = new AtomicLong();
            List<String> torn = new java.util.concurrent.CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int n = 0; n < UPDATES; n++) {
                        int id = (n * 7 + writer) % DOCUMENTS;
                        List<Bson> changes = new ArrayList<>();
                        FIELDS.forEach(f -> changes.add(Updates.inc(f, 1L)));
                        changes.add(Updates.push("slots", n));
                        if (n % 2 == 0) {
                            scopes.updateOne(Filters.eq("_id", id), Updates.combine(changes));
                        } else {
                            scopes.findOneAndUpdate(Filters.eq("_id", id), Updates.combine(changes),
                                    new FindOneAndUpdateOptions());
                        }
                    }
                }));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                int reader = r;
                readers.add(pool.submit(() -> {
                    while (writing.get()) {
                        Iterable<Document> seen = reader % 2 == 0 ? scopes.find()
                                : scopes.aggregate(List.of(Aggregates.match(Filters.gte("a", 0L))));
                        for (Document doc : seen) {
                            reads.incrementAndGet();
                            long a = doc.getLong("a");
                            boolean whole = a == doc.getList("slots", Integer.class).size()
                                    && FIELDS.stream().allMatch(f -> doc.getLong(f) == a);
                            if (!whole) {
                                torn.add(doc.toJson());
                            }
                        }
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            System.out.printf("Whole-document reads: %d updates, %d documents read, %d torn%n", 2 * UPDATES,
                    reads.get(), torn.size());
            assertTrue(reads.get() > 10 * DOCUMENTS, "the readers ran: " + reads.get());
            assertEquals(List.of(), torn.subList(0, Math.min(5, torn.size())), torn.size() + " torn reads");
            long total = 0;
            for (Document doc : scopes.find()) {
                total += doc.getLong("a");
            }
            assertEquals(2L * UPDATES, total, "every update applied once");
        }
    }
}
