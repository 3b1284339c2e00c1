package io.laurel.store;

import com.mongodb.client.MongoDatabase;

/**
 * A feature's repair of what it keeps beside its records (counters, slots, claims), run when the embedded store
 * reopens existing files: a {@code kill -9} can fall between a record's write and the update of its counter. It runs
 * before the store listens, so no client writes while it counts.
 */
public interface StoreRepair {

    /** Brings the feature's derived documents in line with its records; returns what it changed, for the log. */
    String repair(MongoDatabase database);
}
