package io.laurel.workflow;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;

import io.laurel.common.IndexedRepository;
import io.laurel.event.PendingEvents;
import io.laurel.outbox.DueWork;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class WorkflowRepository implements ReactivePanacheMongoRepository<WorkflowRequestDocument>, IndexedRepository {

    static final String PENDING_INDEX = "workflow_pending_unique";
    private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.AFTER);

    @Override
    public Uni<Void> ensureIndexes() {
        return Uni.join().all(
                mongoCollection().createIndex(Indexes.ascending("requestId"),
                        new IndexOptions().unique(true).name("workflow_requestId_unique")),
                mongoCollection().createIndex(Indexes.ascending("pendingKey"),
                        new IndexOptions().unique(true).sparse(true).name(PENDING_INDEX)),
                mongoCollection().createIndex(Indexes.ascending("orgId", "startTime"),
                        new IndexOptions().name("workflow_org_start")),
                mongoCollection().createIndex(Indexes.ascending("state", DueWork.NEXT_ATTEMPT_AT),
                        new IndexOptions().name("workflow_due")),
                PendingEvents.index(mongoCollection()))
                .andFailFast().replaceWithVoid();
    }

    public Uni<WorkflowRequestDocument> findInOrg(long orgId, String requestId) {
        return mongoCollection().find(Filters.and(Filters.eq("orgId", orgId), Filters.eq("requestId", requestId)))
                .collect().first();
    }

    /** Applies the update if the request is still as {@code condition} says; null when it moved on. */
    public Uni<WorkflowRequestDocument> updateIf(String requestId, Bson condition, Bson update) {
        return mongoCollection().findOneAndUpdate(Filters.and(Filters.eq("requestId", requestId), condition), update,
                AFTER);
    }
}
