package io.laurel.webhook;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One message to one subscription, and its delivery: pending (due in the outbox's queue {@code webhooks}), delivered
 * or failed. Its id is the message's {@code webhook-id}, the same on every attempt, so receivers drop repeats by it.
 */
@RegisterForReflection
@MongoEntity(collection = DeliveryDocument.COLLECTION)
public class DeliveryDocument {
    public static final String COLLECTION = "webhook_deliveries";
    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    @BsonId
    public String id;
    public long orgId;
    public ObjectId webhookId;
    /** The event it delivers ({@code evt_…}, its body's {@code id}); every subscription gets the same one. */
    public String eventId;
    public String eventType;
    /** The message as sent, byte for byte (the signature covers it). */
    public String body;
    public String state;
    public Instant createdOn;
    /** When its retry period began: its creation, or the last retry a client asked for. */
    public Instant retryingSince;
    // The outbox's fields (DueWork).
    public int attempts;
    public Instant nextAttemptAt;
    public Instant leaseUntil;
    public String leaseOwner;
    // The last attempt.
    public Instant lastAttemptOn;
    /** The receiver's status, 0 when it did not answer. */
    public int lastStatus;
    /** The receiver's answer (or why there was none), cut at 1 KiB. */
    public String lastAnswer;
    public Instant endedOn;
}
