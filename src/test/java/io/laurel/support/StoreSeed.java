package io.laurel.support;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

/** Customers written straight into a store in batches, for tests and benchmarks that need thousands of them. */
public final class StoreSeed {

    private StoreSeed() {
    }

    /** {@code count} customers of the org with ids {@code base}, {@code base + 1}, …; returns the ids. */
    public static List<Long> customers(MongoDatabase store, long org, int count, long base) {
        List<Long> ids = new ArrayList<>();
        MongoCollection<Document> customers = store.getCollection("customers");
        for (int from = 0; from < count; from += 10_000) {
            List<Document> docs = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 10_000); i++) {
                long id = base + i;
                ids.add(id);
                docs.add(new Document("orgId", org).append("customerId", id).append("externalId", "seed-" + id)
                        .append("externalIdKey", org + ":seed-" + id));
            }
            customers.insertMany(docs);
        }
        return ids;
    }
}
