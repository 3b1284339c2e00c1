package io.laurel.common;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.mongodb.runtime.MongoClientCustomizer;
import io.quarkus.runtime.StartupEvent;

/**
 * A build without the embedded store (the native image) needs a MongoDB: without
 * {@code QUARKUS_MONGODB_CONNECTION_STRING} it stops at start-up with that reason, before anything waits for a
 * database that is not there.
 */
@Singleton
public class StoreRequired {

    void onStart(@Observes @Priority(1) StartupEvent event,
            @ConfigProperty(name = "quarkus.mongodb.connection-string") Optional<String> connectionString,
            Instance<MongoClientCustomizer> embedded) {
        check(connectionString, !embedded.isUnsatisfied());
    }

    /** Throws with the reason when there is neither a connection string nor an embedded store. */
    static void check(Optional<String> connectionString, boolean embeddedStore) {
        if (connectionString.filter(s -> !s.isBlank()).isEmpty() && !embeddedStore) {
            throw new IllegalStateException("QUARKUS_MONGODB_CONNECTION_STRING is required: this build has no "
                    + "embedded store (the native image leaves it out); point it at a MongoDB replica set");
        }
    }
}
