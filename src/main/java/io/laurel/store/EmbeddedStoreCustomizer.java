package io.laurel.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.mongodb.MongoClientSettings;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterConnectionMode;

import io.laurel.common.LaurelConfig;
import io.quarkus.mongodb.runtime.MongoClientCustomizer;

/**
 * When no {@code quarkus.mongodb.connection-string} is configured, starts the embedded store and points the Mongo
 * client at it while the client is being built. It knows no feature: what a crash leaves between an award's writes
 * is put right by the award reconciler, as on any MongoDB.
 */
@Singleton
public class EmbeddedStoreCustomizer implements MongoClientCustomizer {

    private static final Logger LOG = Logger.getLogger(EmbeddedStoreCustomizer.class);

    private final Optional<String> connectionString;
    private final LaurelConfig config;
    private EmbeddedStore store;

    EmbeddedStoreCustomizer(@ConfigProperty(name = "quarkus.mongodb.connection-string") Optional<String> connectionString,
            LaurelConfig config) {
        this.connectionString = connectionString.filter(s -> !s.isBlank());
        this.config = config;
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
            store = EmbeddedStore.open(Path.of(config.dataDir()), config.storePort().orElse(0));
            LOG.infof("Embedded store on %s, file %s. Other instances can share it with QUARKUS_MONGODB_CONNECTION_STRING=%s",
                    store.connectionString(), store.file(), store.connectionString());
        }
        return store;
    }

    @PreDestroy
    synchronized void stop() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
