package io.laurel.webhook;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.laurel.common.EpochTime;

/**
 * A subscription as answered. {@code secret} only in the answer that made it (create, rotate): Laurel never shows it
 * again. {@code previousSecretExpiresOn}: while a rotated-out secret still signs, when it stops.
 */
public record WebhookView(String id, String url, List<String> eventTypes, boolean active, long createdOn,
        String createdOnISO, long updatedOn, String updatedOnISO,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long previousSecretExpiresOn,
        @JsonInclude(JsonInclude.Include.NON_NULL) String previousSecretExpiresOnISO,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long pausedOn,
        @JsonInclude(JsonInclude.Include.NON_NULL) String pausedOnISO,
        @JsonInclude(JsonInclude.Include.NON_NULL) String pausedReason,
        @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static WebhookView of(WebhookDocument doc, java.time.Instant now, String shownSecret) {
        java.time.Instant previous = doc.secrets.stream().map(s -> s.expiresOn)
                .filter(e -> e != null && e.isAfter(now)).max(java.util.Comparator.naturalOrder()).orElse(null);
        return new WebhookView(doc.id.toHexString(), doc.url, doc.eventTypes, doc.active,
                EpochTime.seconds(doc.createdOn), EpochTime.iso(doc.createdOn), EpochTime.seconds(doc.updatedOn),
                EpochTime.iso(doc.updatedOn), previous == null ? null : EpochTime.seconds(previous),
                previous == null ? null : EpochTime.iso(previous),
                doc.pausedOn == null ? null : EpochTime.seconds(doc.pausedOn), EpochTime.iso(doc.pausedOn),
                doc.pausedReason, shownSecret);
    }
}
