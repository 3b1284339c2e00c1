package io.laurel.reliability;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.ConfigProvider;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import io.laurel.identity.LoginThrottle;

/**
 * Reads the store of the app under test directly: every document of one org, and every document that belongs to no
 * org (request ids), as a count and a digest per collection. Two equal snapshots mean no data was written. The id
 * sequences ({@code counters}) are left out: a refused create may have drawn a number, which leaves a gap in the ids
 * and nothing else, as a database sequence does; so is the count of wrong passwords, which a refused login exists to
 * write.
 */
final class StoreSnapshot implements AutoCloseable {

    private static final String SEQUENCES = "counters";

    private final MongoClient client;
    private final MongoDatabase db;
    private final Bson scope;

    StoreSnapshot(long org) {
        var config = ConfigProvider.getConfig();
        this.client = MongoClients.create(config.getValue("quarkus.mongodb.connection-string", String.class));
        this.db = client.getDatabase(config.getValue("quarkus.mongodb.database", String.class));
        this.scope = Filters.or(Filters.eq("orgId", org), Filters.exists("orgId", false));
    }

    Map<String, String> take() {
        Map<String, String> snapshot = new TreeMap<>();
        for (String name : db.listCollectionNames()) {
            // Counters of ids, and the count of wrong passwords: what a refused login is meant to write.
            if (SEQUENCES.equals(name) || LoginThrottle.COLLECTION.equals(name)) {
                continue;
            }
            MessageDigest digest = sha256();
            long count = 0;
            for (Document document : db.getCollection(name).find(scope).sort(Sorts.ascending("_id"))) {
                digest.update(document.toJson().getBytes(StandardCharsets.UTF_8));
                count++;
            }
            snapshot.put(name, count + " documents, " + HexFormat.of().formatHex(digest.digest()));
        }
        return snapshot;
    }

    @Override
    public void close() {
        client.close();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
