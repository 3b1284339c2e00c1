package io.laurel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import com.mongodb.client.model.Sorts;

/**
 * A populated store (the previous release's file: every kind of record the service writes) goes through
 * {@code export}, the files are what mongoimport loads (canonical Extended JSON, a document a line), and
 * {@code import} into an empty store gives back every document, value for value and type for type, and every index.
 */
class StoreTransferTest {

    @TempDir
    Path work;

    static Map<String, List<Document>> everything(MongoDatabase db) {
        Map<String, List<Document>> all = new TreeMap<>();
        for (String name : db.listCollectionNames()) {
            all.put(name, db.getCollection(name).find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        }
        return all;
    }

    static Map<String, List<Document>> indexes(MongoDatabase db) {
        Map<String, List<Document>> all = new TreeMap<>();
        for (String name : db.listCollectionNames()) {
            List<Document> specs = new ArrayList<>();
            for (Document index : db.getCollection(name).listIndexes()) {
                index.remove("ns");
                index.remove("v");
                specs.add(index);
            }
            specs.sort((a, b) -> a.getString("name").compareTo(b.getString("name")));
            all.put(name, specs);
        }
        return all;
    }

    @Test
    void exportThenImportGivesBackEveryDocumentAndIndex() throws Exception {
        Path source = Files.createDirectories(work.resolve("source"));
        Files.copy(StoreFixtureTest.FIXTURE, source.resolve(EmbeddedStore.FILE_NAME));
        Path out = work.resolve("export");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(printed, true, StandardCharsets.UTF_8);
        assertEquals(0, StoreTool.run(new String[] { "export", "--data-dir", source.toString(), "--out",
                out.toString() }, stdout, stdout), printed.toString(StandardCharsets.UTF_8));

        // mongoimport's format: each line one document in canonical Extended JSON, types spelled out
        String customers = Files.readString(out.resolve("customers.json"));
        assertEquals(1, customers.lines().count());
        assertTrue(customers.contains("{\"$oid\": "), customers);
        assertTrue(customers.contains("{\"$numberLong\": \"1\"}"), customers);
        assertTrue(customers.contains("{\"$date\": {\"$numberLong\": "), customers);
        String script = Files.readString(out.resolve("indexes.js"));
        assertTrue(script.contains("db.getCollection(\"customers\").createIndex({\"customerId\": 1}"), script);

        Path target = Files.createDirectories(work.resolve("target"));
        assertEquals(0, StoreTool.run(new String[] { "import", "--data-dir", target.toString(), "--from",
                out.toString() }, stdout, stdout), printed.toString(StandardCharsets.UTF_8));
        // into a store that holds documents: refused, nothing changed
        assertEquals(1, StoreTool.run(new String[] { "import", "--data-dir", target.toString(), "--from",
                out.toString() }, stdout, stdout));
        assertEquals(2, StoreTool.run(new String[] { "export" }, stdout, stdout));

        try (EmbeddedStore before = EmbeddedStore.open(source, 0);
                MongoClient a = MongoClients.create(before.connectionString());
                EmbeddedStore after = EmbeddedStore.open(target, 0);
                MongoClient b = MongoClients.create(after.connectionString())) {
            Map<String, List<Document>> was = everything(a.getDatabase("laurel"));
            Map<String, List<Document>> is = everything(b.getDatabase("laurel"));
            assertEquals(was.keySet(), is.keySet());
            for (String name : was.keySet()) {
                assertEquals(was.get(name), is.get(name), name);
                for (int i = 0; i < was.get(name).size(); i++) {
                    // same values and the same BSON types (Document.equals compares Long 1 and Integer 1 as unequal)
                    assertEquals(was.get(name).get(i).toJson(StoreTransfer.CANONICAL),
                            is.get(name).get(i).toJson(StoreTransfer.CANONICAL), name);
                }
            }
            assertEquals(indexes(a.getDatabase("laurel")), indexes(b.getDatabase("laurel")));
            assertTrue(was.values().stream().mapToInt(List::size).sum() > 10);
        }
    }
}
