package io.laurel.outbox;

import java.time.Duration;

/**
 * How long due work waits after a failed attempt: {@code first}, doubling with each attempt, never more than
 * {@code max}. With {@code jitter}, a random point of the upper half of that delay, so that work which failed together
 * (a receiver down for everyone) does not come back together.
 */
public record Backoff(Duration first, Duration max, boolean jitter) {

    /**
     * The delay after {@code attempts} failed attempts (1 for the first); {@code random} in [0, 1) picks the point
     * when jittered.
     */
    public Duration after(int attempts, double random) {
        long firstMs = first.toMillis();
        int doublings = Math.max(0, Math.min(30, attempts - 1));
        long ms = firstMs > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : firstMs << doublings;
        ms = Math.min(max.toMillis(), ms);
        if (jitter) {
            ms = ms / 2 + (long) (random * (ms - ms / 2));
        }
        return Duration.ofMillis(ms);
    }
}
