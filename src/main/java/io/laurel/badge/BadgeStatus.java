package io.laurel.badge;

import java.time.Instant;

/** Where a badge stands on the clock; derived, never stored. */
public enum BadgeStatus {
    UPCOMING,
    LIVE,
    EXPIRED;

    public static BadgeStatus at(Instant now, Instant startOn, Instant expiresOn) {
        if (now.isBefore(startOn)) {
            return UPCOMING;
        }
        return now.isBefore(expiresOn) ? LIVE : EXPIRED;
    }
}
