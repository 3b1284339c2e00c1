package io.laurel.outbox;

import java.time.Duration;

/** A queue's work that is due now: how much, and how long the oldest of it has been waiting (zero when none). */
public record Backlog(long due, Duration oldest) {

    static final Backlog NONE = new Backlog(0, Duration.ZERO);
}
