package io.laurel.common;

import com.mongodb.client.MongoDatabase;

/**
 * A feature's repair of what it keeps beside its records (counters, slots, claims), for a store that can promise no
 * one else writes while it runs: the embedded store, reopening its files after a {@code kill -9}, runs every one before
 * it listens. The feature writes it against plain MongoDB; it knows nothing of the store (which finds it as a bean),
 * and on a shared MongoDB the feature's online reconciler does the same work instead.
 */
public interface RepairWhileAlone {

    /** Brings the feature's derived documents in line with its records; returns what it changed, for the log. */
    String repair(MongoDatabase database);
}
