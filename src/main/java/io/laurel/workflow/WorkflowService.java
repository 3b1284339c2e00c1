package io.laurel.workflow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import io.laurel.common.ApiError;
import io.laurel.common.ApiException;
import io.laurel.common.ErrorCode;
import io.laurel.common.LaurelConfig;
import io.laurel.common.SecretBox;
import io.laurel.common.SequenceRepository;
import io.laurel.common.TargetUrl;
import io.laurel.common.Times;
import io.laurel.event.PendingEvents;
import io.laurel.identity.Caller;
import io.laurel.identity.OrgHeaderFilter;
import io.laurel.identity.LaurelAuthMechanism;
import io.laurel.identity.Roles;
import io.laurel.identity.UserService;
import io.laurel.outbox.HttpSender;
import io.laurel.outbox.Backoff;
import io.laurel.outbox.DueWork;
import io.laurel.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Maker-checker requests. A request is validated when made (the maker's role, then the payload: by the target itself,
 * over HTTP, in validate-only mode), waits in AdminTask for a checker, and once approved its IntouchAPITask is sent
 * over HTTP. Unanswered or failing sends are retried by a background forwarder that leases each task, so replicas
 * never send one at the same time; a resend is harmless because every target is idempotent on its requestId or
 * referenceId, and a resend answered "already used" means an earlier send took effect.
 */
@ApplicationScoped
public class WorkflowService {

    static final String ADMIN_TASK = "AdminTask";
    static final String FORWARDING = "IntouchAPITask";
    static final String APPROVED = "approved";
    static final String REJECTED = "rejected";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";
    static final String EXPIRED = "expired";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    /** A target's "already used" answers: on a resend they mean an earlier send was applied. */
    private static final Set<Integer> ALREADY_APPLIED = Set.of(ErrorCode.REQUEST_ID_USED.code(),
            ErrorCode.REFERENCE_EXISTS.code());
    private static final Logger LOG = Logger.getLogger(WorkflowService.class);

    private final WorkflowRepository requests;
    private final HttpSender forwarder;
    private final SecretBox secrets;
    private final InternalBase internal;
    private final LaurelConfig.Workflow config;
    private final ObjectMapper json;
    private final ObjectMapper canonical;
    private final MeterRegistry registry;
    /** Forwards due or being sent: the outbox's queue {@code workflow} (requests in IntouchAPITask). */
    private final DueWork<WorkflowRequestDocument> due;
    private final Deadlines deadlines;
    private final UserService users;

    WorkflowService(WorkflowRepository requests, HttpSender forwarder, SecretBox secrets, InternalBase internal,
            LaurelConfig config, ObjectMapper json, MeterRegistry registry, Outbox outbox, UserService users) {
        this.requests = requests;
        this.users = users;
        this.forwarder = forwarder;
        this.secrets = secrets;
        this.internal = internal;
        this.config = config.workflow();
        this.json = json;
        this.canonical = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        this.registry = registry;
        this.due = outbox.queue("workflow", requests::mongoCollection, Filters.eq("state", FORWARDING));
        this.deadlines = new Deadlines(this.config.expireAfter(), this.config.expireAfterByType().orElse(List.of()));
    }

    // ---- create ----

    public Uni<WorkflowView> create(Caller caller, String requestType, WorkflowRequests.Create request) {
        return Uni.createFrom().deferred(() -> {
            RequestType type = RequestType.parse(requestType);
            if (!caller.has(Roles.CAN_MAKE_REQUEST)) {
                throw ErrorCode.FORBIDDEN.exception("ValidateMakerAccess: the token needs CanMakeRequest", null);
            }
            WorkflowRequests.Task task = request.payload().task();
            if (!type.targets(task.path())) {
                throw payloadError("path must be " + type.target() + " for " + type.pathName(), "path");
            }
            if (!type.accepts(task.method())) {
                throw payloadError("method must be " + type.method() + " for " + type.pathName(), "method");
            }
            Map<String, String> headers = task.headers() == null ? Map.of() : task.headers();
            PayloadHeaders.check(headers);
            String org = PayloadHeaders.get(headers, OrgHeaderFilter.ORG_HEADER);
            if (org != null && !org.trim().equals(Long.toString(caller.orgId()))) {
                throw ErrorCode.FORBIDDEN.exception("The payload's " + OrgHeaderFilter.ORG_HEADER
                        + " is not the maker's org", "payload.IntouchAPITask-Payload.headers");
            }
            TargetUrl targets = targets();
            String origin = targets.resolve(task.hostname());
            return onBehalf(targets.isInternal(origin), sendHeaders(headers, caller.orgId()), caller.orgId(),
                    caller.userId())
                    .chain(send -> forwarder.send(type.method(), origin, task.path(), task.queryParams(), send,
                            task.body().toString(), true, PayloadHeaders::isSecret))
                    .onFailure().transform(e -> ErrorCode.TARGET_UNREACHABLE.exception(
                            "ValidatePayload: the target did not answer (" + e.getClass().getSimpleName() + ")", null))
                    .invoke(this::requireValid)
                    .chain(valid -> store(caller, type, request));
        });
    }

    private Uni<WorkflowView> store(Caller caller, RequestType type, WorkflowRequests.Create request) {
        Instant now = Times.now();
        WorkflowRequests.Task task = request.payload().task();
        WorkflowRequestDocument doc = new WorkflowRequestDocument();
        doc.requestId = UUID.randomUUID().toString();
        doc.orgId = caller.orgId();
        doc.requestType = type;
        doc.userId = caller.userId();
        doc.userName = caller.username();
        doc.entityInfo = entityInfo(request.entityInfo());
        // Credentials are sealed together, bound to this request; the task keeps their names with the mask.
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> secret = new LinkedHashMap<>();
        (task.headers() == null ? Map.<String, String>of() : task.headers()).forEach((name, value) -> {
            boolean hidden = PayloadHeaders.isSecret(name);
            headers.put(name, hidden ? PayloadHeaders.MASK : value);
            if (hidden) {
                secret.put(name, value);
            }
        });
        // Always set, even to an empty map: a request without it was stored by an earlier version.
        doc.sealedHeaders = secrets.seal(json.valueToTree(secret).toString(), doc.requestId);
        ObjectNode stored = json.createObjectNode();
        stored.put("hostname", task.hostname() == null ? "" : task.hostname());
        stored.put("path", task.path());
        stored.put("method", type.method());
        stored.set("pathParams", json.valueToTree(task.pathParams() == null ? Map.of() : task.pathParams()));
        stored.set("queryParams", json.valueToTree(task.queryParams() == null ? Map.of() : task.queryParams()));
        stored.set("body", task.body());
        stored.set("headers", json.valueToTree(headers));
        doc.task = stored.toString();
        doc.startTime = now;
        boolean auto = config.autoApprove().orElse(Set.of()).stream()
                .anyMatch(t -> t.trim().equalsIgnoreCase(type.pathName()));
        doc.id = new ObjectId();
        doc.history = new ArrayList<>();
        doc.history.add(transition(auto ? FORWARDING : ADMIN_TASK, "created", caller.userId(), caller.username(), now,
                null, null));
        if (auto) {
            doc.history.add(transition(FORWARDING, APPROVED, null, null, now, "approved by the system (auto-approve)",
                    null));
        }
        doc.events = auto ? PendingEvents.of(WorkflowRequestDocument.COLLECTION, doc.id, now, WorkflowEvents.CREATED,
                WorkflowEvents.APPROVED) : PendingEvents.of(WorkflowRequestDocument.COLLECTION, doc.id, now,
                        WorkflowEvents.CREATED);
        if (auto) {
            doc.autoApproved = true;
            doc.actionDecision = APPROVED;
            doc.actionMessage = "approved by the system (auto-approve)";
            leaseFirstAttempt(doc, now);
        } else {
            doc.state = ADMIN_TASK;
            doc.pendingKey = pendingKey(doc.orgId, type, task.body());
        }
        return requests.persist(doc)
                .onFailure(SequenceRepository::isDuplicateKey).transform(e -> ErrorCode.CONFLICT.exception(
                        "An identical " + type.pathName() + " request is already waiting in AdminTask", "payload"))
                .invoke(saved -> count(type.label(), auto ? FORWARDING : ADMIN_TASK))
                .chain(saved -> auto ? forward(saved) : Uni.createFrom().item(view(saved)));
    }

    // ---- decide ----

    public Uni<WorkflowView> decide(Caller caller, String requestType, WorkflowRequests.Decision decision) {
        return Uni.createFrom().deferred(() -> {
            RequestType type = RequestType.parse(requestType);
            if (!caller.has(Roles.CAN_CHECK_REQUEST)) {
                throw ErrorCode.FORBIDDEN.exception("ValidateCheckerAccess: the token needs CanCheckRequest", null);
            }
            if (!ADMIN_TASK.equals(decision.actionName())) {
                throw ErrorCode.INVALID_INPUT.exception("actionName must be AdminTask", "actionName");
            }
            WorkflowRequests.AdminTask admin = decision.payload().adminTask();
            String verdict = admin.actionDecision().trim().toLowerCase(Locale.ROOT);
            if (!verdict.equals(APPROVED) && !verdict.equals(REJECTED)) {
                throw ErrorCode.INVALID_INPUT.exception("actionDecision must be approved or rejected",
                        "payload.AdminTask-Payload.actionDecision");
            }
            return requests.findInOrg(caller.orgId(), decision.requestId())
                    .onItem().ifNull().failWith(() -> ErrorCode.NOT_FOUND.exception("No such request", "requestId"))
                    .chain(doc -> {
                        if (doc.requestType != type) {
                            throw ErrorCode.INVALID_INPUT.exception("The request is a " + doc.requestType.pathName()
                                    + " request", "requestType");
                        }
                        if (doc.userId == caller.userId()) {
                            throw ErrorCode.FORBIDDEN.exception("The maker of a request cannot check it", "requestId");
                        }
                        Instant now = Times.now();
                        Bson decided = Updates.combine(Updates.set("actionDecision", verdict),
                                Updates.set("actionMessage", admin.actionMessage()),
                                Updates.set("checkerUserId", caller.userId()),
                                Updates.set("checkerUserName", caller.username()), Updates.unset("pendingKey"));
                        Bson next = verdict.equals(REJECTED)
                                ? Updates.combine(decided, Updates.set("state", REJECTED), Updates.set("endTime", now),
                                        recorded(transition(REJECTED, REJECTED, caller.userId(), caller.username(),
                                                now, admin.actionMessage(), null)),
                                        PendingEvents.raise(WorkflowRequestDocument.COLLECTION, doc.id,
                                                WorkflowEvents.REJECTED, now))
                                : Updates.combine(decided, Updates.set("state", FORWARDING),
                                        due.heldNow(now, config.lease()),
                                        recorded(transition(FORWARDING, APPROVED, caller.userId(), caller.username(),
                                                now, admin.actionMessage(), null)),
                                        PendingEvents.raise(WorkflowRequestDocument.COLLECTION, doc.id,
                                                WorkflowEvents.APPROVED, now));
                        return endWaiting(doc, now, next);
                    })
                    .invoke(doc -> count(doc.requestType.label(), doc.state))
                    .chain(doc -> REJECTED.equals(doc.state) ? Uni.createFrom().item(view(doc)) : forward(doc));
        });
    }

    // ---- cancel ----

    /**
     * Cancels a request still waiting in AdminTask: its maker or an OrgAdmin may; it ends {@code cancelled} and is
     * never forwarded. Only the update that still finds it in AdminTask cancels it (a checker deciding at the same
     * instant wins or loses as a whole).
     */
    public Uni<WorkflowView> cancel(Caller caller, String requestId, String message) {
        return requests.findInOrg(caller.orgId(), requestId)
                .onItem().ifNull().failWith(() -> ErrorCode.NOT_FOUND.exception("No such request", "requestId"))
                .chain(doc -> {
                    boolean admin = caller.has(Roles.ORG_ADMIN) || caller.has(Roles.PLATFORM_ADMIN);
                    if (doc.userId != caller.userId() && !admin) {
                        throw ErrorCode.FORBIDDEN.exception("Only the request's maker or an OrgAdmin can cancel it",
                                "requestId");
                    }
                    Instant now = Times.now();
                    Bson cancel = Updates.combine(Updates.set("state", CANCELLED), Updates.set("endTime", now),
                            Updates.unset("pendingKey"), recorded(transition(CANCELLED, CANCELLED, caller.userId(),
                                    caller.username(), now, message, null)),
                            PendingEvents.raise(WorkflowRequestDocument.COLLECTION, doc.id, WorkflowEvents.CANCELLED,
                                    now));
                    return endWaiting(doc, now, cancel);
                })
                .invoke(doc -> count(doc.requestType.label(), CANCELLED))
                .map(this::view);
    }

    /**
     * Applies {@code change} to a request waiting in AdminTask (a decision or a cancel): a 400 when it is no longer
     * there; past its deadline it expires instead, whatever is asked (fail closed). Only the update that still finds
     * it in AdminTask applies: two checkers, or a checker and a cancel, at the same instant end it once.
     */
    private Uni<WorkflowRequestDocument> endWaiting(WorkflowRequestDocument doc, Instant now, Bson change) {
        if (!ADMIN_TASK.equals(doc.state)) {
            return Uni.createFrom().failure(notInAdminTask(doc.state));
        }
        if (deadlines.passed(doc.requestType, doc.startTime, now)) {
            return expire(doc, now).chain(() -> Uni.createFrom().failure(notInAdminTask(EXPIRED)));
        }
        return requests.updateIf(doc.requestId, Filters.eq("state", ADMIN_TASK), change)
                .onItem().ifNull().failWith(() -> notInAdminTask("already decided"));
    }

    // ---- deadlines ----

    @Scheduled(every = "${laurel.workflow.expiry-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expireDue() {
        return expireOverdue(1_000).replaceWithVoid();
    }

    /**
     * Ends {@code expired} every request (up to {@code max}) still in AdminTask past its deadline; answers how many
     * this call expired. Each is one conditional update, so replicas racing each other (or a checker) expire it once.
     */
    Uni<Integer> expireOverdue(int max) {
        Instant now = Times.now();
        return requests.mongoCollection().find(Filters.eq("state", ADMIN_TASK)).select()
                .where(doc -> deadlines.passed(doc.requestType, doc.startTime, now)).select().first(max)
                .onItem().transformToUniAndConcatenate(doc -> expire(doc, now))
                .collect().with(java.util.stream.Collectors.summingInt(expired -> expired == null ? 0 : 1));
    }

    /** Expires the request if it is still in AdminTask; null when something else ended it first. */
    private Uni<WorkflowRequestDocument> expire(WorkflowRequestDocument doc, Instant now) {
        Bson expire = Updates.combine(Updates.set("state", EXPIRED), Updates.set("endTime", now),
                Updates.unset("pendingKey"), recorded(transition(EXPIRED, EXPIRED, null, null, now,
                        "no checker decided within " + deadlines.text(doc.requestType), null)),
                PendingEvents.raise(WorkflowRequestDocument.COLLECTION, doc.id, WorkflowEvents.EXPIRED, now));
        return requests.updateIf(doc.requestId, Filters.eq("state", ADMIN_TASK), expire)
                .invoke(expired -> {
                    if (expired != null) {
                        LOG.infof("Request %s expired in AdminTask after %s", doc.requestId,
                                deadlines.text(doc.requestType));
                        count(doc.requestType.label(), EXPIRED);
                    }
                });
    }

    private static WorkflowRequestDocument.Transition transition(String state, String action, Long userId,
            String userName, Instant at, String message, Integer outputStatus) {
        WorkflowRequestDocument.Transition transition = new WorkflowRequestDocument.Transition();
        transition.state = state;
        transition.action = action;
        transition.userId = userId;
        transition.userName = userName;
        transition.at = at;
        transition.message = message;
        transition.outputStatus = outputStatus;
        return transition;
    }

    /** The update that appends {@code transition} to the request's history. */
    private static Bson recorded(WorkflowRequestDocument.Transition transition) {
        Document entry = new Document("state", transition.state).append("action", transition.action);
        if (transition.userId != null) {
            entry.append("userId", transition.userId).append("userName", transition.userName);
        }
        entry.append("at", Date.from(transition.at));
        if (transition.message != null) {
            entry.append("message", transition.message);
        }
        if (transition.outputStatus != null) {
            entry.append("outputStatus", transition.outputStatus);
        }
        return Updates.push("history", entry);
    }

    // ---- forward ----

    /** One send of a task this instance holds the lease of, and the state it leads to. */
    private Uni<WorkflowView> forward(WorkflowRequestDocument doc) {
        ObjectNode task;
        String origin;
        boolean internalTarget;
        try {
            task = (ObjectNode) json.readTree(doc.task);
            TargetUrl targets = targets();
            origin = targets.resolve(task.path("hostname").asText(""));
            internalTarget = targets.isInternal(origin);
        } catch (JsonProcessingException | ApiException e) {
            // The allow-list changed since the request was made: checked again before every send.
            return finish(doc, FAILED, HttpSender.Answer.none(reason("target no longer allowed: " + e.getMessage())));
        }
        Map<String, String> headers;
        try {
            headers = openHeaders(doc, task.path("headers"));
        } catch (IllegalStateException | IllegalArgumentException | JsonProcessingException e) {
            // Retrying cannot help: the key that sealed them is gone. The request ends instead of being leased forever.
            LOG.errorf("Request %s: its sealed headers cannot be opened (%s); it ends failed", doc.requestId,
                    e.getMessage());
            return finish(doc, FAILED, HttpSender.Answer.none(reason("the sealed credentials of this request cannot be "
                    + "opened: LAUREL_WORKFLOW_ENCRYPTION_KEY changed since it was made")));
        }
        Map<String, Object> query = json.convertValue(task.path("queryParams"), Map.class);
        return onBehalf(internalTarget, sendHeaders(headers, doc.orgId), doc.orgId, doc.userId)
                .chain(send -> {
                    Timer.Sample timing = Timer.start(registry);
                    return forwarder.send(doc.requestType.method(), origin, task.path("path").asText(), query, send,
                            task.path("body").toString(), false, PayloadHeaders::isSecret)
                            .onItemOrFailure().invoke((answer, failure) -> timing.stop(registry.timer(
                                    "laurel.workflow.forward", "type", doc.requestType.pathName(), "result",
                                    forwardResult(answer))));
                })
                .onItem().transformToUni(answer -> {
                    boolean itemErrors = hasItemErrors(answer.body());
                    if (answer.success() && !itemErrors) {
                        return finish(doc, APPROVED, answer);
                    }
                    // A refusal, also when it comes as a 2xx whose envelope carries errors (the platform's way).
                    if (answer.refused() || answer.success()) {
                        boolean applied = doc.attempts > 1 && ALREADY_APPLIED.contains(errorCode(answer.body()));
                        return finish(doc, applied ? APPROVED : FAILED, answer);
                    }
                    return retryLater(doc, answer);
                })
                .onFailure().recoverWithUni(e -> retryLater(doc,
                        HttpSender.Answer.none(reason("no answer: " + e.getClass().getSimpleName()))));
    }

    /** The forward's outcome as its timer's tag: success, refused (4xx), error (5xx) or unanswered. */
    static String forwardResult(HttpSender.Answer answer) {
        return answer == null ? "unanswered" : answer.success() ? "success" : answer.refused() ? "refused" : "error";
    }

    private Uni<WorkflowView> finish(WorkflowRequestDocument doc, String state, HttpSender.Answer answer) {
        LOG.infof("Request %s %s after %d attempt(s), target answered %d", doc.requestId, state, doc.attempts,
                answer.status());
        Instant now = Times.now();
        return settled(doc, due.end(Filters.eq("requestId", doc.requestId), Updates.combine(
                Updates.set("state", state), Updates.set("endTime", now), output(answer),
                recorded(transition(state, APPROVED.equals(state) ? "completed" : FAILED, null, null, now,
                        answer.status() == 0 ? answer.body() : null, answer.status())),
                PendingEvents.raise(WorkflowRequestDocument.COLLECTION, doc.id,
                        APPROVED.equals(state) ? WorkflowEvents.COMPLETED : WorkflowEvents.FAILED, now))))
                .invoke(settled -> {
                    if (settled.changed()) {
                        count(doc.requestType.label(), state);
                    }
                })
                .map(Settled::view);
    }

    /** The answer as stored: status, kept headers, body. */
    private static Bson output(HttpSender.Answer answer) {
        List<WorkflowRequestDocument.OutputHeader> headers = new ArrayList<>();
        answer.headers().forEach((name, values) -> {
            WorkflowRequestDocument.OutputHeader header = new WorkflowRequestDocument.OutputHeader();
            header.name = name;
            header.values = values;
            headers.add(header);
        });
        return Updates.combine(Updates.set("outputStatus", answer.status()), Updates.set("outputHeaders", headers),
                Updates.set("outputBody", answer.body()));
    }

    private Uni<WorkflowView> retryLater(WorkflowRequestDocument doc, HttpSender.Answer answer) {
        int status = answer.status();
        if (doc.attempts >= config.maxAttempts()) {
            return finish(doc, FAILED, answer);
        }
        long delay = new Backoff(config.retryDelay(), config.retryMaxDelay(), false).after(doc.attempts, 0).toMillis();
        LOG.infof("Request %s not sent on attempt %d of %d (target answered %s); next attempt in %d ms", doc.requestId,
                doc.attempts, config.maxAttempts(), status == 0 ? "nothing" : Integer.toString(status), delay);
        return settled(doc, due.retryAt(Filters.eq("requestId", doc.requestId),
                Times.now().plus(Duration.ofMillis(delay)), output(answer))).map(Settled::view);
    }

    /** The request after an outcome was recorded, and whether this instance recorded it. */
    private record Settled(WorkflowView view, boolean changed) {
    }

    /** An outcome the outbox recorded only while this instance still held the task (null: another had it by then). */
    private Uni<Settled> settled(WorkflowRequestDocument doc, Uni<WorkflowRequestDocument> recorded) {
        return recorded
                .chain(updated -> updated != null ? Uni.createFrom().item(new Settled(view(updated), true))
                        : requests.findInOrg(doc.orgId, doc.requestId).map(current -> new Settled(view(current), false)));
    }

    /**
     * Seals the credentials that requests stored by earlier versions kept in clear (only Authorization was sealed
     * then). Idempotent, and a replica racing another only seals the same values twice.
     */
    void sealEarlierRequests(@Observes @Priority(40) StartupEvent event) {
        // On the main thread at start-up, never an event loop; after the first start this finds nothing.
        List<WorkflowRequestDocument> earlier = requests.find("sealedHeaders", (Object) null).list()
                .await().atMost(Duration.ofSeconds(60));
        int sealed = 0;
        List<WriteModel<WorkflowRequestDocument>> writes = new ArrayList<>();
        for (WorkflowRequestDocument doc : earlier) {
            JsonNode task;
            try {
                task = json.readTree(doc.task);
            } catch (JsonProcessingException e) {
                continue;
            }
            Map<String, String> secret = new LinkedHashMap<>();
            if (task.path("headers") instanceof ObjectNode headers) {
                headers.fields().forEachRemaining(h -> {
                    if (PayloadHeaders.isSecret(h.getKey()) && !PayloadHeaders.MASK.equals(h.getValue().asText())) {
                        secret.put(h.getKey(), h.getValue().asText());
                    }
                });
                secret.keySet().forEach(name -> headers.put(name, PayloadHeaders.MASK));
            }
            writes.add(new UpdateOneModel<>(Filters.and(Filters.eq("requestId", doc.requestId),
                    Filters.exists("sealedHeaders", false)), Updates.combine(Updates.set("task", task.toString()),
                    Updates.set("sealedHeaders", secrets.seal(json.valueToTree(secret).toString(), doc.requestId)))));
            sealed += secret.isEmpty() ? 0 : 1;
        }
        if (!writes.isEmpty()) {
            requests.mongoCollection().bulkWrite(writes).await().atMost(Duration.ofSeconds(60));
        }
        if (sealed > 0) {
            LOG.infof("Sealed the credentials of %d workflow requests stored by an earlier version", sealed);
        }
    }

    /** Sends the due tasks of every replica's requests, one lease at a time. */
    @Scheduled(every = "${laurel.workflow.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forwardDue() {
        return drain(100);
    }

    /** Forwards up to {@code left} due tasks; exposed so tests and operators can run a round at once. */
    public Uni<Void> drain(int left) {
        return due.drain(left, config.lease(), this::forward);
    }

    // ---- read ----

    public Uni<WorkflowView> get(Caller caller, String requestId) {
        return requests.findInOrg(caller.orgId(), requestId)
                .onItem().ifNull().failWith(() -> ErrorCode.NOT_FOUND.exception("No such request", "requestId"))
                .map(this::view);
    }

    public Uni<WorkflowView.Page> list(Caller caller, WorkflowQuery query) {
        Bson filter = query.filter(caller.orgId());
        return Uni.combine().all().unis(
                requests.mongoCollection().find(filter, new FindOptions().sort(query.sort())
                        .skip(query.paging().skip()).limit(query.paging().size())).collect().asList(),
                requests.mongoCollection().countDocuments(filter))
                .with((page, total) -> WorkflowView.Page.of(page.stream().map(this::view).toList(),
                        query.paging(), total));
    }

    WorkflowView view(WorkflowRequestDocument doc) {
        JsonNode task;
        try {
            task = json.readTree(doc.task);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored task is not JSON", e);
        }
        if (task.path("headers") instanceof ObjectNode headers) {
            // Records written before every credential was sealed: masked here too.
            List<String> secret = new ArrayList<>();
            headers.fieldNames().forEachRemaining(name -> {
                if (PayloadHeaders.isSecret(name)) {
                    secret.add(name);
                }
            });
            secret.forEach(name -> headers.put(name, PayloadHeaders.MASK));
            if (doc.authorizationHeader != null) {
                headers.put(doc.authorizationHeader, PayloadHeaders.MASK);
            }
        }
        boolean decided = doc.actionDecision != null;
        WorkflowRequests.EntityInfo entity = doc.entityInfo == null ? null : new WorkflowRequests.EntityInfo(
                doc.entityInfo.tillId, doc.entityInfo.storeId, doc.entityInfo.zoneId, doc.entityInfo.conceptId);
        return new WorkflowView(doc.requestId, doc.userId, doc.userName, doc.requestType.label(), doc.state,
                TIME.format(doc.startTime), doc.endTime == null ? null : TIME.format(doc.endTime), entity,
                new WorkflowView.Details(task, true, true,
                        decided ? new WorkflowRequests.AdminTask(doc.actionDecision, doc.actionMessage) : null,
                        doc.actionDecision, decided ? Boolean.TRUE : null,
                        doc.outputStatus == null ? null : WorkflowView.Output.of(doc.outputStatus,
                                outputHeaders(doc.outputHeaders), body(doc.outputBody))),
                doc.history == null ? List.of() : doc.history.stream().map(t -> new WorkflowView.Transition(t.state,
                        t.action, t.userId, t.userName, t.at == null ? null : TIME.format(t.at), t.message,
                        t.outputStatus)).toList());
    }

    // ---- helpers ----

    private static Map<String, List<String>> outputHeaders(List<WorkflowRequestDocument.OutputHeader> stored) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (stored != null) {
            stored.forEach(h -> headers.put(h.name, h.values));
        }
        return headers;
    }

    private TargetUrl targets() {
        return new TargetUrl(config.internalBaseUrl().filter(u -> !u.isBlank()).orElseGet(internal::url),
                config.allowedHosts().orElse(List.of()));
    }

    private void leaseFirstAttempt(WorkflowRequestDocument doc, Instant now) {
        doc.state = FORWARDING;
        doc.attempts = 1;
        doc.nextAttemptAt = now;
        doc.leaseOwner = due.owner();
        doc.leaseUntil = now.plus(config.lease());
    }

    /** The headers of a stored task with its sealed credentials opened again. */
    private Map<String, String> openHeaders(WorkflowRequestDocument doc, JsonNode stored) throws JsonProcessingException {
        Map<String, String> headers = new LinkedHashMap<>();
        stored.fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        if (doc.sealedHeaders != null) {
            json.readTree(secrets.open(doc.sealedHeaders, doc.requestId)).fields()
                    .forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        }
        if (doc.authorizationSealed != null) { // a request stored before every credential was sealed
            headers.put(doc.authorizationHeader, secrets.open(doc.authorizationSealed, doc.requestId));
        }
        return headers;
    }

    /**
     * The headers to send to this service itself when the payload carries no credentials of its own (a request made in
     * the console, or by a maker who would rather not put a password in a payload): the task is sent with a token of
     * the maker, minted for this one send, so it acts with the maker's rights as they are now (a maker removed or
     * deactivated since is refused by the target). Never for another host.
     */
    private Uni<Map<String, String>> onBehalf(boolean internalTarget, Map<String, String> headers, long orgId,
            long makerId) {
        if (!internalTarget || headers.keySet().stream().anyMatch(PayloadHeaders::isCredential)) {
            return Uni.createFrom().item(headers);
        }
        return users.tokenOnBehalfOf(orgId, makerId).map(token -> {
            if (token == null) {
                return headers;
            }
            Map<String, String> send = new LinkedHashMap<>(headers);
            send.put(LaurelAuthMechanism.OAUTH_TOKEN_HEADER, token);
            return send;
        });
    }

    /** The headers to send: the payload's, and the org when the payload names none. */
    private static Map<String, String> sendHeaders(Map<String, String> headers, long orgId) {
        Map<String, String> send = new LinkedHashMap<>(headers);
        if (PayloadHeaders.get(send, OrgHeaderFilter.ORG_HEADER) == null) {
            send.put(OrgHeaderFilter.ORG_HEADER, Long.toString(orgId));
        }
        return send;
    }

    private String reason(String text) {
        return json.createObjectNode().put("error", text).toString();
    }

    /**
     * The validate-only answer: a 2xx without errors in its envelope passes; the target's own refusal becomes this
     * call's, with its codes.
     */
    private void requireValid(HttpSender.Answer answer) {
        if (answer.success() && !hasItemErrors(answer.body())) {
            return;
        }
        if (answer.status() == 403) {
            throw ErrorCode.FORBIDDEN.exception("ValidatePayload: the target refused the payload's org", null);
        }
        if (answer.status() == 401) {
            throw payloadError("the target refused the payload's Authorization", "headers");
        }
        throw new PayloadRefused(targetErrors(answer));
    }

    /** The target's refusal, passed on with its own error items. */
    static final class PayloadRefused extends ApiException {
        final List<ApiError> errors;

        PayloadRefused(List<ApiError> errors) {
            super(ErrorCode.INVALID_INPUT, "ValidatePayload: the target refused the body", "payload");
            this.errors = errors;
        }

        @Override
        public List<ApiError> errors() {
            return errors;
        }
    }

    private List<ApiError> targetErrors(HttpSender.Answer answer) {
        try {
            JsonNode errors = json.readTree(answer.body()).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                return json.convertValue(errors, new TypeReference<>() {
                });
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // not the envelope: reported below
        }
        return List.of(ApiError.of(ErrorCode.INVALID_INPUT, "ValidatePayload: the target answered " + answer.status(),
                "payload"));
    }

    /** Whether an answer's body is an envelope whose {@code errors} is not empty (a refusal, whatever the status). */
    private boolean hasItemErrors(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            JsonNode errors = json.readTree(body).path("errors");
            return errors.isArray() && !errors.isEmpty();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private int errorCode(String body) {
        try {
            return json.readTree(body).path("errors").path(0).path("code").asInt(-1);
        } catch (JsonProcessingException e) {
            return -1;
        }
    }

    private JsonNode body(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    private String pendingKey(long orgId, RequestType type, JsonNode body) {
        try {
            String canonicalBody = canonical.writeValueAsString(json.convertValue(body, Map.class));
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((orgId + "|" + type.name() + "|" + canonicalBody).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a JSON body", e);
        }
    }

    private static WorkflowRequestDocument.EntityInfo entityInfo(WorkflowRequests.EntityInfo info) {
        WorkflowRequestDocument.EntityInfo entity = new WorkflowRequestDocument.EntityInfo();
        entity.tillId = info.tillId();
        entity.storeId = info.storeId();
        entity.zoneId = info.zoneId();
        entity.conceptId = info.conceptId();
        return entity;
    }

    private static ApiException payloadError(String message, String field) {
        return ErrorCode.INVALID_INPUT.exception("ValidatePayload: " + message,
                "payload.IntouchAPITask-Payload." + field);
    }

    private static ApiException notInAdminTask(String state) {
        return ErrorCode.INVALID_INPUT.exception("The request is not in AdminTask (" + state + ")", "requestId");
    }

    private void count(String type, String state) {
        registry.counter("laurel.workflow.requests", "type", type, "state", state).increment();
    }
}
