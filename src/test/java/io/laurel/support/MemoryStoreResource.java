package io.laurel.support;

import java.net.InetSocketAddress;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The real MongoDB wire protocol over mongo-java-server's memory backend, on a free loopback port. */
public class MemoryStoreResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-1";
    public static final long ORG = 100458;

    private MongoServer server;

    @Override
    public Map<String, String> start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        return Map.of(
                "quarkus.mongodb.connection-string", "mongodb://127.0.0.1:" + address.getPort(),
                "laurel.bootstrap.admin-username", ADMIN,
                "laurel.bootstrap.admin-password", ADMIN_PASSWORD,
                "laurel.bootstrap.org-id", Long.toString(ORG));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }
}
