package io.laurel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.laurel.store.AtomicFindAndModify;
import io.netty.channel.Channel;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The real MongoDB wire protocol over mongo-java-server's memory backend, on a free loopback port. */
public class MemoryStoreResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-1";
    public static final long ORG = 100458;

    /** A free port the workflow may send to (a test starts and stops a target there). */
    public static final int TARGET_PORT = freePort();

    private MongoServer server;

    @Override
    public Map<String, String> start() {
        // The memory backend with the same atomic findAndModify as the embedded store Laurel ships.
        server = new MongoServer(new MemoryBackend() {
            @Override
            public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
                return AtomicFindAndModify.handle(this, databaseName, command, query,
                        () -> super.handleCommand(channel, databaseName, command, query));
            }
        });
        InetSocketAddress address = server.bind();
        return Map.of(
                "quarkus.mongodb.connection-string", "mongodb://127.0.0.1:" + address.getPort(),
                "laurel.workflow.allowed-hosts", "http://127.0.0.1:" + TARGET_PORT,
                "laurel.data-dir", "target/test-data",
                "laurel.bootstrap.admin-username", ADMIN,
                "laurel.bootstrap.admin-password", ADMIN_PASSWORD,
                "laurel.bootstrap.org-id", Long.toString(ORG));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }
}
