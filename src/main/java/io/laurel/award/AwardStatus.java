package io.laurel.award;

import java.time.Instant;

/**
 * What an issue or earn is at a time: its stored status, except that an ACTIVE one past its own expiry is EXPIRED.
 * Issues are retired to EXPIRED lazily and earns never are, so every view reads the status through this.
 */
public final class AwardStatus {

    public static final String ACTIVE = "ACTIVE";
    public static final String REVOKED = "REVOKED";
    public static final String EXPIRED = "EXPIRED";

    private AwardStatus() {
    }

    public static String at(String stored, Instant expiresOn, Instant now) {
        return ACTIVE.equals(stored) && expiresOn != null && !expiresOn.isAfter(now) ? EXPIRED : stored;
    }
}
