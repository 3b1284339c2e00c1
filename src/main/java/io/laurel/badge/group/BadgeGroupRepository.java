package io.laurel.badge.group;

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
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class BadgeGroupRepository implements ReactivePanacheMongoRepository<BadgeGroupDocument>, IndexedRepository {

    @Override
    public Uni<Void> ensureIndexes() {
        return mongoCollection().createIndex(Indexes.ascending("orgId", "name"),
                new IndexOptions().unique(true).name("badge_groups_name_unique")).replaceWithVoid();
    }

    public Uni<BadgeGroupDocument> findInOrg(long orgId, ObjectId id) {
        return mongoCollection().find(inOrg(orgId, id)).collect().first();
    }

    /** The groups of these ids that belong to the org, in one query. */
    public Uni<List<BadgeGroupDocument>> findAllInOrg(long orgId, List<ObjectId> ids) {
        return mongoCollection().find(Filters.and(Filters.eq("orgId", orgId), Filters.in("_id", ids))).collect()
                .asList();
    }

    public Uni<BadgeGroupDocument> update(long orgId, ObjectId id, Bson update) {
        return mongoCollection().findOneAndUpdate(inOrg(orgId, id), update,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    public Uni<List<BadgeGroupDocument>> listInOrg(long orgId, boolean ascending, Paging paging) {
        Sort sort = ascending ? Sort.ascending("rank", "_id") : Sort.descending("rank", "_id");
        return find("orgId", sort, orgId).range(paging.skip(), paging.lastIndex()).list();
    }

    public Uni<Long> countInOrg(long orgId) {
        return count("orgId", orgId);
    }

    private static Bson inOrg(long orgId, ObjectId id) {
        return Filters.and(Filters.eq("_id", id), Filters.eq("orgId", orgId));
    }
}
