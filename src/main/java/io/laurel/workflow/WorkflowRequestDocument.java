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
    /**
     * Every transition of the request, in order: appended by the very update that makes it (never by a second write),
     * never changed. Null for requests made before the history was kept.
     */
    public List<Transition> history;
    /** Events raised and not yet published (workflow.request.*); in their own queue, apart from the forward. */
    public PendingEvents events;

    @RegisterForReflection
    public static class EntityInfo {
        public String tillId;
        public String storeId;
        public String zoneId;
        public String conceptId;
    }

    /** One transition: the state it led to, what happened, who did it (null: the system), when, and why. */
    @RegisterForReflection
    public static class Transition {
        public String state;
        public String action;
        public Long userId;
        public String userName;
        public Instant at;
        public String message;
        /** What the task's target answered, for the transitions that sent it. */
        public Integer outputStatus;
    }

    @RegisterForReflection
    public static class OutputHeader {
        public String name;
        public List<String> values;
    }
}
