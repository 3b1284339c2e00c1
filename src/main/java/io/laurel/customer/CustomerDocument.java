package io.laurel.customer;

import java.time.Instant;

import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;

@MongoEntity(collection = "customers")
public class CustomerDocument {
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
}
