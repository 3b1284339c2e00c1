package io.laurel.award.limit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.laurel.badge.BadgeMetaDocument;
import io.laurel.badge.BadgeMetaDocument.Constraint;
import io.laurel.badge.ConstraintType;
import io.laurel.badge.WindowCycles;

/**
 * The cycles of a badge's fixed windows, numbered as the limit engine numbers them ({@link WindowCycles}): cycle n of
 * a window runs from its start plus n × refreshRate units to the start of cycle n + 1, within the window's own start and
 * end (the constraint's {@code startDate}/{@code endDate}, else the badge's). Its counter is
 * {@code <referenceId>_<n>} in the scope document, the field an earn in that cycle increments.
 */
public final class FixedWindows {

    private FixedWindows() {
    }

    /** One cycle of one fixed window. */
    public record Cycle(Constraint constraint, long number, Instant start, Instant end) {

        /** The counter this cycle's earns are counted in (a key of {@link LimitScopeDocument#cycles}). */
        public String counter() {
            return constraint.referenceId + "_" + number;
        }

        public ConstraintType constraintType() {
            return constraint.constraintType;
        }
    }

    /** Where a window's cycles are counted from. */
    public static Instant start(BadgeMetaDocument badge, Constraint window) {
        return window.startDate == null ? badge.startOn : window.startDate;
    }

    /** Where a window's last cycle ends. */
    public static Instant end(BadgeMetaDocument badge, Constraint window) {
        return window.endDate == null ? badge.expiresOn : window.endDate;
    }

    /** The number of the cycle that holds {@code at} (as the engine counts an earn at that time). */
    public static long cycleAt(BadgeMetaDocument badge, Constraint window, Instant at, ZoneId zone) {
        return WindowCycles.of(badge, window, zone).cycle(at);
    }

    /**
     * The numbers of the first and last cycle of the window that overlap {@code [from, to)}, or null when none does.
     * Arithmetic only: a window of daily cycles over a century is not walked.
     */
    public static long[] range(BadgeMetaDocument badge, Constraint window, Instant from, Instant to, ZoneId zone) {
        Instant start = start(badge, window);
        Instant end = end(badge, window);
        Instant lower = from == null || from.isBefore(start) ? start : from;
        Instant upper = to == null || to.isAfter(end) ? end : to;
        if (!upper.isAfter(lower)) {
            return null;
        }
        WindowCycles cycles = WindowCycles.of(badge, window, zone);
        long first = cycles.cycle(lower);
        long last = cycles.cycle(upper.minusMillis(1));
        return last < first ? null : new long[] {first, last};
    }

    /** The cycles {@code first} to {@code last} of a window, each clipped to the window's own end. */
    public static List<Cycle> cycles(BadgeMetaDocument badge, Constraint window, long first, long last, ZoneId zone) {
        Instant start = start(badge, window);
        Instant end = end(badge, window);
        WindowCycles windowCycles = WindowCycles.of(badge, window, zone);
        List<Cycle> cycles = new ArrayList<>();
        for (long n = first; n <= last; n++) {
            Instant[] bounds = windowCycles.bounds(start, end, n);
            cycles.add(new Cycle(window, n, bounds[0], bounds[1]));
        }
        return cycles;
    }
}
