package io.laurel.badge;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.laurel.badge.BadgeMetaDocument.Constraint;

/**
 * One earn limit of a badge, as the award feature enforces it: a closed set of kinds, each with just the facts its
 * arithmetic needs, parsed once from the stored constraints ({@link #of}). A customer rolling-window constraint with
 * days, weeks and months is three {@link RollingWindow}s.
 */
public sealed interface EarnLimit {

    /** Whose earns a limit counts: one customer's of the badge, or everyone's. */
    enum Level {
        CUSTOMER,
        BADGE
    }

    Level level();

    /** The constraint it comes from, as the vendor names it. */
    ConstraintType type();

    /** What the limit allows, in words (the reason an earn is refused). */
    String description();

    /** At most {@code max} earns in all. */
    record FixedValue(Level level, ConstraintType type, long max) implements EarnLimit {
        @Override
        public String description() {
            return type + ": at most " + max + " earns " + who(level);
        }
    }

    /** At most {@code max} earns in each cycle of the window (see {@link WindowCycles}). */
    record FixedWindow(Level level, ConstraintType type, String referenceId, long max, DurationType unit,
            int refreshRate, Instant start, Instant end, Integer startDayOfTheWeek) implements EarnLimit {

        public WindowCycles cycles(ZoneId zone) {
            return WindowCycles.of(start, unit, refreshRate, zone, startDayOfTheWeek);
        }

        /** The counter of cycle {@code number}: {@code <referenceId>_<number>}. */
        public String counter(long number) {
            return referenceId + "_" + number;
        }

        @Override
        public String description() {
            return type + " " + referenceId + ": at most " + max + " earns " + who(level) + " every " + refreshRate
                    + " " + unit;
        }
    }

    /** At most {@code max} earns in any {@code length} days, weeks or months ending on a day of the org. */
    record RollingWindow(Level level, ConstraintType type, DurationType unit, int length, long max) implements EarnLimit {
        @Override
        public String description() {
            return type + ": at most " + max + " earns " + who(level) + " in " + length + " " + unit;
        }
    }

    /** No limit: the vendor's explicit NO_LIMIT kinds. */
    record NoLimit(Level level, ConstraintType type) implements EarnLimit {
        @Override
        public String description() {
            return type + ": no limit";
        }
    }

    /** The badge's limits of one level, in the constraints' order. */
    static List<EarnLimit> of(BadgeMetaDocument badge, Level level) {
        List<Constraint> constraints = level == Level.CUSTOMER ? badge.customerConstraints : badge.badgeConstraints;
        List<EarnLimit> limits = new ArrayList<>();
        for (Constraint c : constraints == null ? List.<Constraint>of() : constraints) {
            switch (c.constraintType) {
                case CUSTOMER_BADGE_FIXED_VALUE, BADGE_FIXED_VALUE -> limits.add(
                        new FixedValue(level, c.constraintType, c.maxEarnLimit));
                case CUSTOMER_BADGE_FIXED_WINDOW, BADGE_FIXED_WINDOW -> limits.add(new FixedWindow(level,
                        c.constraintType, c.referenceId, c.maxEarnLimit, c.durationType, c.refreshRate,
                        c.startDate == null ? badge.startOn : c.startDate, c.endDate == null ? badge.expiresOn : c.endDate,
                        c.startDayOfTheWeek));
                case CUSTOMER_BADGE_ROLLING_WINDOW -> {
                    rolling(limits, level, c.constraintType, DurationType.DAYS, c.rollForDays, c.maxEarnForDays);
                    rolling(limits, level, c.constraintType, DurationType.WEEKS, c.rollForWeeks, c.maxEarnForWeeks);
                    rolling(limits, level, c.constraintType, DurationType.MONTHS, c.rollForMonths, c.maxEarnForMonths);
                }
                case BADGE_ROLLING_WINDOW -> rolling(limits, level, c.constraintType, c.rollType, c.rollValue,
                        c.maxEarnLimit);
                case CUSTOMER_BADGE_NO_LIMIT, BADGE_NO_LIMIT -> limits.add(new NoLimit(level, c.constraintType));
            }
        }
        return List.copyOf(limits);
    }

    private static void rolling(List<EarnLimit> limits, Level level, ConstraintType type, DurationType unit,
            Integer length, Integer max) {
        if (unit != null && length != null && max != null) {
            limits.add(new RollingWindow(level, type, unit, length, max));
        }
    }

    private static String who(Level level) {
        return level == Level.CUSTOMER ? "per customer" : "for all customers";
    }
}
