package io.laurel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import io.laurel.support.ChildProcess;

/** An acknowledged write to the embedded store survives kill -9 of the process that holds it. */
class EmbeddedStoreCrashTest {

    static final int RECORDS = 200;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedInsertSurvivesKill9() throws Exception {
        Set<Integer> acknowledged = new HashSet<>();
        try (ChildProcess store = ChildProcess.start(
                List.of("-cp", System.getProperty("java.class.path"), EmbeddedStore.class.getName(), dataDir.toString()),
                Map.of(), line -> line.startsWith("READY "), Duration.ofSeconds(60))) {
            String connection = store.readyLine().substring("READY ".length());
            try (MongoClient client = MongoClients.create(connection)) {
                MongoCollection<Document> records = client.getDatabase("laurel").getCollection("records");
                for (int i = 0; i < RECORDS; i++) {
                    records.insertOne(new Document("_id", i).append("payload", "record " + i));
                    acknowledged.add(i);
                }
                records.updateOne(new Document("_id", 7), new Document("$set", new Document("payload", "updated")));
                records.deleteOne(new Document("_id", 9));
            }
            store.kill();
        }

        try (EmbeddedStore reopened = EmbeddedStore.open(dataDir, 0);
                MongoClient client = MongoClients.create(reopened.connectionString())) {
            MongoCollection<Document> records = client.getDatabase("laurel").getCollection("records");
            Set<Integer> found = new HashSet<>();
            records.find().forEach(doc -> found.add(doc.getInteger("_id")));
            acknowledged.remove(9);
            assertEquals(acknowledged, found, "records lost or resurrected by kill -9");
            assertEquals("updated", records.find(new Document("_id", 7)).first().getString("payload"));
        }
    }
}
