package io.laurel.award.limit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.laurel.badge.BadgeMetaDocument;
import io.laurel.badge.BadgeMetaDocument.Constraint;
import io.laurel.badge.ConstraintType;
import io.laurel.badge.DurationType;
import io.laurel.badge.EarnLimit;

/** Cycle arithmetic: the listing numbers cycles exactly as the engine numbers the cycle of an earn. */
class FixedWindowsTest {

    static final Instant START = Instant.parse("2025-01-31T10:00:00Z");
    static final ZoneId UTC = ZoneOffset.UTC;

    static BadgeMetaDocument badge(Instant end) {
        BadgeMetaDocument badge = new BadgeMetaDocument();
        badge.startOn = START;
        badge.expiresOn = end;
        return badge;
    }

    static Constraint window(DurationType unit, int rate) {
        Constraint c = new Constraint();
        c.constraintType = ConstraintType.CUSTOMER_BADGE_FIXED_WINDOW;
        c.referenceId = "w";
        c.durationType = unit;
        c.refreshRate = rate;
        c.maxEarnLimit = 1;
        return c;
    }

    /** The window as the engine is handed it. */
    static EarnLimit.FixedWindow typed(BadgeMetaDocument badge, Constraint window) {
        badge.customerConstraints = List.of(window);
        return (EarnLimit.FixedWindow) EarnLimit.of(badge, EarnLimit.Level.CUSTOMER).get(0);
    }

    @Test
    void everyInstantOfACycleIsNumberedAsTheEngineNumbersIt() {
        for (DurationType unit : DurationType.values()) {
            for (int rate : List.of(1, 3)) {
                BadgeMetaDocument badge = badge(Instant.parse("2031-01-01T00:00:00Z"));
                Constraint w = window(unit, rate);
                EarnLimit.FixedWindow typed = typed(badge, w);
                for (FixedWindows.Cycle cycle : FixedWindows.cycles(typed, 0, 12, UTC)) {
                    assertEquals(cycle.number(), FixedWindows.cycleAt(typed, cycle.start(), UTC), unit + " start");
                    assertEquals(cycle.number(), FixedWindows.cycleAt(typed, cycle.end().minusMillis(1), UTC),
                            unit + " end");
                    assertEquals("w_" + cycle.number(), cycle.counter());
                }
            }
        }
    }

    @Test
    void monthsFollowTheCalendarFromTheStartDay() {
        BadgeMetaDocument badge = badge(Instant.parse("2025-06-01T00:00:00Z"));
        List<FixedWindows.Cycle> cycles = FixedWindows.cycles(typed(badge, window(DurationType.MONTHS, 1)), 0, 1,
                UTC);
        // The first cycle begins with the window; later ones at the midnight of the start's day of the month.
        assertEquals(START, cycles.get(0).start());
        assertEquals(Instant.parse("2025-02-28T00:00:00Z"), cycles.get(0).end());
        assertEquals(Instant.parse("2025-03-31T00:00:00Z"), cycles.get(1).end());
    }

    @Test
    void aRangeIsCountedWithoutWalkingAndClippedToTheWindow() {
        BadgeMetaDocument badge = badge(START.plusSeconds(86_400L * 10));
        Constraint days3 = window(DurationType.DAYS, 3);
        // 10 days of 3-day cycles: 0..3, the last one cut at the badge's end.
        assertArrayEquals(new long[] {0, 3}, FixedWindows.range(typed(badge, days3), null, null, UTC));
        List<FixedWindows.Cycle> cycles = FixedWindows.cycles(typed(badge, days3), 3, 3, UTC);
        assertEquals(badge.expiresOn, cycles.get(0).end());
        assertArrayEquals(new long[] {1, 2}, FixedWindows.range(typed(badge, days3), START.plusSeconds(86_400L * 4),
                START.plusSeconds(86_400L * 7), UTC));
        assertNull(FixedWindows.range(typed(badge, days3), START.plusSeconds(86_400L * 20), null, UTC));
        BadgeMetaDocument century = badge(START.plusSeconds(86_400L * 36_500));
        // Days from midnight to midnight: the window's 10:00 end cuts a 36,501st day short.
        assertArrayEquals(new long[] {0, 36_500},
                FixedWindows.range(typed(century, window(DurationType.DAYS, 1)), null, null, UTC));
    }
}
