package io.laurel.award;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.codecs.pojo.annotations.BsonId;

import com.mongodb.client.model.Filters;

import io.laurel.common.ErrorCode;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Client requestIds of issue and earn calls: each usable once per org, enforced by the document's _id. */
@ApplicationScoped
public class RequestIds implements ReactivePanacheMongoRepositoryBase<RequestIds.Used, String> {

    @RegisterForReflection
    @MongoEntity(collection = "request_ids")
    public static class Used {
        @BsonId
        public String id;
        public long orgId;
        public String requestId;
        public String operation;
        public Instant usedOn;
    }

    /** Takes the requestId for this call; 809 when any earlier issue or earn call of the org took it. */
    public Uni<Void> claim(long orgId, String requestId, String operation) {
        Used used = new Used();
        used.id = orgId + ":" + requestId;
        used.orgId = orgId;
        used.requestId = requestId;
        used.operation = operation;
        used.usedOn = Times.now();
        return persist(used).replaceWithVoid().onFailure(SequenceRepository::isDuplicateKey)
                .transform(e -> ErrorCode.REQUEST_ID_USED.exception(ErrorCode.REQUEST_ID_USED.message(), requestId));
    }

    /** 809 when the requestId is already taken; writes nothing (validate-only calls). */
    public Uni<Void> requireUnused(long orgId, String requestId) {
        return mongoCollection().find(Filters.eq("_id", orgId + ":" + requestId)).collect().first()
                .invoke(used -> {
                    if (used != null) {
                        throw ErrorCode.REQUEST_ID_USED.exception(ErrorCode.REQUEST_ID_USED.message(), requestId);
                    }
                }).replaceWithVoid();
    }

    /** Gives the requestId back after a call that had no effect, so the client can retry with it. */
    public Uni<Void> release(long orgId, String requestId) {
        return mongoCollection().deleteOne(Filters.eq("_id", orgId + ":" + requestId)).replaceWithVoid();
    }
}
