package io.laurel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import io.laurel.support.Parallel;

/** Parallel $inc through findOneAndUpdate on the embedded store: every caller reads its own result. */
class AtomicFindAndModifyTest {

    @TempDir
    Path dataDir;

    @Test
    void parallelIncrementsEachReturnADistinctValue() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.open(dataDir, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> counters = client.getDatabase("laurel").getCollection("counters");
            counters.insertOne(new Document("_id", "warm-up"));
            for (int round = 0; round < 20; round++) {
                String name = "round-" + round;
                List<Long> values = Parallel.run(50, i -> counters.findOneAndUpdate(Filters.eq("_id", name),
                        Updates.inc("seq", 1L), new FindOneAndUpdateOptions().upsert(true)
                                .returnDocument(ReturnDocument.AFTER)).getLong("seq"));
                assertEquals(50, new HashSet<>(values).size(), "round " + round + " answered " + values);
            }
        }
    }
}
