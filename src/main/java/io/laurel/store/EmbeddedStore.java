package io.laurel.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

import de.bwaldvogel.mongo.MongoServer;

/**
 * A MongoDB wire-protocol server on loopback, backed by one H2 MVStore file in a data directory.
 * Every write command is committed to the file before it is acknowledged.
 */
public final class EmbeddedStore implements AutoCloseable {

    static final String FILE_NAME = "laurel.mv.db";
    private static final Logger LOG = Logger.getLogger(EmbeddedStore.class);

    /** Without a write for this long, the store counts as idle and its file is compacted whole. */
    static final Duration IDLE = Duration.ofSeconds(2);

    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final MongoServer server;
    private final DurableH2Backend backend;
    private final InetSocketAddress address;
    private final Path file;
    private final ScheduledExecutorService housekeeping;
    private final AtomicLong idleCompactions = new AtomicLong();

    private EmbeddedStore(MongoServer server, DurableH2Backend backend, InetSocketAddress address, Path file) {
        this.server = server;
        this.backend = backend;
        this.address = address;
        this.file = file;
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "laurel-store-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        if (file != null) {
            housekeeping.scheduleWithFixedDelay(this::keepHouse, 1, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * The same store, with every one of its patches, in memory only (nothing survives {@link #close()}), on a free
     * loopback port: what the tests run on, so that they exercise the very store Laurel ships.
     */
    public static EmbeddedStore inMemory() {
        MVStore mvStore = new MVStore.Builder().autoCommitDisabled().autoCommitBufferSize(0).open();
        DurableH2Backend backend = new DurableH2Backend(mvStore);
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, WORKERS);
        return new EmbeddedStore(server, backend, server.getLocalAddress(), null);
    }

    private void keepHouse() {
        try {
            if (backend.housekeeping(IDLE)) {
                idleCompactions.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // A failed compaction leaves the file as it was, only larger; the next round tries again.
            LOG.warnf(e, "Embedded store: compaction failed");
        }
    }

    /**
     * Threads serving the connections. A write command's thread waits for the group commit that holds it, so these
     * bound how many writes one commit can gather (the library's default is two per core).
     */
    static final int WORKERS = 32;

    /** Opens (or creates) the store under {@code dataDir} and listens on 127.0.0.1:{@code port} (0 = a free port). */
    public static EmbeddedStore open(Path dataDir, int port) {
        Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
        ownerOnly(file);
        MVStore mvStore = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().autoCommitBufferSize(0)
                .open();
        // Freed chunks are reused at once, not after H2's default 45 s: that delay guards against a power cut, which
        // this store does not promise to survive (it does not fsync); under steady writes it made the file grow.
        mvStore.setRetentionTime(0);
        DurableH2Backend backend = new DurableH2Backend(mvStore);
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(new InetSocketAddress("127.0.0.1", port), 1, WORKERS);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        return new EmbeddedStore(server, backend, server.getLocalAddress(), file);
    }

    /**
     * The data directory is created 0700 and the store's file 0600 before anything is written (the file holds password
     * hashes); an existing file is set to 0600. An existing directory is left as the operator made it, with a warning
     * when others can read it. On a file system without POSIX permissions this does nothing.
     */
    private static void ownerOnly(Path file) {
        Path dir = file.getParent();
        try {
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (!posix) {
                Files.createDirectories(dir);
                return;
            }
            if (!Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
                Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR); // whatever the umask took away or left
            } else if (!OWNER_ONLY_DIR.containsAll(Files.getPosixFilePermissions(dir))) {
                LOG.warnf("The data directory %s can be read by others; chmod 700 it", dir);
            }
            if (!Files.exists(file)) {
                // An empty file is a new store to H2; it keeps these permissions.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            }
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the data directory " + dir, e);
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

    /** The file's size in bytes now. */
    public long fileSize() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many times the file was compacted whole because the store was idle. */
    /** Write commands applied, and the group commits that wrote them to the file. */
    public long[] writesAndCommits() {
        return new long[] { backend.writeCommands(), backend.groupCommits() };
    }

    public long idleCompactions() {
        return idleCompactions.get();
    }

    /** Stops listening, compacts the file and closes it after a final commit. */
    @Override
    public void close() {
        housekeeping.shutdownNow();
        try {
            housekeeping.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
