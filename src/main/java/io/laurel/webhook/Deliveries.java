package io.laurel.webhook;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import io.laurel.common.EpochTime;
import io.laurel.common.ErrorCode;
import io.laurel.common.LaurelConfig;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.laurel.event.Event;
import io.laurel.event.Events;
import io.laurel.identity.Caller;
import io.laurel.outbox.Backoff;
import io.laurel.outbox.DueWork;
import io.laurel.outbox.HttpSender;
import io.laurel.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Delivers messages to subscriptions through the outbox's queue {@code webhooks}: signed as the Standard Webhooks
 * conventions say, POSTed without following redirects and with a bounded answer, retried with backoff and jitter until
 * delivered (any 2xx) or the retry period has passed (then failed, and the subscription paused). Each attempt re-checks
 * that the URL's origin is still allowed. The messages are the features' events ({@link Events}, turned into one
 * delivery for each subscription that takes them) and the test pings a client asks for.
 */
@ApplicationScoped
public class Deliveries {

    static final String PING = "webhook.ping";
    static final int MAX_ANSWER = 1024;
    private static final Logger LOG = Logger.getLogger(Deliveries.class);
    private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.AFTER);

    private final DeliveryRepository deliveries;
    private final WebhookRepository webhooks;
    private final WebhookService subscriptions;
    private final HttpSender sender;
    private final LaurelConfig config;
    private final ObjectMapper json;
    private final DueWork<DeliveryDocument> due;
    private final Backoff backoff;
    private final Events events;

    Deliveries(DeliveryRepository deliveries, WebhookRepository webhooks, WebhookService subscriptions,
            HttpSender sender, LaurelConfig config, ObjectMapper json, Outbox outbox, Events events) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.config = config;
        this.json = json;
        this.events = events;
        this.backoff = new Backoff(config.webhooks().retryDelay(), Duration.ofHours(1), true);
        this.due = outbox.queue("webhooks", deliveries::mongoCollection,
                Filters.eq("state", DeliveryDocument.PENDING));
    }

    /** Sends a signed {@code webhook.ping} to the subscription now (retried like any message if it fails). */
    public Uni<DeliveryView> ping(Caller caller, String webhookId) {
        return subscriptions.require(caller, webhookId).chain(hook -> {
            Instant now = Times.now();
            DeliveryDocument doc = new DeliveryDocument();
            doc.id = "msg_" + new ObjectId().toHexString();
            doc.orgId = hook.orgId;
            doc.webhookId = hook.id;
            doc.eventType = PING;
            doc.eventId = "evt_" + new ObjectId().toHexString();
            ObjectNode body = json.createObjectNode().put("id", doc.eventId).put("type", PING)
                    .put("timestamp", EpochTime.iso(now)).put("orgId", hook.orgId);
            body.putObject("data").put("webhookId", hook.id.toHexString());
            doc.body = body.toString();
            doc.state = DeliveryDocument.PENDING;
            doc.createdOn = now;
            doc.retryingSince = now;
            doc.attempts = 1;
            doc.nextAttemptAt = now;
            doc.leaseOwner = due.owner();
            doc.leaseUntil = now.plus(config.workflow().lease());
            return deliveries.persist(doc).chain(this::attempt);
        }).map(DeliveryView::of);
    }

    /** The subscription's latest deliveries, newest first (at most 100). */
    public Uni<List<DeliveryView>> list(Caller caller, String webhookId) {
        return subscriptions.require(caller, webhookId).chain(hook -> deliveries.mongoCollection()
                .find(Filters.eq("webhookId", hook.id), new io.quarkus.mongodb.FindOptions()
                        .sort(Sorts.descending("createdOn")).limit(100))
                .map(DeliveryView::of).collect().asList());
    }

    /** Makes a delivery due again now (delivered or failed ones included), with the same message id. */
    public Uni<DeliveryView> retry(Caller caller, String webhookId, String deliveryId) {
        return subscriptions.require(caller, webhookId).chain(hook -> deliveries.mongoCollection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", deliveryId), Filters.eq("webhookId", hook.id),
                        Filters.eq("orgId", caller.orgId()), Filters.ne("state", DeliveryDocument.PENDING)),
                Updates.combine(Updates.set("state", DeliveryDocument.PENDING),
                        Updates.set(DueWork.NEXT_ATTEMPT_AT, Times.now()), Updates.set("retryingSince", Times.now()),
                        Updates.unset("endedOn")), AFTER)
                .onItem().ifNull().switchTo(() -> deliveries.mongoCollection().find(Filters.and(
                        Filters.eq("_id", deliveryId), Filters.eq("webhookId", hook.id))).collect().first()
                        .map(found -> {
                            throw found == null ? ErrorCode.NOT_FOUND.exception("No such delivery", deliveryId)
                                    : ErrorCode.CONFLICT.exception("The delivery is pending already: it is retried "
                                            + "on its own", deliveryId);
                        })))
                .map(DeliveryView::of);
    }

    @Scheduled(every = "${laurel.webhooks.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deliverDue() {
        return drain(100);
    }

    @Scheduled(every = "${laurel.webhooks.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> publishDue() {
        return events.publishDue(500, config.workflow().lease(), config.webhooks().sweepInterval(), this::queue)
                .replaceWithVoid();
    }

    /**
     * Publishes up to {@code batch} documents' worth of raised events a collection: a pending delivery for each
     * active subscription of the event's org that takes its type. Answers how many events were published.
     */
    public Uni<Integer> publish(int batch) {
        return events.publish(batch, config.workflow().lease(), this::queue);
    }

    /**
     * The deliveries of these events, written at once. A delivery's id is made of its event's and its subscription's,
     * so handing the same events over again (after a crash) writes nothing new: the unique id refuses the repeats.
     */
    private Uni<Void> queue(List<Event> raised) {
        if (raised.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<Long> orgs = raised.stream().map(Event::orgId).collect(Collectors.toSet());
        return webhooks.mongoCollection().find(Filters.and(Filters.in("orgId", orgs), Filters.eq("active", true)))
                .collect().asList().chain(hooks -> {
                    Instant now = Times.now();
                    List<DeliveryDocument> queued = new ArrayList<>();
                    for (Event event : raised) {
                        for (WebhookDocument hook : hooks) {
                            if (hook.orgId == event.orgId() && hook.eventTypes.stream()
                                    .anyMatch(pattern -> EventTypes.matches(pattern, event.type()))) {
                                queued.add(delivery(event, hook, now));
                            }
                        }
                    }
                    if (queued.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return deliveries.mongoCollection().insertMany(queued, new InsertManyOptions().ordered(false))
                            .replaceWithVoid()
                            .onFailure(SequenceRepository::isOnlyDuplicateKeys).recoverWithNull();
                });
    }

    private DeliveryDocument delivery(Event event, WebhookDocument hook, Instant now) {
        DeliveryDocument doc = new DeliveryDocument();
        doc.id = "msg_" + event.id().substring(event.id().indexOf('_') + 1) + hook.id.toHexString();
        doc.orgId = hook.orgId;
        doc.webhookId = hook.id;
        doc.eventId = event.id();
        doc.eventType = event.type();
        ObjectNode body = json.createObjectNode().put("id", event.id()).put("type", event.type())
                .put("timestamp", EpochTime.iso(event.time())).put("orgId", event.orgId());
        body.set("data", json.valueToTree(event.data()));
        doc.body = body.toString();
        doc.state = DeliveryDocument.PENDING;
        doc.createdOn = now;
        doc.retryingSince = now;
        doc.nextAttemptAt = now;
        return doc;
    }

    /** Attempts up to {@code left} due deliveries; exposed so tests and operators can run a round at once. */
    public Uni<Void> drain(int left) {
        return due.drain(left, config.workflow().lease(), this::attempt);
    }

    /** One attempt of a delivery this replica holds, and the outcome recorded. */
    private Uni<DeliveryDocument> attempt(DeliveryDocument doc) {
        // The collection, not Panache's findById: drains also run on contexts where Panache's session is not reachable.
        return webhooks.mongoCollection().find(Filters.eq("_id", doc.webhookId)).collect().first().chain(hook -> {
            Instant now = Times.now();
            if (hook == null) {
                return end(doc, DeliveryDocument.FAILED, 0, "the webhook was removed", now);
            }
            String origin;
            String target;
            try {
                subscriptions.checkedUrl(hook.url);
                URI uri = URI.create(hook.url.trim());
                origin = io.laurel.common.TargetUrl.originOfUrl(hook.url);
                target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            } catch (RuntimeException e) {
                return fail(doc, hook, 0, "the URL is no longer allowed: " + e.getMessage(), now);
            }
            List<String> signing = subscriptions.signingSecrets(hook, now);
            if (signing.isEmpty()) {
                // Retrying cannot help: nothing signs until the secret is rotated (the message is sent again then
                // by a retry the client asks for).
                return fail(doc, hook, 0, "the signing secret cannot be opened "
                        + "(LAUREL_WORKFLOW_ENCRYPTION_KEY changed since it was made): rotate it", now);
            }
            long timestamp = now.getEpochSecond();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("content-type", "application/json");
            headers.put("webhook-id", doc.id);
            headers.put("webhook-timestamp", Long.toString(timestamp));
            headers.put("webhook-signature", Signature.header(signing, doc.id, timestamp, doc.body));
            // Only the answer's body is kept (cut), never its headers.
            return sender.post(origin, target, Map.of(), headers, doc.body, false, name -> true)
                    .chain(answer -> answer.success()
                            ? end(doc, DeliveryDocument.DELIVERED, answer.status(), answer.body(), Times.now())
                            : retryLater(doc, hook, answer.status(), answer.body()))
                    .onFailure().recoverWithUni(e -> retryLater(doc, hook, 0, "no answer: "
                            + e.getClass().getSimpleName()));
        });
    }

    private Uni<DeliveryDocument> end(DeliveryDocument doc, String state, int status, String answer, Instant now) {
        LOG.infof("Delivery %s to webhook %s %s after %d attempt(s) (receiver answered %d)", doc.id, doc.webhookId,
                state, doc.attempts, status);
        return due.end(Filters.eq("_id", doc.id), Updates.combine(Updates.set("state", state),
                Updates.set("endedOn", now), last(status, answer, now)))
                .chain(ended -> ended != null ? Uni.createFrom().item(ended) : byId(doc.id));
    }

    /**
     * Ends the delivery failed and pauses its subscription with the reason: one that keeps failing (or can no longer
     * be sent to) gets no new deliveries until a client sets it active again.
     */
    private Uni<DeliveryDocument> fail(DeliveryDocument doc, WebhookDocument hook, int status, String answer,
            Instant now) {
        String reason = "delivery " + doc.id + " failed after " + doc.attempts + " attempt(s)"
                + (status == 0 ? "" : ", the receiver answering " + status) + ": " + (answer == null ? "" : answer);
        return end(doc, DeliveryDocument.FAILED, status, answer, now).call(() -> webhooks.mongoCollection()
                .updateOne(Filters.and(Filters.eq("_id", hook.id), Filters.eq("active", true)), Updates.combine(
                        Updates.set("active", false), Updates.set("pausedOn", now),
                        Updates.set("pausedReason", reason.length() > MAX_ANSWER ? reason.substring(0, MAX_ANSWER)
                                : reason)))
                .invoke(paused -> {
                    if (paused.getModifiedCount() > 0) {
                        LOG.warnf("Webhook %s of org %d paused: %s", hook.id, hook.orgId, reason);
                    }
                }));
    }

    private Uni<DeliveryDocument> retryLater(DeliveryDocument doc, WebhookDocument hook, int status, String answer) {
        Instant now = Times.now();
        Instant next = now.plus(backoff.after(doc.attempts, ThreadLocalRandom.current().nextDouble()));
        if (next.isAfter(doc.retryingSince.plus(config.webhooks().retryPeriod()))) {
            return fail(doc, hook, status, answer, now);
        }
        return due.retryAt(Filters.eq("_id", doc.id), next, last(status, answer, now))
                .chain(held -> held != null ? Uni.createFrom().item(held) : byId(doc.id));
    }

    private Uni<DeliveryDocument> byId(String id) {
        return deliveries.mongoCollection().find(Filters.eq("_id", id)).collect().first();
    }

    private static Bson last(int status, String answer, Instant now) {
        String cut = answer == null ? null : answer.length() > MAX_ANSWER ? answer.substring(0, MAX_ANSWER) : answer;
        return Updates.combine(Updates.set("lastAttemptOn", now), Updates.set("lastStatus", status),
                Updates.set("lastAnswer", cut));
    }
}
