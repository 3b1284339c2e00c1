package io.laurel.store;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

/**
 * A database to files and back, in the formats MongoDB's own tools read: each collection as {@code NAME.json}, one
 * document per line in canonical Extended JSON v2 (what {@code mongoimport} loads as is, every type kept: ObjectIds,
 * dates, 64-bit integers), and its indexes (but {@code _id}'s) as {@code indexes/NAME.json} and, together, as a
 * {@code indexes.js} that {@code mongosh} runs. Works on any MongoDB connection: the embedded store, or a replica set.
 */
public final class StoreTransfer {

    static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    /** For mongosh: plain numbers where canonical JSON spells {"$numberInt": "1"}, which an index key cannot be. */
    static final JsonWriterSettings SHELL = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    static final String INDEXES = "indexes";
    private static final int BATCH = 1_000;

    private StoreTransfer() {
    }

    /** Writes every collection of {@code database} under {@code out}; answers the documents written per collection. */
    public static Map<String, Long> export(MongoDatabase database, Path out) {
        Map<String, Long> written = new TreeMap<>();
        try {
            Files.createDirectories(out.resolve(INDEXES));
            StringBuilder script = new StringBuilder("// Laurel's indexes: mongosh \"$URI\" indexes.js\n");
            List<String> names = database.listCollectionNames().into(new ArrayList<>());
            names.sort(null);
            for (String name : names) {
                MongoCollection<Document> collection = database.getCollection(name);
                long count = 0;
                try (BufferedWriter file = Files.newBufferedWriter(out.resolve(name + ".json"), StandardCharsets.UTF_8)) {
                    for (Document document : collection.find()) {
                        file.write(document.toJson(CANONICAL));
                        file.write('\n');
                        count++;
                    }
                }
                written.put(name, count);
                List<Document> indexes = new ArrayList<>();
                for (Document index : collection.listIndexes()) {
                    if (!"_id_".equals(index.getString("name"))) {
                        index.remove("ns");
                        index.remove("v");
                        indexes.add(index);
                    }
                }
                try (BufferedWriter file = Files.newBufferedWriter(out.resolve(INDEXES).resolve(name + ".json"),
                        StandardCharsets.UTF_8)) {
                    for (Document index : indexes) {
                        file.write(index.toJson(CANONICAL));
                        file.write('\n');
                        Document options = new Document(index);
                        Document key = (Document) options.remove("key");
                        script.append("db.getCollection(").append(quote(name)).append(").createIndex(")
                                .append(key.toJson(SHELL)).append(", ").append(options.toJson(SHELL))
                                .append(");\n");
                    }
                }
            }
            Files.writeString(out.resolve("indexes.js"), script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the export to " + out, e);
        }
        return written;
    }

    /**
     * Loads an export into {@code database}, which must hold no documents yet (nothing is merged or overwritten), and
     * creates its indexes; answers the documents read per collection.
     */
    public static Map<String, Long> importInto(MongoDatabase database, Path from) {
        for (String name : database.listCollectionNames()) {
            if (database.getCollection(name).countDocuments() > 0) {
                throw new IllegalStateException("The store is not empty (" + name + " has documents): import loads "
                        + "only into an empty one");
            }
        }
        Map<String, Long> read = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> listed = Files.list(from)) {
            files = listed.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the export in " + from, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(from + " holds no export (no NAME.json file)");
        }
        for (Path file : files) {
            String name = file.getFileName().toString().replaceAll("\\.json$", "");
            MongoCollection<Document> collection = database.getCollection(name);
            database.createCollection(name);
            List<Document> batch = new ArrayList<>();
            long count = 0;
            for (String line : lines(file)) {
                batch.add(Document.parse(line));
                count++;
                if (batch.size() == BATCH) {
                    collection.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                collection.insertMany(batch);
            }
            Path indexes = from.resolve(INDEXES).resolve(name + ".json");
            if (Files.exists(indexes)) {
                List<Document> specs = lines(indexes).stream().map(Document::parse).toList();
                if (!specs.isEmpty()) {
                    database.runCommand(new Document("createIndexes", name).append("indexes", specs));
                }
            }
            read.put(name, count);
        }
        return read;
    }

    private static List<String> lines(Path file) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return lines;
    }

    private static String quote(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
