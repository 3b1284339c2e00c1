package io.laurel.badge;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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

    /** Recently read definitions, by id; cleared whole when it reaches {@link #MAX_RECENT}. */
    private final Map<ObjectId, Recent> recent = new ConcurrentHashMap<>();
    /** Moves on with every change through this replica: a read that began before one is not kept. */
    private final AtomicLong changes = new AtomicLong();
    private static final int MAX_RECENT = 10_000;

    private record Recent(BadgeMetaDocument badge, long readAt) {
    }

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

    /**
     * The badge as read at most {@code maxAge} ago on this replica (awards read a definition on every call; it rarely
     * changes). A change made through this replica is seen at once; one made through another replica within
     * {@code maxAge}. Callers must not change the document they get.
     */
    public Uni<BadgeMetaDocument> findInOrgRecent(long orgId, ObjectId id, Duration maxAge) {
        Recent recent = this.recent.get(id);
        long now = System.nanoTime();
        if (recent != null && recent.badge.orgId == orgId && now - recent.readAt < maxAge.toNanos()) {
            return Uni.createFrom().item(recent.badge);
        }
        long generation = changes.get();
        return findInOrg(orgId, id).invoke(found -> {
            if (found != null && changes.get() == generation) {
                if (this.recent.size() >= MAX_RECENT) {
                    this.recent.clear();
                }
                this.recent.put(id, new Recent(found, now));
            }
        });
    }

    /** Applies {@code update} to the badge when it also matches {@code condition}; null when it does not. */
    public Uni<BadgeMetaDocument> updateIf(long orgId, ObjectId id, Bson condition, Bson update) {
        return changed(id, mongoCollection().findOneAndUpdate(Filters.and(inOrg(orgId, id), condition), update, AFTER));
    }

    /** As {@link #updateIf}, with array filters for the {@code $[name]} placeholders of the update. */
    public Uni<BadgeMetaDocument> updateIf(long orgId, ObjectId id, Bson condition, Bson update, List<Bson> arrayFilters) {
        return changed(id, mongoCollection().findOneAndUpdate(Filters.and(inOrg(orgId, id), condition), update,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).arrayFilters(arrayFilters)));
    }

    /** Forgets the recent read of a badge being changed, before and after the change (a read racing it is not kept). */
    private <T> Uni<T> changed(ObjectId id, Uni<T> change) {
        return Uni.createFrom().deferred(() -> {
            changes.incrementAndGet();
            recent.remove(id);
            return change;
        }).eventually(() -> {
            changes.incrementAndGet();
            recent.remove(id);
        });
    }

    public Uni<List<BadgeMetaDocument>> list(Bson filter, Bson sort, Paging paging) {
        return mongoCollection().find(filter, new FindOptions().sort(sort).skip(paging.skip())
                .limit(paging.size())).collect().asList();
    }

    public Uni<Long> count(Bson filter) {
        return mongoCollection().countDocuments(filter);
    }
}
