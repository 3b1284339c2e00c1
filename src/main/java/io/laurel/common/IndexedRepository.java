package io.laurel.common;

import io.smallrye.mutiny.Uni;

/** A repository that owns indexes; {@code IndexStartup} creates them all, idempotently, before serving. */
public interface IndexedRepository {

    Uni<Void> ensureIndexes();
}
