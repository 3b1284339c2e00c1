package io.laurel.points;

import jakarta.enterprise.context.ApplicationScoped;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import io.laurel.common.IndexedRepository;
import io.laurel.event.PendingEvents;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class GoodwillRepository implements ReactivePanacheMongoRepository<GoodwillEntryDocument>, IndexedRepository {

    static final String REFERENCE_INDEX = "goodwill_reference_unique";

    @Override
    public Uni<Void> ensureIndexes() {
        return Uni.join().all(
                mongoCollection().createIndex(Indexes.ascending("orgId", "referenceId"),
                        new IndexOptions().unique(true).name(REFERENCE_INDEX)),
                mongoCollection().createIndex(Indexes.ascending("orgId", "customerId", "programId", "createdId"),
                        new IndexOptions().name("goodwill_customer")),
                PendingEvents.index(mongoCollection()))
                .andFailFast().replaceWithVoid();
    }
}
