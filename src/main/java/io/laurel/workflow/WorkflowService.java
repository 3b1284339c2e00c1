package io.laurel.workflow;

import static io.laurel.workflow.RequestStates.ADMIN_TASK;
import static io.laurel.workflow.RequestStates.APPROVED;
import static io.laurel.workflow.RequestStates.CANCELLED;
import static io.laurel.workflow.RequestStates.EXPIRED;
import static io.laurel.workflow.RequestStates.FORWARDING;
import static io.laurel.workflow.RequestStates.REJECTED;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.laurel.common.ApiException;
import io.laurel.common.ErrorCode;
import io.laurel.common.LaurelConfig;
import io.laurel.common.SecretBox;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.laurel.event.PendingEvents;
import io.laurel.identity.Caller;
import io.laurel.identity.OrgHeaderFilter;
import io.laurel.identity.Roles;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Maker-checker requests. A request is validated when made (the maker's role, then the payload: by the target itself,
 * over HTTP, in validate-only mode), waits in AdminTask for a checker until its deadline, and once approved its
 * IntouchAPITask is handed to {@link Forwards}, which sends it and records the outcome. Every change of state is one
 * conditional update on the request, so two checkers, a checker and a cancel, or a decision and the expiry, end a
 * waiting request once.
 */
// Eager: its deadlines are read from the settings at start-up, so a bad setting stops the start, not a request.
@Startup
@ApplicationScoped
public class WorkflowService {

    private static final Logger LOG = Logger.getLogger(WorkflowService.class);

    private final WorkflowRepository requests;
    private final Forwards forwards;
    private final SecretBox secrets;
    private final LaurelConfig.Workflow config;
    private final ObjectMapper json;
    private final ObjectMapper canonical;
    private final WorkflowMetrics metrics;
    private final Deadlines deadlines;

    WorkflowService(WorkflowRepository requests, Forwards forwards, SecretBox secrets, LaurelConfig config,
            ObjectMapper json, WorkflowMetrics metrics) {
        this.requests = requests;
        this.forwards = forwards;
        this.secrets = secrets;
        this.config = config.workflow();
        this.json = json;
        this.canonical = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        this.metrics = metrics;
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
                throw WorkflowRequests.invalidPayload("path must be " + type.target() + " for " + type.pathName(), "path");
            }
            if (!type.accepts(task.method())) {
                throw WorkflowRequests.invalidPayload("method must be " + type.method() + " for " + type.pathName(), "method");
            }
            Map<String, String> headers = task.headers() == null ? Map.of() : task.headers();
            PayloadHeaders.check(headers);
            String org = PayloadHeaders.get(headers, OrgHeaderFilter.ORG_HEADER);
            if (org != null && !org.trim().equals(Long.toString(caller.orgId()))) {
                throw ErrorCode.FORBIDDEN.exception("The payload's " + OrgHeaderFilter.ORG_HEADER
                        + " is not the maker's org", "payload.IntouchAPITask-Payload.headers");
            }
            return forwards.validate(type, task, headers, caller.orgId(), caller.userId())
                    .chain(() -> store(caller, type, request));
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
        doc.history.add(History.step(auto ? FORWARDING : ADMIN_TASK, "created", caller.userId(), caller.username(), now,
                null, null));
        if (auto) {
            doc.history.add(History.step(FORWARDING, APPROVED, null, null, now, "approved by the system (auto-approve)",
                    null));
        }
        doc.events = auto ? PendingEvents.of(WorkflowRequestDocument.COLLECTION, doc.id, now, WorkflowEvents.CREATED,
                WorkflowEvents.APPROVED) : PendingEvents.of(WorkflowRequestDocument.COLLECTION, doc.id, now,
                        WorkflowEvents.CREATED);
        if (auto) {
            doc.autoApproved = true;
            doc.actionDecision = APPROVED;
            doc.actionMessage = "approved by the system (auto-approve)";
            forwards.leaseFirstAttempt(doc, now);
        } else {
            doc.state = ADMIN_TASK;
            doc.pendingKey = pendingKey(doc.orgId, type, task.body());
        }
        return requests.persist(doc)
                .onFailure(SequenceRepository::isDuplicateKey).transform(e -> ErrorCode.CONFLICT.exception(
                        "An identical " + type.pathName() + " request is already waiting in AdminTask", "payload"))
                .invoke(saved -> metrics.entered(type.label(), auto ? FORWARDING : ADMIN_TASK))
                .chain(saved -> auto ? forwards.forward(saved) : Uni.createFrom().item(saved))
                .map(this::view);
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
                                        History.append(History.step(REJECTED, REJECTED, caller.userId(),
                                                caller.username(), now, admin.actionMessage(), null)),
                                        PendingEvents.raise(WorkflowRequestDocument.COLLECTION, doc.id,
                                                WorkflowEvents.REJECTED, now))
                                : Updates.combine(decided, Updates.set("state", FORWARDING),
                                        forwards.leasedNow(now),
                                        History.append(History.step(FORWARDING, APPROVED, caller.userId(),
                                                caller.username(), now, admin.actionMessage(), null)),
                                        PendingEvents.raise(WorkflowRequestDocument.COLLECTION, doc.id,
                                                WorkflowEvents.APPROVED, now));
                        return endWaiting(doc, now, next);
                    })
                    .invoke(doc -> metrics.entered(doc.requestType.label(), doc.state))
                    .chain(doc -> REJECTED.equals(doc.state) ? Uni.createFrom().item(doc) : forwards.forward(doc))
                    .map(this::view);
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
                            Updates.unset("pendingKey"), History.append(History.step(CANCELLED, CANCELLED,
                                    caller.userId(), caller.username(), now, message, null)),
                            PendingEvents.raise(WorkflowRequestDocument.COLLECTION, doc.id, WorkflowEvents.CANCELLED,
                                    now));
                    return endWaiting(doc, now, cancel);
                })
                .invoke(doc -> metrics.entered(doc.requestType.label(), CANCELLED))
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
                Updates.unset("pendingKey"), History.append(History.step(EXPIRED, EXPIRED, null, null, now,
                        "no checker decided within " + deadlines.text(doc.requestType), null)),
                PendingEvents.raise(WorkflowRequestDocument.COLLECTION, doc.id, WorkflowEvents.EXPIRED, now));
        return requests.updateIf(doc.requestId, Filters.eq("state", ADMIN_TASK), expire)
                .invoke(expired -> {
                    if (expired != null) {
                        LOG.infof("Request %s expired in AdminTask after %s", doc.requestId,
                                deadlines.text(doc.requestType));
                        metrics.entered(doc.requestType.label(), EXPIRED);
                    }
                });
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

    private WorkflowView view(WorkflowRequestDocument doc) {
        return WorkflowView.of(doc, json);
    }

    // ---- helpers ----

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

    private static ApiException notInAdminTask(String state) {
        return ErrorCode.INVALID_INPUT.exception("The request is not in AdminTask (" + state + ")", "requestId");
    }
}
