package io.laurel.identity;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import io.laurel.common.IndexedRepository;
import io.laurel.common.Paging;
import io.laurel.common.Times;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UserRepository implements ReactivePanacheMongoRepository<UserDocument>, IndexedRepository {

    static final String USERNAME_INDEX = "users_username_unique";

    @Override
    public Uni<Void> ensureIndexes() {
        return Uni.join().all(
                mongoCollection().createIndex(Indexes.ascending("username"),
                        new IndexOptions().unique(true).name(USERNAME_INDEX)),
                mongoCollection().createIndex(Indexes.ascending("userId"),
                        new IndexOptions().unique(true).name("users_userId_unique")),
                mongoCollection().createIndex(Indexes.ascending("orgId", "userId"),
                        new IndexOptions().name("users_org")),
                mongoCollection().createIndex(Indexes.ascending("updatedOn"), new IndexOptions().name("users_updated")))
                .andFailFast().replaceWithVoid();
    }

    /** Across orgs: usernames are global, and login names no org. */
    public Uni<UserDocument> findByUsername(String username) {
        return find("username", username).firstResult();
    }

    public Uni<List<UserDocument>> listInOrg(long orgId, Paging paging) {
        return find("orgId", Sort.ascending("userId"), orgId).range(paging.skip(), paging.lastIndex()).list();
    }

    public Uni<Long> countInOrg(long orgId) {
        return count("orgId", orgId);
    }

    public Uni<UserDocument> findInOrg(long orgId, long userId) {
        return find("orgId = ?1 and userId = ?2", orgId, userId).firstResult();
    }

    /** Changes a user of the org; the user after the change, or null when there is none. */
    public Uni<UserDocument> updateInOrg(long orgId, long userId, Bson update) {
        return mongoCollection().findOneAndUpdate(Filters.and(Filters.eq("orgId", orgId), Filters.eq("userId", userId)),
                Updates.combine(update, Updates.set("updatedOn", Times.now())),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    /** Users changed at or after {@code since}; every user when it is the epoch. */
    public Uni<List<UserDocument>> changedSince(Instant since) {
        return (since.equals(Instant.EPOCH) ? mongoCollection().find()
                : mongoCollection().find(Filters.gte("updatedOn", since))).collect().asList();
    }
}
