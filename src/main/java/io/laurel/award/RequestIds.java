package io.laurel.award;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.laurel.common.ErrorCode;
import io.laurel.common.LaurelConfig;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * Client requestIds of issue and earn calls: each usable once per org, enforced by the unique {@code claimKey}
 * ({@code <orgId>:<requestId>}) of the earns collection. A single earn's own record carries the key, so its claim and
 * its record are one insert; every other call (issues, bulk calls) first inserts a claim document with the key into
 * the same collection, so that the two kinds can never share a requestId.
 * <p>
 * A call can be cut off after its claim (a crash, the store going away) with some or none of its writes done. Its
 * claim then stays unfinished: bulk calls mark theirs {@code done} when they answer. An unfinished claim that is
 * {@code abandoned} (marked by the failed call itself) or older than
 * {@code laurel.awards.claim-abandoned-after} is taken over by the next call with the same requestId, operation and
 * badge, which finishes the work: the records carry keys that make a second write of the same award impossible.
 */
@ApplicationScoped
public class RequestIds implements ReactivePanacheMongoRepositoryBase<RequestIds.Used, String> {

    /** Longer than any call runs: an unfinished claim this old belongs to a call that will not come back. */
    private final Duration abandonedAfter;

    RequestIds(LaurelConfig config) {
        this.abandonedAfter = config.awards().claimAbandonedAfter();
    }

    /** A claim document: kept beside the earn records, which it never looks like (no customer, no status). */
    @RegisterForReflection
    @MongoEntity(collection = Used.COLLECTION)
    public static class Used {
        public static final String COLLECTION = EarnDocument.COLLECTION;

        @BsonId
        public String id;
        /** The same as the id: the unique key single earns' records share. */
        public String claimKey;
        public long orgId;
        public String requestId;
        public String operation;
        public ObjectId badgeMetaId;
        public Instant usedOn;
        /** Set by bulk calls when they answer. */
        public Boolean done;
        /** Set when the call holding the claim failed or was cut off. */
        public Boolean abandoned;
    }

    /** A requestId taken for a call: fresh, or taken over from a call that was cut off. */
    public enum Claim {
        FRESH,
        TAKEN_OVER
    }

    /** Takes the requestId for this call; 809 when an earlier issue or earn call of the org holds it. */
    public Uni<Claim> claim(long orgId, String requestId, String operation, ObjectId badgeMetaId) {
        Used used = new Used();
        used.id = key(orgId, requestId);
        used.claimKey = used.id;
        used.orgId = orgId;
        used.requestId = requestId;
        used.operation = operation;
        used.badgeMetaId = badgeMetaId;
        used.usedOn = Times.now();
        return persist(used).replaceWith(Claim.FRESH).onFailure(SequenceRepository::isDuplicateKey)
                .recoverWithUni(() -> takeOver(used))
                .onItem().ifNull().failWith(() -> ErrorCode.REQUEST_ID_USED.exception(
                        ErrorCode.REQUEST_ID_USED.message(), requestId));
    }

    /** The same call's unfinished, abandoned claim, now this call's; null when the claim is held. */
    private Uni<Claim> takeOver(Used used) {
        Bson unfinished = Filters.and(Filters.eq("_id", used.id), Filters.ne("done", true),
                Filters.eq("operation", used.operation), Filters.eq("badgeMetaId", used.badgeMetaId),
                Filters.or(Filters.eq("abandoned", true), Filters.lt("usedOn", used.usedOn.minus(abandonedAfter))));
        return mongoCollection().findOneAndUpdate(unfinished,
                Updates.combine(Updates.set("usedOn", used.usedOn), Updates.unset("abandoned")))
                .map(taken -> taken == null ? null : Claim.TAKEN_OVER);
    }

    /** Marks a bulk call's claim finished: from now on its requestId answers 809. */
    public Uni<Void> finish(long orgId, String requestId) {
        return mongoCollection().updateOne(Filters.eq("_id", key(orgId, requestId)), Updates.set("done", true))
                .replaceWithVoid();
    }

    /** Marks the claim of a call that failed after it may have written: the next call with it finishes the work. */
    public Uni<Void> abandon(long orgId, String requestId) {
        return mongoCollection().updateOne(Filters.and(Filters.eq("_id", key(orgId, requestId)), Filters.ne("done", true)),
                Updates.set("abandoned", true)).replaceWithVoid();
    }

    /** 809 when the requestId is held (by a claim or a single earn's record); writes nothing. */
    public Uni<Void> requireUnused(long orgId, String requestId) {
        return mongoCollection().withDocumentClass(Document.class).find(Filters.eq("claimKey", key(orgId, requestId)))
                .collect().first()
                .invoke(used -> {
                    if (used != null && !Boolean.TRUE.equals(used.getBoolean("abandoned"))) {
                        throw ErrorCode.REQUEST_ID_USED.exception(ErrorCode.REQUEST_ID_USED.message(), requestId);
                    }
                }).replaceWithVoid();
    }

    /** The claim key of a requestId: what a single earn's record carries as its {@code claimKey}. */
    static String key(long orgId, String requestId) {
        return orgId + ":" + requestId;
    }
}
