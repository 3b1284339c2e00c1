package io.laurel.points;

import java.time.Instant;
import java.util.List;

import org.bson.codecs.pojo.annotations.BsonId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * A customer's redemption account: the points redeemed so far, the one number a redemption checks and changes in a
 * single conditional update, so concurrent redemptions never take more than the customer's allocations. A redemption
 * sits in {@code pending} from that update until its ledger entry is written (then it is pulled); a crash in between
 * leaves it there for the settling sweep.
 */
@MongoEntity(collection = PointsAccountDocument.COLLECTION)
public class PointsAccountDocument {
    public static final String COLLECTION = "points_accounts";

    /** orgId:customerId. */
    @BsonId
    public String key;
    public long orgId;
    public long customerId;
    public long redeemed;
    public List<Pending> pending;

    static String key(long orgId, long customerId) {
        return orgId + ":" + customerId;
    }

    /** A redemption counted in {@code redeemed} whose ledger entry may not be written yet. */
    public static class Pending {
        public long createdId;
        public String referenceId;
        public String transactionNumber;
        public long points;
        public String notes;
        public String createdBy;
        public Instant at;
    }
}
