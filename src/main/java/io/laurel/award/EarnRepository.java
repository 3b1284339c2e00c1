package io.laurel.award;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import io.laurel.common.IndexedRepository;
import io.laurel.event.PendingEvents;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class EarnRepository implements ReactivePanacheMongoRepository<EarnDocument>, IndexedRepository {

    @Override
    public Uni<Void> ensureIndexes() {
        return Uni.join().all(
                mongoCollection().createIndex(Indexes.ascending("orgId", "customerId", "badgeMetaId"),
                        new IndexOptions().name("badge_earns_customer")),
                // The reconciler's revocations since its last pass; sparse: only revoked earns have an entry.
                mongoCollection().createIndex(Indexes.ascending("revokedOn"),
                        new IndexOptions().sparse(true).name("badge_earns_revoked")),
                mongoCollection().createIndex(Indexes.ascending("requestKey"),
                        new IndexOptions().unique(true).sparse(true).name("badge_earns_one_per_request")),
                // Claims of requestIds: single earns' records and the claim documents of other calls (RequestIds).
                mongoCollection().createIndex(Indexes.ascending("claimKey"),
                        new IndexOptions().unique(true).sparse(true).name("badge_earns_one_per_claim")),
                PendingEvents.index(mongoCollection()))
                .andFailFast().replaceWithVoid();
    }

    /** The earns with these request keys ({@link EarnDocument#requestKey}) in the org, in one query. */
    public Uni<List<EarnDocument>> findByRequestKeys(long orgId, Collection<String> requestKeys) {
        return mongoCollection().find(Filters.and(Filters.in("requestKey", requestKeys), Filters.eq("orgId", orgId)))
                .collect().asList();
    }

    /** The earns these requests made for these customers ({@link EarnDocument#requestKey}), in one query. */
    public Uni<List<EarnDocument>> findByRequest(long orgId, String requestId, Collection<Long> customerIds) {
        return mongoCollection().find(Filters.and(Filters.in("requestKey", customerIds.stream()
                .map(id -> EarnDocument.requestKey(orgId, requestId, id)).toList()), Filters.eq("orgId", orgId)))
                .collect().asList();
    }

    /** Every earn of the badge by the customer, newest first. */
    public Uni<List<EarnDocument>> findOfCustomer(long orgId, ObjectId badgeMetaId, long customerId) {
        return mongoCollection().find(Filters.and(Filters.eq("orgId", orgId), Filters.eq("badgeMetaId", badgeMetaId),
                Filters.eq("customerId", customerId)), new FindOptions().sort(Sorts.descending("earnedOn", "_id")))
                .collect().asList();
    }

    /** Marks the earn revoked if it is this customer's active earn of this badge; null otherwise. */
    public Uni<EarnDocument> revokeActive(long orgId, ObjectId badgeMetaId, long customerId, ObjectId earnId,
            Instant now) {
        return mongoCollection().findOneAndUpdate(Filters.and(Filters.eq("_id", earnId), Filters.eq("orgId", orgId),
                Filters.eq("badgeMetaId", badgeMetaId), Filters.eq("customerId", customerId),
                Filters.eq("status", EarnDocument.EarnStatus.ACTIVE.name())),
                Updates.combine(Updates.set("status", EarnDocument.EarnStatus.REVOKED.name()),
                        Updates.set("revokedOn", now), PendingEvents.raise(EarnDocument.COLLECTION, earnId,
                        AwardEvents.EARN_REVOKED, now)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }
}
