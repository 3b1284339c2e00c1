package io.laurel.store;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.LaurelH2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The H2 backend, but a write command is answered only after its changes are committed to the file, so an
 * acknowledged write survives {@code kill -9}, findAndModify answers atomically ({@link AtomicFindAndModify}), and
 * unique indexes serve queries with extra keys ({@link IndexSelection}). The store must be opened with auto-commit
 * disabled and no auto-commit buffer: H2's background commit hands chunks to asynchronous writers (a write it picked up
 * could be acknowledged early), and its commit on a full buffer would write a command half-way.
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "deleteindexes", "drop", "dropdatabase", "create", "renamecollection");

    /**
     * Write commands run under its read lock, side by side; a commit takes its write lock, between them. Fair: a
     * waiting commit holds back new commands, so a stream of writes cannot postpone an acknowledgement.
     */
    private final ReentrantReadWriteLock whole = new ReentrantReadWriteLock(true);

    /** While set, {@link #close()} leaves the file open: a private server used for the repair is shutting down. */
    private volatile boolean holdOpen;

    DurableH2Backend(MVStore store) {
        super(store);
    }

    void holdOpen(boolean hold) {
        this.holdOpen = hold;
    }

    @Override
    public void close() {
        if (!holdOpen) {
            super.close();
        }
    }

    // Called from H2Backend's constructor for the databases already in the file: only getMvStore() is set by then.
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new LaurelH2Database(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!WRITE_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
            return AtomicFindAndModify.handle(this, databaseName, command, query,
                    () -> super.handleCommand(channel, databaseName, command, query));
        }
        whole.readLock().lock();
        try {
            return AtomicFindAndModify.handle(this, databaseName, command, query,
                    () -> super.handleCommand(channel, databaseName, command, query));
        } finally {
            whole.readLock().unlock();
            commitWholeCommands();
        }
    }

    /**
     * Returns once the chunk holding this command's changes is written to the file. A commit writes every map of the
     * store as it stands, so it waits until no write command is half-way: a {@code kill -9} then finds each command
     * of another connection either applied in full (documents and their index entries) or not at all.
     */
    private void commitWholeCommands() {
        whole.writeLock().lock();
        try {
            commit();
        } finally {
            whole.writeLock().unlock();
        }
    }
}
