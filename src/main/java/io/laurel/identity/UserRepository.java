package io.laurel.identity;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import io.laurel.common.IndexedRepository;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.quarkus.panache.common.Page;
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
                        new IndexOptions().name("users_org")))
                .andFailFast().replaceWithVoid();
    }

    /** Across orgs: usernames are global, and login names no org. */
    public Uni<UserDocument> findByUsername(String username) {
        return find("username", username).firstResult();
    }

    public Uni<List<UserDocument>> listInOrg(long orgId, Page page) {
        return find("orgId", Sort.ascending("userId"), orgId).page(page).list();
    }

    public Uni<Long> countInOrg(long orgId) {
        return count("orgId", orgId);
    }
}
