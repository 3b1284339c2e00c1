package io.laurel.badge;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * What a fixed window's cycles are, in the org's time zone: cycle 0 begins at the midnight that starts the window's
 * first day (for WEEKS, the last {@code startDayOfTheWeek} on or before that day, when the window names one), and
 * cycle n at the midnight n × refreshRate days, weeks or calendar months later (a month added to the 31st is the
 * shorter month's last day). Midnights are the zone's, so a cycle of a day is 23 or 25 hours across a daylight-saving
 * change. The one definition the limit engine counts with and every view of cycles shows.
 *
 * @param first the local date cycle 0 begins on
 */
public record WindowCycles(LocalDate first, DurationType unit, int refreshRate, ZoneId zone) {

    /** The cycles of a window starting at {@code start}; {@code weekStart} 1 (Monday) to 7 (Sunday), or null. */
    public static WindowCycles of(Instant start, DurationType unit, int refreshRate, ZoneId zone, Integer weekStart) {
        LocalDate day = LocalDate.ofInstant(start, zone);
        if (unit == DurationType.WEEKS && weekStart != null) {
            day = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.of(weekStart)));
        }
        return new WindowCycles(day, unit, refreshRate, zone);
    }

    /** The cycles of a fixed-window constraint of the badge (its own start, else the badge's). */
    public static WindowCycles of(BadgeMetaDocument badge, BadgeMetaDocument.Constraint c, ZoneId zone) {
        return of(c.startDate == null ? badge.startOn : c.startDate, c.durationType, c.refreshRate, zone,
                c.startDayOfTheWeek);
    }

    /** The number of the cycle that holds {@code event}; negative before the first. */
    public long cycle(Instant event) {
        LocalDate day = LocalDate.ofInstant(event, zone);
        return switch (unit) {
            case DAYS -> Math.floorDiv(ChronoUnit.DAYS.between(first, day), refreshRate);
            case WEEKS -> Math.floorDiv(ChronoUnit.DAYS.between(first, day), 7L * refreshRate);
            case MONTHS -> {
                // Month m begins on first.plusMonths(m): the calendar difference, one less when the day comes
                // before that month's first day.
                long months = (day.getYear() * 12L + day.getMonthValue()) - (first.getYear() * 12L + first.getMonthValue());
                if (day.isBefore(first.plusMonths(months))) {
                    months--;
                }
                yield Math.floorDiv(months, refreshRate);
            }
        };
    }

    /** When cycle {@code number} begins. */
    public Instant start(long number) {
        LocalDate day = switch (unit) {
            case DAYS -> first.plusDays(number * refreshRate);
            case WEEKS -> first.plusWeeks(number * refreshRate);
            case MONTHS -> first.plusMonths(number * refreshRate);
        };
        return day.atStartOfDay(zone).toInstant();
    }

    /** Cycle {@code number} of a window from {@code windowStart} to {@code windowEnd}: its bounds, cut at the window's. */
    public Instant[] bounds(Instant windowStart, Instant windowEnd, long number) {
        Instant from = start(number);
        Instant to = start(number + 1);
        return new Instant[] { from.isBefore(windowStart) ? windowStart : from, to.isAfter(windowEnd) ? windowEnd : to };
    }
}
