package io.laurel.store;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The H2 backend, but a write command is answered only after its changes are committed to the file (one commit for
 * all the commands applied while the previous one ran: a group commit), so an acknowledged write survives
 * {@code kill -9}, findAndModify answers atomically ({@link AtomicFindAndModify}), and
 * unique indexes serve queries with extra keys ({@link IndexSelection}). The store must be opened with auto-commit
 * disabled and no auto-commit buffer: H2's background commit hands chunks to asynchronous writers (a write it picked up
 * could be acknowledged early), and its commit on a full buffer would write a command half-way.
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "deleteindexes", "drop", "dropdatabase", "create", "renamecollection");

    /**
     * Commands (reads and writes) run under its read lock, side by side; a commit or a compaction takes its write lock,
     * between them. Fair: a waiting commit holds back new commands, so a stream of writes cannot postpone an
     * acknowledgement.
     */
    private final ReentrantReadWriteLock whole = new ReentrantReadWriteLock(true);

    /** Write commands applied so far; a command's number is its ticket for {@link #awaitCommitted}. */
    private final AtomicLong applied = new AtomicLong();
    /** Guards {@link #committed} and {@link #committing}; commit waiters wait on it. */
    private final Object commits = new Object();
    /** Every write command up to this ticket is in the file. */
    private long committed;
    /** Whether a caller is committing now. */
    private boolean committing;
    /** Group commits so far (each covers one or more write commands). */
    private final AtomicLong groupCommits = new AtomicLong();


    /** When the last write command ended ({@link System#nanoTime()}): housekeeping compacts the file when idle. */
    private volatile long lastWrite = System.nanoTime();
    /** Whether anything was written since the file was last compacted whole. */
    private volatile boolean dirty;
    /** Steps of the current whole compaction (housekeeping thread, or close, under the write lock). */
    private int idleSteps;
    private static final int MAX_IDLE_STEPS = 30;
    /**
     * Chunks less live than this (in %) are rewritten. H2 keeps pages partly empty, so even a freshly compacted store's
     * chunks count as only about two thirds live: a higher target would rewrite forever.
     */
    private static final int COMPACT_FILL = 60;
    /** How long housekeeping may hold writes back each second under load to rewrite dead chunks. */
    private static final Duration LOAD_BUDGET = Duration.ofMillis(100);

    DurableH2Backend(MVStore store) {
        super(store);
    }

    /** Write commands applied so far. */
    long writeCommands() {
        return applied.get();
    }

    /** Group commits so far: fewer than {@link #writeCommands()} when concurrent writes shared them. */
    long groupCommits() {
        return groupCommits.get();
    }

    @Override
    public void close() {
        if (getMvStore().getFileStore() == null) {
            super.close(); // a store in memory: nothing to compact
        } else {
            // Nothing else writes by now: the whole file is compacted once more, then closed.
            whole.writeLock().lock();
            try {
                long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!getMvStore().isClosed() && System.nanoTime() < until && !compactWhole(Duration.ofSeconds(2))) {
                    // another step
                }
            } finally {
                whole.writeLock().unlock();
            }
            super.close();
        }
    }

    /**
     * With auto-commit off, H2 never compacts by itself: each commit writes a chunk, and chunks left with a little live
     * data keep their whole space, so the file grows without bound. Called every second: after {@code idle} without a
     * write the whole file is compacted (live pages moved together, the end truncated); under load,
     * when more than half the file is dead, it is compacted for at most 100 ms. Both under the write lock, between
     * commands.
     *
     * @return whether the whole file was compacted
     */
    boolean housekeeping(Duration idle) {
        MVStore store = getMvStore();
        if (store.isClosed()) {
            return false;
        }
        boolean quiet = System.nanoTime() - lastWrite > idle.toNanos();
        if (quiet && !dirty) {
            return false;
        }
        whole.writeLock().lock();
        try {
            if (store.isClosed()) {
                return false;
            }
            if (quiet) {
                return compactWhole(Duration.ofSeconds(2));
            }
            // Much of what the chunks hold is dead: rewrite some of it now, 1 MB a step for at most LOAD_BUDGET (their
            // space is freed by the next commit and reused), so that steady load cannot grow the file without bound.
            long until = System.nanoTime() + LOAD_BUDGET.toNanos();
            while (store.getFileStore().getChunksFillRate() < COMPACT_FILL && System.nanoTime() < until
                    && store.compact(COMPACT_FILL, 1024 * 1024)) {
                commit();
            }
            return false;
        } finally {
            whole.writeLock().unlock();
        }
    }

    /**
     * One step of compacting the whole file, within {@code budget}; true once the file is compact (its chunks at least
     * {@link #COMPACT_FILL} live and filling at least 90 % of it, or nothing left to rewrite), or after
     * {@link #MAX_IDLE_STEPS} steps. Until then housekeeping steps again.
     */
    private boolean compactWhole(Duration budget) {
        MVStore store = getMvStore();
        if (store.isClosed()) {
            return true;
        }
        long until = System.nanoTime() + budget.toNanos();
        // Live pages of sparse chunks rewritten into new ones, a few MB a step so that the file hardly grows first;
        // each commit frees the chunks left empty for reuse, and H2 cuts off the file's free end when it writes a
        // chunk before it.
        boolean rewrote = false;
        for (int round = 0; round < 4 && store.getFileStore().getChunksFillRate() < COMPACT_FILL
                && System.nanoTime() < until && store.compact(COMPACT_FILL, 1024 * 1024); round++) {
            commit();
            rewrote = true;
        }
        commit();
        boolean compact = !rewrote || store.getFileStore().getChunksFillRate() >= COMPACT_FILL && store.getFillRate() >= 90;
        boolean settled = compact || ++idleSteps >= MAX_IDLE_STEPS;
        if (settled) {
            dirty = false;
            idleSteps = 0;
        }
        return settled;
    }

    // Called from H2Backend's constructor for the databases already in the file: only getMvStore() is set by then.
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new LaurelH2Database(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!WRITE_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
            // Reads hold the read lock too: a commit or a compaction (under the write lock) frees chunks at once
            // (retention 0), so a read walking an older version's pages must never run beside one.
            whole.readLock().lock();
            try {
                return AtomicFindAndModify.handle(this, databaseName, command, query,
                        () -> super.handleCommand(channel, databaseName, command, query));
            } finally {
                whole.readLock().unlock();
            }
        }
        long ticket;
        whole.readLock().lock();
        try {
            return AtomicFindAndModify.handle(this, databaseName, command, query,
                    () -> super.handleCommand(channel, databaseName, command, query));
        } finally {
            // Taken before the read lock is let go: a commit (under the write lock) that sees this ticket holds the
            // whole command.
            ticket = applied.incrementAndGet();
            whole.readLock().unlock();
            lastWrite = System.nanoTime();
            dirty = true;
            awaitCommitted(ticket);
        }
    }

    /**
     * Group commit: returns once a commit that began after write command {@code ticket} was applied has written its
     * chunk. One caller at a time commits, for every command applied by then; the others wait for it and return when
     * it covered them, or one of them commits next. A commit writes every map of the store as it stands, so it runs
     * under the write lock, when no command is half-way: a {@code kill -9} then finds each command either applied in
     * full (documents and their index entries) or not at all. A failed commit fails its own caller; the waiters try
     * again themselves.
     */
    private void awaitCommitted(long ticket) {
        synchronized (commits) {
            while (committed < ticket) {
                if (!committing) {
                    committing = true;
                    break;
                }
                try {
                    commits.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted before the write was committed", e);
                }
            }
            if (committed >= ticket) {
                return;
            }
        }
        long upTo = 0;
        try {
            whole.writeLock().lock();
            try {
                upTo = applied.get();
                commit();
                groupCommits.incrementAndGet();
            } finally {
                whole.writeLock().unlock();
            }
        } finally {
            synchronized (commits) {
                committed = Math.max(committed, upTo);
                committing = false;
                commits.notifyAll();
            }
        }
    }
}
