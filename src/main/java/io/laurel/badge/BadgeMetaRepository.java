package io.laurel.badge;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;

import io.laurel.common.IndexedRepository;
import io.laurel.common.Paging;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class BadgeMetaRepository implements ReactivePanacheMongoRepository<BadgeMetaDocument>, IndexedRepository {

    static final String NAME_INDEX = "badge_metas_name_unique";
    private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.AFTER);

    @Override
    public Uni<Void> ensureIndexes() {
        return Uni.join().all(
                mongoCollection().createIndex(Indexes.ascending("orgId", "name"),
                        new IndexOptions().unique(true).name(NAME_INDEX)),
                mongoCollection().createIndex(Indexes.ascending("orgId", "expiresOn", "startOn"),
                        new IndexOptions().name("badge_metas_org_time")))
                .andFailFast().replaceWithVoid();
    }

    /** Every query of this repository starts here: a badge is only ever seen from its own org. */
    static Bson inOrg(long orgId, ObjectId id) {
        return Filters.and(Filters.eq("_id", id), Filters.eq("orgId", orgId));
    }

    public Uni<BadgeMetaDocument> findInOrg(long orgId, ObjectId id) {
        return mongoCollection().find(inOrg(orgId, id)).collect().first();
    }

    /** Applies {@code update} to the badge when it also matches {@code condition}; null when it does not. */
    public Uni<BadgeMetaDocument> updateIf(long orgId, ObjectId id, Bson condition, Bson update) {
        return mongoCollection().findOneAndUpdate(Filters.and(inOrg(orgId, id), condition), update, AFTER);
    }

    /** As {@link #updateIf}, with array filters for the {@code $[name]} placeholders of the update. */
    public Uni<BadgeMetaDocument> updateIf(long orgId, ObjectId id, Bson condition, Bson update, List<Bson> arrayFilters) {
        return mongoCollection().findOneAndUpdate(Filters.and(inOrg(orgId, id), condition), update,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).arrayFilters(arrayFilters));
    }

    public Uni<List<BadgeMetaDocument>> list(Bson filter, Bson sort, Paging paging) {
        return mongoCollection().find(filter, new FindOptions().sort(sort).skip(paging.skip())
                .limit(paging.size())).collect().asList();
    }

    public Uni<Long> count(Bson filter) {
        return mongoCollection().countDocuments(filter);
    }
}
