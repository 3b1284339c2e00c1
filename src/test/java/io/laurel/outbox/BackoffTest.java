package io.laurel.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Retry delays: doubling from the first, capped, and with jitter a point of the upper half. */
class BackoffTest {

    private final Backoff plain = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), false);

    @Test
    void doublesFromTheFirstUpToTheMaximum() {
        long[][] table = { { 1, 2_000 }, { 2, 4_000 }, { 3, 8_000 }, { 7, 128_000 }, { 8, 256_000 }, { 9, 300_000 },
                { 40, 300_000 }, { 0, 2_000 } };
        for (long[] row : table) {
            assertEquals(Duration.ofMillis(row[1]), plain.after((int) row[0], 0.7), "after " + row[0] + " attempts");
        }
        assertEquals(Duration.ofHours(24), new Backoff(Duration.ofDays(400), Duration.ofHours(24), false).after(31, 0));
    }

    @Test
    void jitterPicksAPointOfTheUpperHalf() {
        Backoff jittered = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), true);
        for (int attempts = 1; attempts < 12; attempts++) {
            long full = plain.after(attempts, 0).toMillis();
            assertEquals(full / 2, jittered.after(attempts, 0).toMillis());
            for (double random = 0; random < 1; random += 0.125) {
                long ms = jittered.after(attempts, random).toMillis();
                assertTrue(ms >= full / 2 && ms <= full, attempts + " attempts, " + random + ": " + ms);
            }
        }
    }
}
