package io.laurel.store;

import java.util.function.Supplier;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Makes mongo-java-server's findAndModify answer atomic. The server updates under the collection's monitor, but with
 * {@code new: true} it answers with the live stored document, serialized after the monitor is released: a concurrent
 * update can change it first, so two callers may read the same $inc result (measured: 9 of 20 rounds of 50 parallel
 * increments returned duplicates; the stored counts were right). Holding the same monitor, which the collection's
 * synchronized methods re-enter, across the command and a deep copy of the answer closes the gap.
 */
public final class AtomicFindAndModify {

    private AtomicFindAndModify() {
    }

    public static Document handle(AbstractMongoBackend backend, String databaseName, String command, Document query,
            Supplier<Document> execute) {
        if (!command.equalsIgnoreCase("findAndModify")) {
            return execute.get();
        }
        MongoCollection<?> collection = backend.resolveDatabase(databaseName)
                .resolveCollection(String.valueOf(query.get(command)), false);
        Object monitor = collection != null ? collection : backend;
        synchronized (monitor) {
            return execute.get().cloneDeeply();
        }
    }
}
