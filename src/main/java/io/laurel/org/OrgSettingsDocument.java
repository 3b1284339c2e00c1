package io.laurel.org;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An org's own settings; absent until first set (every setting then has its default). */
@RegisterForReflection
@MongoEntity(collection = OrgSettingsDocument.COLLECTION)
public class OrgSettingsDocument {
    public static final String COLLECTION = "org_settings";

    /** The orgId. */
    @BsonId
    public Long id;
    /** IANA time zone name; null means UTC. */
    public String timeZone;
    public Instant lastUpdatedOn;
    public Long lastUpdatedBy;
}
