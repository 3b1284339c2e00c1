package io.laurel.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import io.laurel.common.IndexedRepository;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DeliveryRepository implements ReactivePanacheMongoRepositoryBase<DeliveryDocument, String>,
        IndexedRepository {

    @Override
    public Uni<Void> ensureIndexes() {
        return Uni.join().all(
                mongoCollection().createIndex(Indexes.ascending("webhookId", "createdOn"),
                        new IndexOptions().name("webhook_deliveries_webhook")),
                mongoCollection().createIndex(Indexes.ascending("state", "nextAttemptAt"),
                        new IndexOptions().name("webhook_deliveries_due")))
                .andFailFast().replaceWithVoid();
    }
}
