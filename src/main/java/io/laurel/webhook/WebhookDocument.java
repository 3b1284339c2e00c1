package io.laurel.webhook;

import java.time.Instant;
import java.util.List;

import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A subscription of an org to events, delivered to one URL. */
@RegisterForReflection
@MongoEntity(collection = WebhookDocument.COLLECTION)
public class WebhookDocument {
    public static final String COLLECTION = "webhooks";

    public ObjectId id;
    public long orgId;
    public String url;
    public List<String> eventTypes;
    public boolean active;
    /** Its signing secrets, sealed at rest: the current one, and a rotated-out one until its grace period ends. */
    public List<SigningSecret> secrets;
    public Instant createdOn;
    public long createdBy;
    public Instant updatedOn;
    /** Set when Laurel paused it (active false) because its deliveries kept failing; cleared when made active. */
    public Instant pausedOn;
    public String pausedReason;

    @RegisterForReflection
    public static class SigningSecret {
        /** The secret, sealed with the webhook's id as associated data. */
        public String sealed;
        public Instant createdOn;
        /** When a rotated-out secret stops signing; null for the current one. */
        public Instant expiresOn;
    }
}
