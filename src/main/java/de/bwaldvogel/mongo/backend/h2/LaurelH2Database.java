package de.bwaldvogel.mongo.backend.h2;

import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import io.laurel.store.IndexSelection;

/**
 * Laurel's extension of the H2 database of mongo-java-server: unique indexes also serve queries with more keys than
 * their own ({@link IndexSelection}). It lives in the library's package because the index's constructor is
 * package-private; the index maps keep the library's names, so files written before stay readable.
 */
public class LaurelH2Database extends H2Database {

    /** H2Database's constructor opens the existing indexes, before this class's fields are set: it finds the store here. */
    private static final ThreadLocal<MVStore> CONSTRUCTING = new ThreadLocal<>();

    private final MVStore store;

    public LaurelH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, constructing(mvStore), cursorRegistry);
        CONSTRUCTING.remove();
        this.store = mvStore;
    }

    private static MVStore constructing(MVStore mvStore) {
        CONSTRUCTING.set(mvStore);
        return mvStore;
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        MVStore mvStore = store != null ? store : CONSTRUCTING.get();
        MVMap<KeyValue, Object> map = mvStore.openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName);
        return new H2UniqueIndex(map, indexName, keys, sparse) {
            @Override
            public synchronized boolean canHandle(Document query) {
                return IndexSelection.canServe(query, keys(), isSparse());
            }

            @Override
            public synchronized Iterable<Object> getPositions(Document query) {
                return super.getPositions(IndexSelection.onKeys(query, keys()));
            }
        };
    }
}
