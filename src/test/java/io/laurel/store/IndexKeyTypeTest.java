package io.laurel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The embedded store's index key order: a total order that calls two keys equal exactly when their serialized forms
 * (the equality the index had) are equal; index maps written in the old order are rebuilt when opened; lookups through
 * the server find what they should, before and after a restart.
 */
class IndexKeyTypeTest {

    @TempDir
    Path dir;

    private static List<Object> samples() {
        Random random = new Random(17);
        List<Object> values = new ArrayList<>(Arrays.asList(null, Missing.getInstance(), "", "a", "b", "ab", "é", 0, 1,
                -1, 0L, 1L, Long.MAX_VALUE, 0.0, -0.0, 1.0, Double.NaN, true, false, Instant.EPOCH,
                Instant.ofEpochSecond(1_700_000_000), new UUID(1, 2), new UUID(2, 1), new ObjectId(), new ObjectId(),
                List.of(), List.of("a"), List.of("a", 1), new de.bwaldvogel.mongo.bson.Document("k", 1),
                new de.bwaldvogel.mongo.bson.Document("k", 2), new byte[] { 1, 2 }, new byte[] { 1 }));
        for (int i = 0; i < 20; i++) {
            values.add("org:" + Long.toString(random.nextLong(), 36));
            values.add(random.nextInt(100));
        }
        List<Object> keys = new ArrayList<>(values);
        for (int i = 0; i < 200; i++) {
            keys.add(new KeyValue(values.get(random.nextInt(values.size())), values.get(random.nextInt(values.size()))));
        }
        keys.add(new KeyValue("a", 1));
        keys.add(new KeyValue("a", 1L));
        keys.add(new KeyValue("a", 1));
        return keys;
    }

    @Test
    void equalExactlyWhenSerializedEqualAndATotalOrder() {
        List<Object> keys = samples();
        for (Object a : keys) {
            for (Object b : keys) {
                int ab = IndexKeyType.compareValues(a, b);
                boolean sameBytes = Arrays.equals(ObjectDataType.serialize(a), ObjectDataType.serialize(b));
                assertEquals(sameBytes, ab == 0, a + " vs " + b);
                assertEquals(Integer.signum(ab), -Integer.signum(IndexKeyType.compareValues(b, a)), a + " vs " + b);
            }
        }
        List<Object> sorted = new ArrayList<>(keys);
        sorted.sort(IndexKeyType::compareValues);
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                assertTrue(IndexKeyType.compareValues(sorted.get(i), sorted.get(j)) <= 0,
                        sorted.get(i) + " before " + sorted.get(j));
            }
        }
    }

    @Test
    void anIndexMapInTheOldOrderIsRebuiltAndFindsEveryKey() {
        String file = dir.resolve("old.mv.db").toString();
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            keys.add(new KeyValue("org-1:" + i, i % 7 == 0 ? (Object) (long) i : "c" + i));
        }
        MVStore old = new MVStore.Builder().fileName(file).autoCommitDisabled().open();
        MVMap<KeyValue, Object> written = old.openMap("laurel.docs._index_byKey");
        for (int i = 0; i < keys.size(); i++) {
            written.put(keys.get(i), (long) i);
        }
        old.commit();
        old.close();

        for (int round = 0; round < 2; round++) {
            MVStore store = new MVStore.Builder().fileName(file).autoCommitDisabled().open();
            MVMap<KeyValue, Object> index = IndexKeyType.openIndex(store, "laurel.docs._index_byKey");
            assertEquals(keys.size(), index.size());
            for (int i = 0; i < keys.size(); i++) {
                assertEquals((long) i, index.get(new KeyValue(keys.get(i).stream().toList())), "key " + i);
            }
            assertFalse(index.containsKey(new KeyValue("org-1:0", 0)), "an int is not the long that was stored");
            KeyValue previous = null;
            for (KeyValue key : index.keySet()) {
                assertTrue(previous == null || IndexKeyType.compareValues(previous, key) < 0, "in value order");
                previous = key;
            }
            assertTrue(store.<String, Integer>openMap(IndexKeyType.ORDERED_MAPS).containsKey("laurel.docs._index_byKey"));
            store.commit();
            store.close();
        }
    }

    @Test
    void theServerFindsByUniqueKeysBeforeAndAfterARestart() {
        for (int round = 0; round < 2; round++) {
            try (EmbeddedStore store = EmbeddedStore.open(dir, 0);
                    MongoClient client = MongoClients.create(store.connectionString())) {
                MongoCollection<Document> docs = client.getDatabase("laurel").getCollection("docs");
                if (round == 0) {
                    docs.createIndex(Indexes.ascending("org", "key"), new IndexOptions().unique(true).name("byKey"));
                    List<Document> batch = new ArrayList<>();
                    for (int i = 0; i < 2000; i++) {
                        batch.add(new Document("org", "o").append("key", "k" + i).append("n", i));
                    }
                    docs.insertMany(batch);
                }
                List<String> wanted = new ArrayList<>();
                for (int i = 0; i < 2000; i += 4) {
                    wanted.add("k" + i);
                }
                wanted.add("absent");
                assertEquals(500, docs.countDocuments(Filters.and(Filters.eq("org", "o"), Filters.in("key", wanted))));
                assertEquals(1999, docs.find(Filters.and(Filters.eq("org", "o"), Filters.eq("key", "k1999"))).first()
                        .getInteger("n"));
                try {
                    docs.insertOne(new Document("org", "o").append("key", "k7"));
                    throw new AssertionError("a duplicate key was accepted");
                } catch (com.mongodb.MongoWriteException e) {
                    assertEquals(11000, e.getError().getCode());
                }
            }
        }
    }
}
