package io.laurel.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.laurel.common.EpochTime;

/** A delivery as answered: its message id and type, state, attempts, and the receiver's last answer (cut). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(String id, String webhookId, String eventId, String eventType, String state, int attempts, Long createdOn,
        String createdOnISO, Long lastAttemptOn, String lastAttemptOnISO, Integer lastStatus, String lastAnswer,
        Long nextAttemptOn, String nextAttemptOnISO, Long endedOn, String endedOnISO) {

    static DeliveryView of(DeliveryDocument doc) {
        boolean pending = DeliveryDocument.PENDING.equals(doc.state);
        return new DeliveryView(doc.id, doc.webhookId.toHexString(), doc.eventId, doc.eventType, doc.state, doc.attempts,
                EpochTime.seconds(doc.createdOn), EpochTime.iso(doc.createdOn),
                doc.lastAttemptOn == null ? null : EpochTime.seconds(doc.lastAttemptOn), EpochTime.iso(doc.lastAttemptOn),
                doc.lastAttemptOn == null ? null : doc.lastStatus, doc.lastAnswer,
                pending && doc.nextAttemptAt != null ? EpochTime.seconds(doc.nextAttemptAt) : null,
                pending ? EpochTime.iso(doc.nextAttemptAt) : null,
                doc.endedOn == null ? null : EpochTime.seconds(doc.endedOn), EpochTime.iso(doc.endedOn));
    }
}
