package io.laurel.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Time as the store keeps it. */
public final class Times {

    private Times() {
    }

    /** Now, at the millisecond precision of a BSON date, so a created record reads back exactly as it was answered. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
