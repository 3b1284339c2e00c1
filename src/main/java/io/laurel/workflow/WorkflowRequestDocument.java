package io.laurel.workflow;

import java.time.Instant;
import java.util.List;

import org.bson.types.ObjectId;

import io.laurel.event.PendingEvents;
import io.laurel.outbox.HttpSender;
import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A maker-checker request and the life of its IntouchAPITask. */
@MongoEntity(collection = WorkflowRequestDocument.COLLECTION)
public class WorkflowRequestDocument {
    public static final String COLLECTION = "workflow_requests";

    public ObjectId id;
    public String requestId;
    public long orgId;
    public RequestType requestType;
    public long userId;
    public String userName;
    public EntityInfo entityInfo;
    /** The IntouchAPITask-Payload as JSON; credential headers keep their names, with the mask as value. */
    public String task;
    /** The credential headers (name to value, as JSON) sealed with AES-GCM; never stored in clear. */
    public String sealedHeaders;
    /** Requests made before every credential was sealed: the Authorization header's name and sealed value. */
    public String authorizationHeader;
    public String authorizationSealed;
    public String state;
    public Instant startTime;
    public Instant endTime;
    /** Set while the request waits in AdminTask: a unique hash of org, type and task body, so a duplicate is 409. */
    public String pendingKey;
    public String actionDecision;
    public String actionMessage;
    public Long checkerUserId;
    public String checkerUserName;
    public boolean autoApproved;
    public Integer outputStatus;
    /** The target's answer headers, without credentials (see {@link HttpSender.Answer}); a list: names are not keys. */
    public List<OutputHeader> outputHeaders;
    public String outputBody;
    /** Forward attempts made (counted before each send, so a resend after a crash knows it is one). */
    public int attempts;
    public Instant nextAttemptAt;
    /** A replica sending the task holds it until then. */
    public Instant leaseUntil;
    public String leaseOwner;
    /** Events raised and not yet published (workflow.request.*); in their own queue, apart from the forward. */
    public PendingEvents events;

    @RegisterForReflection
    public static class EntityInfo {
        public String tillId;
        public String storeId;
        public String zoneId;
        public String conceptId;
    }

    @RegisterForReflection
    public static class OutputHeader {
        public String name;
        public List<String> values;
    }
}
