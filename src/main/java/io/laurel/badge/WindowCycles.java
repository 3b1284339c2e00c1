package io.laurel.badge;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * What a fixed window's cycles are: cycle n runs from the window's start plus n × refreshRate days, weeks or calendar
 * months (a month added to the 31st is the shorter month's last day) to the start of cycle n + 1. The one definition
 * the limit engine counts with and every view of cycles shows.
 */
public final class WindowCycles {

    static final long DAY_MILLIS = 86_400_000L;

    private WindowCycles() {
    }

    /** The number of the cycle that holds {@code event}; negative before the start. */
    public static long cycle(Instant start, Instant event, DurationType unit, int refreshRate) {
        return switch (unit) {
            case DAYS -> Math.floorDiv(event.toEpochMilli() - start.toEpochMilli(), refreshRate * DAY_MILLIS);
            case WEEKS -> Math.floorDiv(event.toEpochMilli() - start.toEpochMilli(), 7L * refreshRate * DAY_MILLIS);
            case MONTHS -> {
                // Month m begins at start.plusMonths(m): the calendar difference, one less when the event comes
                // before that month's start.
                ZonedDateTime from = start.atZone(ZoneOffset.UTC);
                ZonedDateTime to = event.atZone(ZoneOffset.UTC);
                long months = (to.getYear() * 12L + to.getMonthValue()) - (from.getYear() * 12L + from.getMonthValue());
                if (to.isBefore(from.plusMonths(months))) {
                    months--;
                }
                yield Math.floorDiv(months, refreshRate);
            }
        };
    }

    /** When cycle {@code number} begins. */
    public static Instant cycleStart(Instant start, DurationType unit, int refreshRate, long number) {
        return switch (unit) {
            case DAYS -> start.plusMillis(number * refreshRate * DAY_MILLIS);
            case WEEKS -> start.plusMillis(number * 7L * refreshRate * DAY_MILLIS);
            case MONTHS -> start.atZone(ZoneOffset.UTC).plusMonths(number * refreshRate).toInstant();
        };
    }

    /** Cycle {@code number} of a window from {@code start} to {@code end}: its start and its end, cut at the window's. */
    public static Instant[] bounds(Instant start, Instant end, DurationType unit, int refreshRate, long number) {
        Instant to = cycleStart(start, unit, refreshRate, number + 1);
        return new Instant[] {cycleStart(start, unit, refreshRate, number), to.isAfter(end) ? end : to};
    }
}
