package io.laurel.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import io.laurel.common.IndexedRepository;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class WebhookRepository implements ReactivePanacheMongoRepository<WebhookDocument>, IndexedRepository {

    @Override
    public Uni<Void> ensureIndexes() {
        return mongoCollection().createIndex(Indexes.ascending("orgId", "createdOn"),
                new IndexOptions().name("webhooks_org")).replaceWithVoid();
    }

    /** The org's subscription; null when it has none of this id (an unknown or malformed id included). */
    Uni<WebhookDocument> findInOrg(long orgId, String id) {
        if (id == null || !ObjectId.isValid(id)) {
            return Uni.createFrom().nullItem();
        }
        return mongoCollection().find(Filters.and(Filters.eq("_id", new ObjectId(id)), Filters.eq("orgId", orgId)))
                .collect().first();
    }
}
