package io.laurel.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoServer;

/**
 * A MongoDB wire-protocol server on loopback, backed by one H2 MVStore file in a data directory.
 * Every write command is committed to the file before it is acknowledged.
 */
public final class EmbeddedStore implements AutoCloseable {

    static final String FILE_NAME = "laurel.mv.db";

    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path file;

    private EmbeddedStore(MongoServer server, InetSocketAddress address, Path file) {
        this.server = server;
        this.address = address;
        this.file = file;
    }

    /** Opens (or creates) the store under {@code dataDir} and listens on 127.0.0.1:{@code port} (0 = a free port). */
    public static EmbeddedStore open(Path dataDir, int port) {
        return open(dataDir, port, connectionString -> {
        });
    }

    /**
     * As {@link #open(Path, int)}; when the file already existed, first hands {@code repair} the connection string of
     * a private listener on the same file (a free loopback port nobody else was told), and opens the real port only
     * once it returns. Every other client therefore sees the repaired store, and the repair sees no other writer.
     */
    public static EmbeddedStore open(Path dataDir, int port, Consumer<String> repair) {
        Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + file.getParent(), e);
        }
        boolean existed = Files.exists(file);
        MVStore mvStore = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().autoCommitBufferSize(0)
                .open();
        DurableH2Backend backend = new DurableH2Backend(mvStore);
        MongoServer server = new MongoServer(backend);
        try {
            if (existed) {
                repairAlone(backend, repair);
            }
            server.bind("127.0.0.1", port);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        return new EmbeddedStore(server, server.getLocalAddress(), file);
    }

    private static void repairAlone(DurableH2Backend backend, Consumer<String> repair) {
        MongoServer alone = new MongoServer(backend);
        backend.holdOpen(true);
        try {
            alone.bind("127.0.0.1", 0);
            repair.accept("mongodb://127.0.0.1:" + alone.getLocalAddress().getPort());
        } finally {
            alone.shutdownNow();
            backend.holdOpen(false);
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    public Path file() {
        return file;
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    /** Stops listening and closes the file after a final commit. */
    @Override
    public void close() {
        server.shutdownNow();
    }

    /**
     * Runs the store alone: {@code java … io.laurel.store.EmbeddedStore <dataDir> [port]}. Prints the connection
     * string on one line, then serves until killed. Used by the crash tests.
     */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedStore store = open(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 0);
        Runtime.getRuntime().addShutdownHook(new Thread(store::close));
        System.out.println("READY " + store.connectionString());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
