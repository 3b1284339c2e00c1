package io.laurel.common;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.codecs.pojo.annotations.BsonId;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Numeric ids (userId, customerId, …) from one counter document per sequence, advanced with an atomic $inc. */
@ApplicationScoped
public class SequenceRepository implements ReactivePanacheMongoRepositoryBase<SequenceRepository.Counter, String> {

    @RegisterForReflection
    @MongoEntity(collection = "counters")
    public static class Counter {
        @BsonId
        public String id;
        public long seq;
    }

    private static final FindOneAndUpdateOptions UPSERT_AFTER = new FindOneAndUpdateOptions().upsert(true)
            .returnDocument(ReturnDocument.AFTER);

    /** The next value of {@code sequence}, starting at 1; unique across every replica sharing the database. */
    public Uni<Long> next(String sequence) {
        return mongoCollection().findOneAndUpdate(Filters.eq("_id", sequence), Updates.inc("seq", 1L), UPSERT_AFTER)
                .map(counter -> counter.seq)
                // Two first-ever upserts can race on the same _id; the loser simply increments the winner's document.
                .onFailure(SequenceRepository::isDuplicateKey).retry().atMost(1);
    }

    static final int DUPLICATE_KEY = 11000;

    public static boolean isDuplicateKey(Throwable t) {
        if (t instanceof MongoWriteException write) {
            return write.getError().getCode() == DUPLICATE_KEY;
        }
        return t instanceof MongoCommandException command && command.getErrorCode() == DUPLICATE_KEY;
    }

    /** An unordered bulk write whose only failures are duplicate keys (the others landed). */
    public static boolean isOnlyDuplicateKeys(Throwable t) {
        return t instanceof MongoBulkWriteException bulk && bulk.getWriteConcernError() == null
                && !bulk.getWriteErrors().isEmpty()
                && bulk.getWriteErrors().stream().allMatch(e -> e.getCode() == DUPLICATE_KEY);
    }

    /** The positions in the batch of the writes a bulk write refused ({@link #isOnlyDuplicateKeys} first). */
    public static Set<Integer> refusedIndexes(Throwable t) {
        return ((MongoBulkWriteException) t).getWriteErrors().stream().map(BulkWriteError::getIndex)
                .collect(Collectors.toSet());
    }
}
