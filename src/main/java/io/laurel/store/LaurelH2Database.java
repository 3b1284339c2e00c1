package io.laurel.store;

import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * Laurel's extension of the H2 database of mongo-java-server: unique indexes also serve queries with more keys than
 * their own ({@link IndexSelection}), large {@code $in} lists are matched by hash ({@link HashedIn}), documents are
 * stored as BSON ({@link DocumentType}), index keys compactly and in value order ({@link IndexKeyType}), and updates
 * copy a document before changing it, so that reads are never torn. Its unique index is Laurel's own
 * ({@link MapUniqueIndex}: the library's has a package-private constructor); the maps keep the library's names, so
 * files written before stay readable.
 */
public class LaurelH2Database extends H2Database {

    /** Not visible from H2Database: the prefixes of a collection's data and metadata maps (the library's names). */
    private static final String DATABASES_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

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
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        MVStore mvStore = store != null ? store : CONSTRUCTING.get();
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = mvStore.openMap(DATABASES_PREFIX + fullName,
                new MVMap.Builder<Object, Document>().valueType(new DocumentType()));
        MVMap<String, Object> metaMap = mvStore.openMap(META_PREFIX + fullName);
        return new CopyOnWriteCollection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    /**
     * The library's collection changes a stored document field by field, in place, while readers serialize the same
     * object after the collection's lock is released: a reader could see part old and part new values. Here an update
     * changes a copy, which then replaces the stored document in one put; a stored document is never changed again,
     * so every reader holds a whole version. Only the documents an update matched are copied.
     */
    static final class CopyOnWriteCollection extends H2Collection {

        private final UpdateScope scope = new UpdateScope();
        private final HashedIn.Matcher matcher = new HashedIn.Matcher();

        CopyOnWriteCollection(LaurelH2Database database, String collectionName, CollectionOptions options,
                MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
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
        protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
            return super.createQueryResult(scope.updating() ? matchedDocuments.stream().map(Document::cloneDeeply).toList()
                    : matchedDocuments, batchSize);
        }
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        MVStore mvStore = store != null ? store : CONSTRUCTING.get();
        MVMap<KeyValue, Object> map = IndexKeyType.openIndex(mvStore,
                getFullCollectionNamespace(collectionName) + "._index_" + indexName);
        return new MapUniqueIndex(map, indexName, keys, sparse) {
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
