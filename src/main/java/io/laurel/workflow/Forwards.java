package io.laurel.workflow;

import static io.laurel.workflow.RequestStates.APPROVED;
import static io.laurel.workflow.RequestStates.FAILED;
import static io.laurel.workflow.RequestStates.FORWARDING;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.laurel.common.ApiException;
import io.laurel.common.ErrorCode;
import io.laurel.common.LaurelConfig;
import io.laurel.common.SecretBox;
import io.laurel.common.TargetUrl;
import io.laurel.common.Times;
import io.laurel.event.PendingEvents;
import io.laurel.identity.LaurelAuthMechanism;
import io.laurel.identity.OrgHeaderFilter;
import io.laurel.identity.UserService;
import io.laurel.outbox.Backoff;
import io.laurel.outbox.DueWork;
import io.laurel.outbox.HttpSender;
import io.laurel.outbox.Outbox;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Sending tasks to their targets: the validate-only send when a request is made, and the send of an approved task.
 * Approved tasks wait in the outbox's queue {@code workflow} (requests in IntouchAPITask); each send happens under a
 * lease, so replicas never send one at the same time, and unanswered or failing sends are retried with backoff. A
 * resend is harmless because every target is idempotent on its requestId or referenceId.
 */
@ApplicationScoped
public class Forwards {

    private static final Logger LOG = Logger.getLogger(Forwards.class);

    private final WorkflowRepository requests;
    private final HttpSender sender;
    private final SecretBox secrets;
    private final InternalBase internal;
    private final UserService users;
    private final LaurelConfig.Workflow config;
    private final ObjectMapper json;
    private final TargetAnswers answers;
    private final WorkflowMetrics metrics;
    /** Forwards due or being sent: requests in IntouchAPITask. */
    private final DueWork<WorkflowRequestDocument> due;

    Forwards(WorkflowRepository requests, HttpSender sender, SecretBox secrets, InternalBase internal,
            UserService users, LaurelConfig config, ObjectMapper json, WorkflowMetrics metrics, Outbox outbox) {
        this.requests = requests;
        this.sender = sender;
        this.secrets = secrets;
        this.internal = internal;
        this.users = users;
        this.config = config.workflow();
        this.json = json;
        this.answers = new TargetAnswers(json);
        this.metrics = metrics;
        this.due = outbox.queue("workflow", requests::mongoCollection, Filters.eq("state", FORWARDING));
    }

    /**
     * ValidatePayload: sends the task in validate-only mode to its target (which must be allowed), with the maker's
     * org; a refusal fails with the target's own codes, no answer with TARGET_UNREACHABLE.
     */
    Uni<Void> validate(RequestType type, WorkflowRequests.Task task, Map<String, String> headers, long orgId,
            long makerId) {
        return Uni.createFrom().deferred(() -> {
            TargetUrl targets = targets();
            String origin = targets.resolve(task.hostname());
            return onBehalf(targets.isInternal(origin), sendHeaders(headers, orgId), orgId, makerId)
                    .chain(send -> sender.send(type.method(), origin, task.path(), task.queryParams(), send,
                            task.body().toString(), true, PayloadHeaders::isSecret))
                    .onFailure().transform(e -> ErrorCode.TARGET_UNREACHABLE.exception(
                            "ValidatePayload: the target did not answer (" + e.getClass().getSimpleName() + ")", null))
                    .invoke(answers::requireValid)
                    .replaceWithVoid();
        });
    }

    /** Makes a new request's first attempt due now, leased by this instance (the request is sent at once). */
    void leaseFirstAttempt(WorkflowRequestDocument doc, Instant now) {
        doc.state = FORWARDING;
        doc.attempts = 1;
        doc.nextAttemptAt = now;
        doc.leaseOwner = due.owner();
        doc.leaseUntil = now.plus(config.lease());
    }

    /** The update that makes an approved request's first attempt due now, leased by this instance. */
    Bson leasedNow(Instant now) {
        return due.heldNow(now, config.lease());
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

    /** One send of a task this instance holds the lease of; the request once its outcome is recorded. */
    Uni<WorkflowRequestDocument> forward(WorkflowRequestDocument doc) {
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
                    Timer.Sample timing = metrics.startForward();
                    return sender.send(doc.requestType.method(), origin, task.path("path").asText(), query, send,
                            task.path("body").toString(), false, PayloadHeaders::isSecret)
                            .onItemOrFailure().invoke((answer, failure) -> metrics.forwarded(timing, doc.requestType,
                                    answer));
                })
                .onItem().transformToUni(answer -> switch (answers.outcome(answer, doc.attempts)) {
                    case APPLIED -> finish(doc, APPROVED, answer);
                    case REFUSED -> finish(doc, FAILED, answer);
                    case TRY_AGAIN -> retryLater(doc, answer);
                })
                .onFailure().recoverWithUni(e -> retryLater(doc,
                        HttpSender.Answer.none(reason("no answer: " + e.getClass().getSimpleName()))));
    }

    private Uni<WorkflowRequestDocument> finish(WorkflowRequestDocument doc, String state, HttpSender.Answer answer) {
        LOG.infof("Request %s %s after %d attempt(s), target answered %d", doc.requestId, state, doc.attempts,
                answer.status());
        Instant now = Times.now();
        return settled(doc, due.end(Filters.eq("requestId", doc.requestId), Updates.combine(
                Updates.set("state", state), Updates.set("endTime", now), output(answer),
                History.append(History.step(state, APPROVED.equals(state) ? "completed" : FAILED, null, null, now,
                        answer.status() == 0 ? answer.body() : null, answer.status())),
                PendingEvents.raise(WorkflowRequestDocument.COLLECTION, doc.id,
                        APPROVED.equals(state) ? WorkflowEvents.COMPLETED : WorkflowEvents.FAILED, now))))
                .invoke(settled -> {
                    if (settled.changed()) {
                        metrics.entered(doc.requestType.label(), state);
                    }
                })
                .map(Settled::request);
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

    private Uni<WorkflowRequestDocument> retryLater(WorkflowRequestDocument doc, HttpSender.Answer answer) {
        int status = answer.status();
        if (doc.attempts >= config.maxAttempts()) {
            return finish(doc, FAILED, answer);
        }
        long delay = new Backoff(config.retryDelay(), config.retryMaxDelay(), false).after(doc.attempts, 0).toMillis();
        LOG.infof("Request %s not sent on attempt %d of %d (target answered %s); next attempt in %d ms", doc.requestId,
                doc.attempts, config.maxAttempts(), status == 0 ? "nothing" : Integer.toString(status), delay);
        return settled(doc, due.retryAt(Filters.eq("requestId", doc.requestId),
                Times.now().plus(Duration.ofMillis(delay)), output(answer))).map(Settled::request);
    }

    /** The request after an outcome was recorded, and whether this instance recorded it. */
    private record Settled(WorkflowRequestDocument request, boolean changed) {
    }

    /** An outcome the outbox recorded only while this instance still held the task (null: another had it by then). */
    private Uni<Settled> settled(WorkflowRequestDocument doc, Uni<WorkflowRequestDocument> recorded) {
        return recorded.chain(updated -> updated != null ? Uni.createFrom().item(new Settled(updated, true))
                : requests.findInOrg(doc.orgId, doc.requestId).map(current -> new Settled(current, false)));
    }

    private TargetUrl targets() {
        return new TargetUrl(config.internalBaseUrl().filter(u -> !u.isBlank()).orElseGet(internal::url),
                config.allowedHosts().orElse(List.of()));
    }

    /** The headers of a stored task with its sealed credentials opened again. */
    private Map<String, String> openHeaders(WorkflowRequestDocument doc, JsonNode stored)
            throws JsonProcessingException {
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
}
