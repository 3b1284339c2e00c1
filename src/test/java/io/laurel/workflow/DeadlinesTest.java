package io.laurel.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The deadlines of requests waiting for a checker: one for all types, or a type's own; bad settings stop the start. */
class DeadlinesTest {

    @Test
    void aTypesOwnDeadlineReplacesTheStandardOne() {
        Deadlines deadlines = new Deadlines(Duration.ofDays(7), List.of("earn-badge=PT12H", " ", "ISSUE-BADGE=P1D"));
        assertEquals(Duration.ofDays(7), deadlines.of(RequestType.GOODWILL_POINTS));
        assertEquals(Duration.ofHours(12), deadlines.of(RequestType.EARN_BADGE));
        assertEquals(Duration.ofDays(1), deadlines.of(RequestType.ISSUE_BADGE));
        assertEquals("P7D", deadlines.text(RequestType.GOODWILL_POINTS));
        assertEquals("PT12H", deadlines.text(RequestType.EARN_BADGE));
    }

    @Test
    void theDeadlineIsPassedFromItsInstantOn() {
        Deadlines deadlines = new Deadlines(Duration.ofDays(7), List.of());
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        assertFalse(deadlines.passed(RequestType.GOODWILL_POINTS, start, start.plus(Duration.ofDays(7)).minusMillis(1)));
        assertTrue(deadlines.passed(RequestType.GOODWILL_POINTS, start, start.plus(Duration.ofDays(7))));
    }

    @Test
    void badSettingsAreRefusedWithTheirReason() {
        assertThrows(IllegalArgumentException.class, () -> new Deadlines(Duration.ZERO, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Deadlines(Duration.ofDays(1), List.of("GOODWILL-POINTS")));
        assertThrows(IllegalArgumentException.class, () -> new Deadlines(Duration.ofDays(1), List.of("NOPE=P1D")));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new Deadlines(Duration.ofDays(1), List.of("GOODWILL-POINTS=1 day")));
        assertTrue(bad.getMessage().contains("ISO-8601"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Deadlines(Duration.ofDays(1),
                List.of("EARN-BADGE=-PT1H")));
    }
}
