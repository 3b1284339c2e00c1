package io.laurel.award.limit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.laurel.badge.BadgeMetaDocument;
import io.laurel.badge.BadgeMetaDocument.Constraint;
import io.laurel.badge.ConstraintType;
import io.laurel.badge.DurationType;
import io.laurel.badge.EarnLimit;
import io.laurel.badge.WindowCycles;

/**
 * Fixed-window cycles and rolling-window days in the org's time zone, table by table: midnights of the zone (a day
 * of 23 or 25 hours across Berlin's two daylight-saving changes of 2025), weeks from a chosen first day, months from
 * a start that is already the next day in Kolkata, and the day an earn counts on.
 */
class OrgZoneCalendarTest {

    static final Instant WINDOW_START = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant WINDOW_END = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0} {1}x{2} from {3} (week from {4}): {5} is in the cycle [{6}, {7})")
    @CsvSource({
            // Spring forward in Berlin: 30 March 2025 is 23 hours long.
            "Europe/Berlin, DAYS, 1, 2025-03-28T10:00:00Z, , 2025-03-30T12:00:00Z, 2025-03-29T23:00:00Z, 2025-03-30T22:00:00Z",
            // Fall back: 26 October 2025 is 25 hours long.
            "Europe/Berlin, DAYS, 1, 2025-03-28T10:00:00Z, , 2025-10-26T12:00:00Z, 2025-10-25T22:00:00Z, 2025-10-26T23:00:00Z",
            // The same instants in UTC: 24-hour days.
            "UTC, DAYS, 1, 2025-03-28T10:00:00Z, , 2025-03-30T12:00:00Z, 2025-03-30T00:00:00Z, 2025-03-31T00:00:00Z",
            // 00:30 on Monday 31 March in Berlin is still Sunday in UTC: Berlin's Monday-weeks put it in the new week.
            "Europe/Berlin, WEEKS, 1, 2025-03-26T10:00:00Z, 1, 2025-03-30T22:30:00Z, 2025-03-30T22:00:00Z, 2025-04-06T22:00:00Z",
            "UTC, WEEKS, 1, 2025-03-26T10:00:00Z, 1, 2025-03-30T22:30:00Z, 2025-03-26T10:00:00Z, 2025-03-31T00:00:00Z",
            // Without a first day, weeks run from the start's own day (a Wednesday); the first cycle begins with the window.
            "UTC, WEEKS, 1, 2025-03-26T10:00:00Z, , 2025-04-01T10:00:00Z, 2025-03-26T10:00:00Z, 2025-04-02T00:00:00Z",
            // Two-week cycles from a Sunday first day, across the autumn change.
            "Europe/Berlin, WEEKS, 2, 2025-10-01T10:00:00Z, 7, 2025-10-27T10:00:00Z, 2025-10-25T22:00:00Z, 2025-11-08T23:00:00Z",
            // 20:00 UTC on 31 January is 01:30 on 1 February in Kolkata: months run from the 1st there.
            "Asia/Kolkata, MONTHS, 1, 2025-01-31T20:00:00Z, , 2025-03-10T00:00:00Z, 2025-02-28T18:30:00Z, 2025-03-31T18:30:00Z",
            "UTC, MONTHS, 1, 2025-01-31T20:00:00Z, , 2025-03-10T00:00:00Z, 2025-02-28T00:00:00Z, 2025-03-31T00:00:00Z",
    })
    void cyclesBeginAtTheZonesMidnights(String zone, DurationType unit, int rate, Instant start, Integer weekStart,
            Instant event, Instant cycleStart, Instant cycleEnd) {
        WindowCycles cycles = WindowCycles.of(start, unit, rate, ZoneId.of(zone), weekStart);
        long n = cycles.cycle(event);
        assertArrayEquals(new Instant[] { cycleStart, cycleEnd }, cycles.bounds(start, WINDOW_END, n));
        assertEquals(n, cycles.cycle(cycleStart), "its start is in it");
        assertEquals(n, cycles.cycle(cycleEnd.minusMillis(1)), "so is its last millisecond");
        assertEquals(n + 1, cycles.cycle(cycleEnd), "its end is the next one's");
    }

    @ParameterizedTest(name = "{0}: {1} counts on {2}")
    @CsvSource({
            "UTC, 2025-10-26T23:30:00Z, 2025-10-26",
            "Europe/Berlin, 2025-10-26T22:30:00Z, 2025-10-26",
            "Europe/Berlin, 2025-10-26T23:30:00Z, 2025-10-27",
            "Europe/Berlin, 2025-03-29T23:30:00Z, 2025-03-30",
            "Asia/Kolkata, 2025-03-29T18:29:00Z, 2025-03-29",
            "Asia/Kolkata, 2025-03-29T18:30:00Z, 2025-03-30",
    })
    void anEarnCountsOnTheOrgsDay(String zone, Instant event, LocalDate day) {
        Scope scope = Scope.of(limits(rolling()), true, "c:t", event, ZoneId.of(zone));
        assertEquals(day.toEpochDay(), scope.day);
        assertEquals(List.of("total", "days." + day.toEpochDay()), scope.fields);
    }

    @ParameterizedTest(name = "a daily window of 1 in {0}: earns at {1} and {2} share a cycle: {3}")
    @CsvSource({
            // 23:30 and 00:30 Berlin time, both on 26 October in UTC.
            "Europe/Berlin, 2025-10-26T22:30:00Z, 2025-10-26T23:30:00Z, false",
            "UTC, 2025-10-26T22:30:00Z, 2025-10-26T23:30:00Z, true",
            // The 25-hour day: 00:30 CEST and 23:30 CET are one Berlin day, 24 hours and more apart.
            "Europe/Berlin, 2025-10-25T22:30:00Z, 2025-10-26T22:30:00Z, true",
    })
    void theSameUtcDayIsTwoOrgDays(String zone, Instant first, Instant second, boolean shared) {
        Constraint daily = new Constraint();
        daily.constraintType = ConstraintType.CUSTOMER_BADGE_FIXED_WINDOW;
        daily.referenceId = "d";
        daily.durationType = DurationType.DAYS;
        daily.refreshRate = 1;
        daily.maxEarnLimit = 1;
        Scope a = Scope.of(limits(daily), true, "c:t", first, ZoneId.of(zone));
        Scope b = Scope.of(limits(daily), true, "c:t", second, ZoneId.of(zone));
        assertEquals(shared, a.fields.equals(b.fields), a.fields + " / " + b.fields);
    }

    private static List<EarnLimit> limits(Constraint c) {
        BadgeMetaDocument badge = badge();
        badge.customerConstraints = List.of(c);
        return EarnLimit.of(badge, EarnLimit.Level.CUSTOMER);
    }

    private static BadgeMetaDocument badge() {
        BadgeMetaDocument badge = new BadgeMetaDocument();
        badge.startOn = WINDOW_START;
        badge.expiresOn = WINDOW_END;
        return badge;
    }

    private static Constraint rolling() {
        Constraint c = new Constraint();
        c.constraintType = ConstraintType.CUSTOMER_BADGE_ROLLING_WINDOW;
        c.rollForDays = 7;
        c.maxEarnForDays = 3;
        return c;
    }
}
