package io.laurel.store;

import java.util.Locale;
import java.util.Set;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.LaurelH2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The H2 backend, but a write command is answered only after its changes are committed to the file, so an
 * acknowledged write survives {@code kill -9}, findAndModify answers atomically ({@link AtomicFindAndModify}), and
 * unique indexes serve queries with extra keys ({@link IndexSelection}). The store must be opened with auto-commit disabled: H2's background
 * commit hands chunks to asynchronous writers, and a write it picked up could otherwise be acknowledged early.
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "deleteindexes", "drop", "dropdatabase", "create", "renamecollection");

    DurableH2Backend(MVStore store) {
        super(store);
    }

    // Called from H2Backend's constructor for the databases already in the file: only getMvStore() is set by then.
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new LaurelH2Database(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return AtomicFindAndModify.handle(this, databaseName, command, query,
                    () -> super.handleCommand(channel, databaseName, command, query));
        } finally {
            if (WRITE_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
                // Synchronous: returns once the chunk holding this command's changes is written to the file.
                commit();
            }
        }
    }
}
