package io.laurel.badge.schema;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;

import io.laurel.common.IndexedRepository;
import io.laurel.common.Paging;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

/** The stores of the badge schemas: custom-field definitions and tag schemas. */
public final class SchemaRepositories {

    private SchemaRepositories() {
    }

    @ApplicationScoped
    public static class CustomFields implements ReactivePanacheMongoRepository<CustomFieldDocument>, IndexedRepository {

        @Override
        public Uni<Void> ensureIndexes() {
            return mongoCollection().createIndex(Indexes.ascending("orgId", "name"),
                    new IndexOptions().unique(true).name("badge_custom_fields_name_unique")).replaceWithVoid();
        }

        Uni<CustomFieldDocument> findInOrg(long orgId, ObjectId id) {
            return mongoCollection().find(Filters.and(Filters.eq("_id", id), Filters.eq("orgId", orgId))).collect()
                    .first();
        }

        Uni<List<CustomFieldDocument>> active(long orgId) {
            return mongoCollection().find(Filters.and(Filters.eq("orgId", orgId), Filters.eq("isActive", true)))
                    .collect().asList();
        }

        Uni<List<CustomFieldDocument>> page(long orgId, Paging paging) {
            return mongoCollection().find(Filters.eq("orgId", orgId), new FindOptions().sort(Sorts.ascending("_id"))
                    .skip(paging.skip()).limit(paging.size())).collect().asList();
        }

        Uni<Long> countInOrg(long orgId) {
            return mongoCollection().countDocuments(Filters.eq("orgId", orgId));
        }

        Uni<CustomFieldDocument> update(long orgId, ObjectId id, Bson update) {
            return mongoCollection().findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.eq("orgId", orgId)),
                    update, new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        }
    }

    @ApplicationScoped
    public static class OrgMetas implements ReactivePanacheMongoRepositoryBase<OrgMetaDocument, Long> {

        Uni<OrgMetaDocument> find(long orgId) {
            return mongoCollection().find(Filters.eq("_id", orgId)).collect().first();
        }

        Uni<OrgMetaDocument> update(long orgId, Bson update) {
            return mongoCollection().findOneAndUpdate(Filters.eq("_id", orgId), update,
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        }
    }
}
