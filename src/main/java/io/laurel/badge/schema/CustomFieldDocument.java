package io.laurel.badge.schema;

import java.time.Instant;

import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/** An org's definition of a badge custom field: its name (unique in the org), type, default and whether required. */
@MongoEntity(collection = CustomFieldDocument.COLLECTION)
public class CustomFieldDocument {
    public static final String COLLECTION = "badge_custom_fields";

    public ObjectId id;
    public long orgId;
    public String name;
    public FieldType dataType;
    public boolean isMandatory;
    /** Null when there is none (the vendor's samples send "" for none). */
    public String defaultValue;
    public boolean isActive;
    public Instant createdOn;
    public Long createdBy;
    public Instant lastUpdatedOn;
    public Long lastUpdatedBy;
}
