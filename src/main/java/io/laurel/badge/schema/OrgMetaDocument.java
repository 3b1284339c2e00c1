package io.laurel.badge.schema;

import java.time.Instant;
import java.util.List;

import org.bson.codecs.pojo.annotations.BsonId;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An org's tag schema: the tag keys its badges may carry; one per org (its id is the org). */
@MongoEntity(collection = OrgMetaDocument.COLLECTION)
public class OrgMetaDocument {
    public static final String COLLECTION = "badge_org_meta";

    @BsonId
    public long orgId;
    public String id;
    public List<TagDefinition> tags;
    public Instant createdOn;
    public Long createdBy;
    public Instant lastUpdatedOn;
    public Long lastUpdatedBy;

    @RegisterForReflection
    public static class TagDefinition {
        public String key;
        public FieldType dataType;
        public String description;
        public boolean mandatory;
    }
}
