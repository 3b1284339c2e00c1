package io.laurel.store;

import java.util.function.Supplier;

/**
 * Whether a collection of the store is inside an update (update or findAndModify) right now, so that its query
 * results can be copied for the update (copy on write) or for readers (copy on read). Every entry point of a
 * collection holds its monitor, so one plain field per collection is enough.
 */
public final class UpdateScope {

    private boolean updating;

    /** Runs {@code update} inside the scope (nested calls stay inside). */
    public <T> T run(Supplier<T> update) {
        boolean outer = updating;
        updating = true;
        try {
            return update.get();
        } finally {
            updating = outer;
        }
    }

    public boolean updating() {
        return updating;
    }
}
