package io.laurel.customer;

import java.time.Instant;
import java.util.List;

import org.bson.types.ObjectId;

import io.laurel.event.PendingEvents;
import io.quarkus.mongodb.panache.common.MongoEntity;

@MongoEntity(collection = CustomerDocument.COLLECTION)
public class CustomerDocument {
    public static final String COLLECTION = "customers";

    public ObjectId id;
    public long orgId;
    public long customerId;
    public String firstName;
    public String lastName;
    public String email;
    public String mobile;
    public String externalId;
    public String cardNumber;
    /** {@code orgId:value} of each identifier present; absent fields stay out of their sparse unique index. */
    public String emailKey;
    public String mobileKey;
    public String externalIdKey;
    public String cardNumberKey;
    public Instant createdOn;
    public String createdBy;
    /** The current status; absent until one is set (the customer reads as Active). */
    public Status status;
    /** Every status set, oldest first (the last {@link #HISTORY} kept), appended by the update that sets it. */
    public List<Status> statusHistory;
    /** The events its status changes raised (customer.status.changed) until published. */
    public PendingEvents events;

    static final int HISTORY = 100;

    public static class Status {
        public String label;
        public String reason;
        public String source;
        public Instant changedOn;
        public String changedBy;
    }
}
