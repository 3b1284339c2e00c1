package io.laurel.award.limit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class LimitRepository implements ReactivePanacheMongoRepositoryBase<LimitScopeDocument, String> {

    private static final FindOneAndUpdateOptions UPSERT_AFTER = new FindOneAndUpdateOptions().upsert(true)
            .returnDocument(ReturnDocument.AFTER);
    private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.AFTER);

    public Uni<LimitScopeDocument> find(String scopeId) {
        return mongoCollection().find(Filters.eq("_id", scopeId)).collect().first();
    }

    public Uni<List<LimitScopeDocument>> findAll(List<String> scopeIds) {
        return mongoCollection().find(Filters.in("_id", scopeIds)).collect().asList();
    }

    /** Applies the update when the scope also matches {@code condition}; creates the scope when it does not exist. */
    public Uni<LimitScopeDocument> upsertIf(String scopeId, Bson condition, Bson update) {
        return mongoCollection().findOneAndUpdate(Filters.and(Filters.eq("_id", scopeId), condition), update,
                UPSERT_AFTER);
    }

    /** Applies the update only if the scope is still at {@code version}; null when it moved on. */
    public Uni<LimitScopeDocument> updateAtVersion(String scopeId, long version, Bson update) {
        return mongoCollection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", scopeId), Filters.eq("version", version)), update, AFTER);
    }

    public Uni<Void> update(String scopeId, Bson update) {
        return mongoCollection().updateOne(Filters.eq("_id", scopeId), update).replaceWithVoid();
    }
}
