package io.laurel.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterConnectionMode;

import io.laurel.common.LaurelConfig;
import io.laurel.common.RepairWhileAlone;
import io.quarkus.mongodb.runtime.MongoClientCustomizer;

/**
 * When no {@code quarkus.mongodb.connection-string} is configured, starts the embedded store and points the Mongo
 * client at it while the client is being built. A store reopened on existing files is first repaired by every
 * {@link RepairWhileAlone}, before it listens.
 */
@Singleton
public class EmbeddedStoreCustomizer implements MongoClientCustomizer {

    private static final Logger LOG = Logger.getLogger(EmbeddedStoreCustomizer.class);

    private final Optional<String> connectionString;
    private final String database;
    private final LaurelConfig config;
    private final Instance<RepairWhileAlone> repairs;
    private EmbeddedStore store;

    EmbeddedStoreCustomizer(@ConfigProperty(name = "quarkus.mongodb.connection-string") Optional<String> connectionString,
            @ConfigProperty(name = "quarkus.mongodb.database") String database, LaurelConfig config,
            Instance<RepairWhileAlone> repairs) {
        this.connectionString = connectionString.filter(s -> !s.isBlank());
        this.database = database;
        this.config = config;
        this.repairs = repairs;
    }

    @Override
    public MongoClientSettings.Builder customize(MongoClientSettings.Builder builder) {
        if (connectionString.isPresent()) {
            return builder;
        }
        EmbeddedStore embedded = start();
        ServerAddress address = new ServerAddress("127.0.0.1", embedded.address().getPort());
        return builder.applyToClusterSettings(cluster -> cluster.hosts(List.of(address))
                .mode(ClusterConnectionMode.SINGLE));
    }

    private synchronized EmbeddedStore start() {
        if (store == null) {
            store = EmbeddedStore.open(Path.of(config.dataDir()), config.storePort().orElse(0), this::repair);
            LOG.infof("Embedded store on %s, file %s. Other instances can share it with QUARKUS_MONGODB_CONNECTION_STRING=%s",
                    store.connectionString(), store.file(), store.connectionString());
        }
        return store;
    }

    /** Runs on the thread building the client, at start-up: the store is not listening for anyone else yet. */
    private void repair(String privateConnectionString) {
        long started = System.nanoTime();
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(privateConnectionString))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .build();
        List<String> changes = new ArrayList<>();
        try (MongoClient client = MongoClients.create(settings)) {
            for (RepairWhileAlone repair : repairs) {
                String changed = repair.repair(client.getDatabase(database));
                if (!changed.isEmpty()) {
                    changes.add(changed);
                }
            }
        } catch (RuntimeException e) {
            // Serving beats refusing to start: what a crash leaves can only hold back awards, never add to them.
            LOG.errorf(e, "Store check on reopening failed after %s; serving without it (a restart tries again)",
                    changes.isEmpty() ? "no repair" : String.join("; ", changes));
            return;
        }
        LOG.infof("Store checked on reopening in %d ms: %s", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                changes.isEmpty() ? "nothing to repair" : String.join("; ", changes));
    }

    @PreDestroy
    synchronized void stop() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
