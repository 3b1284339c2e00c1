package io.laurel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.laurel.store.AtomicFindAndModify;
import io.laurel.store.HashedIn;
import io.laurel.store.IndexSelection;
import io.laurel.store.UpdateScope;
import io.netty.channel.Channel;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The real MongoDB wire protocol over mongo-java-server's memory backend, on a free loopback port. */
public class MemoryStoreResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-1";
    public static final long ORG = 100458;

    /** A free port the workflow may send to (a test starts and stops a target there). */
    public static final int TARGET_PORT = freePort();

    /** The management interface (health, metrics) of the service under test. */
    public static final int MANAGEMENT_PORT = freePort();

    /**
     * The public port, fixed rather than 0: Quarkus tags HTTP metrics with the port of a server that has a fixed one,
     * and two servers, one tagged and one not, cannot share a Prometheus meter.
     */
    public static final int HTTP_PORT = freePort();

    private MongoServer server;

    @Override
    public Map<String, String> start() {
        // The memory backend with the same atomic findAndModify and index selection as the embedded store Laurel ships.
        server = new MongoServer(new MemoryBackend() {
            @Override
            public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
                return AtomicFindAndModify.handle(this, databaseName, command, query,
                        () -> super.handleCommand(channel, databaseName, command, query));
            }

            @Override
            public MemoryDatabase openOrCreateDatabase(String databaseName) {
                return new MemoryDatabase(databaseName, getCursorRegistry()) {
                    @Override
                    protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                        return new CopyOnReadCollection(this, collectionName, options, cursorRegistry);
                    }

                    @Override
                    protected Index<Integer> openOrCreateUniqueIndex(String collection, String indexName,
                            List<IndexKey> keys, boolean sparse) {
                        return new MemoryUniqueIndex(indexName, keys, sparse) {
                            @Override
                            public synchronized boolean canHandle(Document query) {
                                return IndexSelection.canServe(query, keys(), isSparse());
                            }

                            @Override
                            public synchronized Iterable<Integer> getPositions(Document query) {
                                return super.getPositions(IndexSelection.onKeys(query, keys()));
                            }
                        };
                    }
                };
            }
        });
        InetSocketAddress address = server.bind();
        return Map.of(
                "quarkus.mongodb.connection-string", "mongodb://127.0.0.1:" + address.getPort(),
                "quarkus.http.test-port", Integer.toString(HTTP_PORT),
                "quarkus.management.test-port", Integer.toString(MANAGEMENT_PORT),
                "quarkus.management.port", Integer.toString(MANAGEMENT_PORT),
                "laurel.workflow.allowed-hosts", "http://127.0.0.1:" + TARGET_PORT,
                "laurel.webhooks.allowed-origins", "http://127.0.0.1:" + TARGET_PORT,
                "laurel.data-dir", "target/test-data",
                "laurel.bootstrap.admin-username", ADMIN,
                "laurel.bootstrap.admin-password", ADMIN_PASSWORD,
                "laurel.bootstrap.org-id", Long.toString(ORG));
    }

    /**
     * Reads see whole documents here too. The shipped store copies a document before an update changes it; the
     * memory backend keeps its documents where that copy cannot be put back, so here a read copies what it found,
     * under the collection's lock, and updates change the stored documents as the library does.
     */
    static final class CopyOnReadCollection extends MemoryCollection {

        private final UpdateScope scope = new UpdateScope();
        private final HashedIn.Matcher matcher = new HashedIn.Matcher();

        CopyOnReadCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        public synchronized Document findAndModify(Document query) {
            return scope.run(() -> super.findAndModify(query));
        }

        @Override
        public synchronized Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters,
                boolean isMulti, boolean isUpsert, Oplog oplog) {
            return scope.run(() -> super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog));
        }

        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            return matcher.matches(document, query, super::documentMatchesQuery);
        }

        @Override
        protected QueryResult createQueryResult(List<Document> matched, int batchSize) {
            return super.createQueryResult(scope.updating() ? matched : matched.stream().map(Document::cloneDeeply).toList(),
                    batchSize);
        }
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
