package io.laurel.award;

import java.time.Instant;
import java.util.Collection;
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
import com.mongodb.client.model.Updates;

import io.laurel.common.IndexedRepository;
import io.laurel.event.PendingEvents;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class IssueRepository implements ReactivePanacheMongoRepository<IssueDocument>, IndexedRepository {

    @Override
    public Uni<Void> ensureIndexes() {
        return Uni.join().all(
                mongoCollection().createIndex(Indexes.ascending("activeKey"),
                        new IndexOptions().unique(true).sparse(true).name("badge_issues_one_active")),
                mongoCollection().createIndex(Indexes.ascending("orgId", "customerId", "badgeMetaId"),
                        new IndexOptions().name("badge_issues_customer")),
                // The reconciler's revocations since its last pass; sparse: only revoked issues have an entry.
                mongoCollection().createIndex(Indexes.ascending("endedOn"),
                        new IndexOptions().sparse(true).name("badge_issues_ended")),
                PendingEvents.index(mongoCollection()))
                .andFailFast().replaceWithVoid();
    }

    /** Ends, in one update, the active issues of these customers that have expired by {@code now}. */
    public Uni<Long> expireLapsed(long orgId, ObjectId badgeMetaId, Collection<Long> customerIds, Instant now) {
        // By the exact active keys: the unique index on activeKey finds them without a scan.
        return mongoCollection().updateMany(Filters.and(Filters.in("activeKey", activeKeys(orgId, badgeMetaId,
                customerIds)), Filters.lte("expiresOn", now)),
                Updates.combine(Updates.set("status", IssueDocument.IssueStatus.EXPIRED.name()),
                        Updates.set("endedOn", now), Updates.unset("activeKey")))
                .map(result -> result.getModifiedCount());
    }

    /** The customers' active, unexpired issues of the badge, in one query. */
    public Uni<List<IssueDocument>> findActive(long orgId, ObjectId badgeMetaId, Collection<Long> customerIds,
            Instant now) {
        return mongoCollection().find(Filters.and(Filters.in("activeKey", activeKeys(orgId, badgeMetaId, customerIds)),
                Filters.or(Filters.eq("expiresOn", null), Filters.gt("expiresOn", now)))).collect().asList();
    }

    private static List<String> activeKeys(long orgId, ObjectId badgeMetaId, Collection<Long> customerIds) {
        return customerIds.stream().map(id -> IssueDocument.activeKey(orgId, badgeMetaId, id)).toList();
    }

    /** Revokes the customer's active issue; null when there is none. */
    /** Every issue of the badge to the customer, newest first. */
    public Uni<List<IssueDocument>> findOfCustomer(long orgId, ObjectId badgeMetaId, long customerId) {
        return mongoCollection().find(Filters.and(Filters.eq("orgId", orgId), Filters.eq("badgeMetaId", badgeMetaId),
                Filters.eq("customerId", customerId)), new FindOptions().sort(Sorts.descending("issuedOn", "_id")))
                .collect().asList();
    }

    /** Revokes the customer's active issue of the badge; when {@code issueId} is given, only if it is that one. */
    public Uni<IssueDocument> revokeActive(long orgId, ObjectId badgeMetaId, long customerId, ObjectId issueId,
            Instant now) {
        Bson active = Filters.eq("activeKey", IssueDocument.activeKey(orgId, badgeMetaId, customerId));
        return mongoCollection().findOneAndUpdate(issueId == null ? active : Filters.and(active, Filters.eq("_id", issueId)),
                Updates.combine(Updates.set("status", IssueDocument.IssueStatus.REVOKED.name()),
                        Updates.set("endedOn", now), Updates.unset("activeKey"),
                        PendingEvents.raise(IssueDocument.COLLECTION, issueId, AwardEvents.ISSUE_REVOKED, now)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))
                .invoke(revoked -> {
                    if (revoked != null) {
                        PendingEvents.raisedOn(IssueDocument.COLLECTION, revoked.id);
                    }
                });
    }
}
