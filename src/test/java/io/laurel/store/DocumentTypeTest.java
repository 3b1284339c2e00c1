package io.laurel.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The embedded store's own value encodings: documents as BSON and index keys compactly, both read back equal; values
 * in the encodings of H2's default type (every file written before) still read; and a store file written by the
 * library's own H2 backend opens, answers by its unique indexes, takes changes and reopens.
 */
class DocumentTypeTest {

    @TempDir
    Path dir;

    private static Document everyKind() {
        return new Document("_id", new ObjectId()).append("s", "text é").append("i", 7).append("l", 7L)
                .append("d", 2.5).append("b", true).append("n", null).append("t", Instant.ofEpochMilli(1_700_000_000_123L))
                .append("u", new UUID(3, 4)).append("list", new ArrayList<>(List.of(1, "a", List.of(2L))))
                .append("doc", new Document("days", new Document("20000", 3L)).append("x", new Document()))
                .append("dec", Decimal128.TWO).append("bin", new byte[] { 1, 2, 3 });
    }

    private static Object roundTrip(org.h2.mvstore.type.DataType<Object> type, Object value) {
        WriteBuffer out = new WriteBuffer();
        type.write(out, value);
        out.put((byte) 42); // what follows must be left where it was
        ByteBuffer in = out.getBuffer();
        in.flip();
        Object read = type.read(in);
        assertEquals(42, in.get(), "the read stops at its value's end");
        return read;
    }

    @Test
    void documentsAreWrittenAsBsonAndReadBackEqual() {
        Document document = everyKind();
        Document read = (Document) roundTrip(new DocumentType(), document);
        assertArrayEquals((byte[]) document.get("bin"), (byte[]) read.get("bin"));
        document.remove("bin");
        read.remove("bin");
        assertEquals(document, read);
        assertEquals(List.copyOf(document.keySet()), List.copyOf(read.keySet()), "field order kept");
        assertEquals(Integer.class, read.get("i").getClass());
        assertEquals(Long.class, read.get("l").getClass());
        WriteBuffer out = new WriteBuffer();
        new DocumentType().write(out, document);
        assertEquals(DocumentType.BSON, out.getBuffer().get(0), "BSON, not Java serialization");
    }

    @Test
    void valuesOfTheDefaultTypeAreStillRead() {
        ObjectDataType old = new ObjectDataType();
        Document document = everyKind();
        document.remove("bin");
        for (Object value : new Object[] { document, "a string", 12L }) {
            WriteBuffer out = new WriteBuffer();
            old.write(out, value);
            ByteBuffer in = out.getBuffer();
            in.flip();
            assertEquals(value, new DocumentType().read(in));
        }
        KeyValue key = new KeyValue("org:1", 5L, new ObjectId(), null);
        WriteBuffer out = new WriteBuffer();
        old.write(out, key);
        ByteBuffer in = out.getBuffer();
        in.flip();
        assertEquals(key, new IndexKeyType().read(in));
    }

    @Test
    void indexKeysAreWrittenCompactlyAndReadBackEqual() {
        IndexKeyType type = new IndexKeyType();
        for (KeyValue key : List.of(new KeyValue("org:1:abc"), new KeyValue(new ObjectId()),
                new KeyValue(1L, "x", new ObjectId(), 2.5, true, null), new KeyValue(Missing.getInstance()),
                new KeyValue(new Document("a", 1), List.of(1, 2), new Date(5)))) {
            Object read = roundTrip(type, key);
            assertEquals(0, IndexKeyType.compareValues(key, read), key + " read as " + read);
        }
        WriteBuffer compact = new WriteBuffer();
        type.write(compact, new KeyValue("org:1:abc", new ObjectId()));
        WriteBuffer serialized = new WriteBuffer();
        new ObjectDataType().write(serialized, new KeyValue("org:1:abc", new ObjectId()));
        assertEquals(IndexKeyType.KEY, compact.getBuffer().get(0));
        System.out.printf("index key: %d bytes compact, %d Java-serialized%n", compact.position(), serialized.position());
    }

    @Test
    void aFileOfTheLibrarysOwnBackendOpensAndKeepsWorking() {
        String file = dir.resolve(EmbeddedStore.FILE_NAME).toString();
        MVStore old = new MVStore.Builder().fileName(file).open();
        MongoServer library = new MongoServer(new H2Backend(old));
        String address = "mongodb://127.0.0.1:" + library.bind().getPort();
        try (MongoClient client = MongoClients.create(address)) {
            MongoCollection<org.bson.Document> docs = client.getDatabase("laurel").getCollection("docs");
            docs.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true).name("byKey"));
            List<org.bson.Document> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(new org.bson.Document("key", "k" + i).append("n", i).append("days",
                        new org.bson.Document("20000", (long) i)));
            }
            docs.insertMany(batch);
        }
        library.shutdownNow();

        for (int round = 0; round < 2; round++) {
            try (EmbeddedStore store = EmbeddedStore.open(dir, 0);
                    MongoClient client = MongoClients.create(store.connectionString())) {
                MongoCollection<org.bson.Document> docs = client.getDatabase("laurel").getCollection("docs");
                assertEquals(round == 0 ? 500 : 501, docs.countDocuments());
                assertEquals(250L, docs.find(Filters.eq("key", "k250")).first().get("days", org.bson.Document.class)
                        .getLong("20000"));
                if (round == 0) {
                    docs.updateOne(Filters.eq("key", "k7"), Updates.inc("n", 100));
                    docs.insertOne(new org.bson.Document("key", "new").append("n", -1));
                }
                assertEquals(107, docs.find(Filters.eq("key", "k7")).first().getInteger("n"));
                assertEquals(-1, docs.find(Filters.eq("key", "new")).first().getInteger("n"));
                assertEquals(3, docs.countDocuments(Filters.in("key", Arrays.asList("k1", "k2", "new", "none"))));
                docs.deleteOne(Filters.eq("key", "new"));
                docs.insertOne(new org.bson.Document("key", "new").append("n", -1));
            }
        }
    }
}
