package io.laurel.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import io.laurel.common.ErrorCode;
import io.laurel.common.LaurelConfig;
import io.laurel.common.SecretBox;
import io.laurel.common.TargetUrl;
import io.laurel.common.Times;
import io.laurel.identity.Caller;
import io.smallrye.mutiny.Uni;

/**
 * An org's webhook subscriptions: the URL (its origin must be on {@code LAUREL_WEBHOOKS_ALLOWED_ORIGINS}, checked
 * when it is given; nothing is connected to then), the event types, and signing secrets that Laurel makes, shows once
 * and keeps sealed. A rotation makes a new secret and keeps the old one signing for the grace period.
 */
@ApplicationScoped
public class WebhookService {

    static final int MAX_URL = 2048;
    static final int MAX_PER_ORG = 20;
    private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.AFTER);

    private final WebhookRepository webhooks;
    private final SecretBox secrets;
    private final LaurelConfig config;

    WebhookService(WebhookRepository webhooks, SecretBox secrets, LaurelConfig config) {
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.config = config;
    }

    public Uni<WebhookView> create(Caller caller, WebhookRequest request) {
        String url = checkedUrl(request.url());
        List<String> types = EventTypes.checked(request.eventTypes());
        Instant now = Times.now();
        WebhookDocument doc = new WebhookDocument();
        doc.id = new ObjectId();
        doc.orgId = caller.orgId();
        doc.url = url;
        doc.eventTypes = types;
        doc.active = request.active() == null || request.active();
        doc.createdOn = now;
        doc.createdBy = caller.userId();
        doc.updatedOn = now;
        String secret = Signature.newSecret();
        doc.secrets = new ArrayList<>(List.of(sealed(doc.id, secret, now, null)));
        return webhooks.count("orgId", caller.orgId()).chain(count -> {
            if (count >= MAX_PER_ORG) {
                throw ErrorCode.INVALID_INPUT.exception("An org has at most " + MAX_PER_ORG + " webhooks", "url");
            }
            return webhooks.persist(doc);
        }).map(saved -> WebhookView.of(saved, now, secret));
    }

    public Uni<List<WebhookView>> list(Caller caller) {
        Instant now = Times.now();
        return webhooks.find("orgId", caller.orgId()).list()
                .map(docs -> docs.stream().sorted(Comparator.comparing((WebhookDocument d) -> d.createdOn))
                        .map(doc -> WebhookView.of(doc, now, null)).toList());
    }

    public Uni<WebhookView> get(Caller caller, String id) {
        return require(caller, id).map(doc -> WebhookView.of(doc, Times.now(), null));
    }

    /** Changes the fields given; a field left out keeps its value. */
    public Uni<WebhookView> update(Caller caller, String id, WebhookRequest request) {
        String url = request.url() == null ? null : checkedUrl(request.url());
        List<String> types = request.eventTypes() == null ? null : EventTypes.checked(request.eventTypes());
        return require(caller, id).chain(doc -> {
            Instant now = Times.now();
            List<Bson> changes = new ArrayList<>();
            if (url != null) {
                changes.add(Updates.set("url", url));
            }
            if (types != null) {
                changes.add(Updates.set("eventTypes", types));
            }
            if (request.active() != null) {
                changes.add(Updates.set("active", request.active()));
            }
            if (Boolean.TRUE.equals(request.active())) {
                changes.add(Updates.unset("pausedOn"));
                changes.add(Updates.unset("pausedReason"));
            }
            changes.add(Updates.set("updatedOn", now));
            return webhooks.mongoCollection().findOneAndUpdate(Filters.and(Filters.eq("_id", doc.id),
                    Filters.eq("orgId", caller.orgId())), Updates.combine(changes),
                    AFTER)
                    .onItem().ifNull().failWith(() -> notFound(id))
                    .map(updated -> WebhookView.of(updated, now, null));
        });
    }

    public Uni<Void> delete(Caller caller, String id) {
        return require(caller, id).chain(doc -> webhooks.mongoCollection().deleteOne(Filters.and(
                Filters.eq("_id", doc.id), Filters.eq("orgId", caller.orgId())))).replaceWithVoid();
    }

    /**
     * A new signing secret, shown in this answer only; the one it replaces keeps signing until the grace period
     * ends (receivers accept either meanwhile), older ones are dropped.
     */
    public Uni<WebhookView> rotateSecret(Caller caller, String id) {
        return require(caller, id).chain(doc -> {
            Instant now = Times.now();
            String secret = Signature.newSecret();
            List<WebhookDocument.SigningSecret> kept = new ArrayList<>();
            kept.add(sealed(doc.id, secret, now, null));
            // The replaced secret keeps signing for the grace period, if it can still be opened (a changed
            // encryption key makes it useless: it is dropped, and the new secret alone signs).
            doc.secrets.stream().filter(s -> s.expiresOn == null).findFirst().ifPresent(current -> {
                String old = opened(doc, current);
                if (old != null) {
                    kept.add(sealed(doc.id, old, current.createdOn, now.plus(config.webhooks().secretGrace())));
                }
            });
            // Only if nobody rotated meanwhile: the secrets read are the ones replaced.
            return webhooks.mongoCollection().findOneAndUpdate(Filters.and(Filters.eq("_id", doc.id),
                    Filters.eq("updatedOn", doc.updatedOn)), Updates.combine(
                            Updates.set("secrets", kept),
                            Updates.set("updatedOn", now)),
                    AFTER)
                    .onItem().ifNull().failWith(() -> ErrorCode.CONFLICT.exception(
                            "The webhook changed meanwhile; rotate again", "id"))
                    .map(updated -> WebhookView.of(updated, now, secret));
        });
    }

    private WebhookDocument.SigningSecret sealed(ObjectId id, String secret, Instant createdOn, Instant expiresOn) {
        WebhookDocument.SigningSecret sealed = new WebhookDocument.SigningSecret();
        sealed.sealed = secrets.seal(secret, id.toHexString());
        sealed.createdOn = createdOn;
        sealed.expiresOn = expiresOn;
        return sealed;
    }

    /**
     * The secrets that sign a message sent at {@code now}: the current one, and a rotated-out one in its grace. Those
     * that cannot be opened any more (the encryption key changed) are left out; none left means the webhook cannot
     * sign until its secret is rotated.
     */
    List<String> signingSecrets(WebhookDocument doc, Instant now) {
        return doc.secrets.stream().filter(s -> s.expiresOn == null || s.expiresOn.isAfter(now))
                .map(s -> opened(doc, s)).filter(java.util.Objects::nonNull).toList();
    }

    /** The secret in clear, or null when it cannot be opened with today's key. */
    private String opened(WebhookDocument doc, WebhookDocument.SigningSecret secret) {
        try {
            return secrets.open(secret.sealed, doc.id.toHexString());
        } catch (IllegalStateException | IllegalArgumentException e) {
            return null;
        }
    }

    Uni<WebhookDocument> require(Caller caller, String id) {
        return webhooks.findInOrg(caller.orgId(), id).onItem().ifNull().failWith(() -> notFound(id));
    }

    private static RuntimeException notFound(String id) {
        return ErrorCode.NOT_FOUND.exception("No such webhook", id);
    }

    /** The URL, if it is a full http(s) URL whose origin is allowed; a 400 otherwise. */
    String checkedUrl(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            throw ErrorCode.INVALID_INPUT.exception("url is required: an http or https URL of at most " + MAX_URL
                    + " characters", "url");
        }
        String origin;
        try {
            origin = TargetUrl.originOfUrl(url);
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_INPUT.exception(e.getMessage().replace("hostname", "url"), "url");
        }
        Set<String> allowed = config.webhooks().allowedOrigins().orElse(List.of()).stream().filter(o -> !o.isBlank())
                .map(TargetUrl::origin).collect(Collectors.toSet());
        if (!allowed.contains(origin)) {
            throw ErrorCode.INVALID_INPUT.exception("url's origin " + origin + " is not one of the allowed origins "
                    + "(LAUREL_WEBHOOKS_ALLOWED_ORIGINS)", "url");
        }
        return url.trim();
    }
}
