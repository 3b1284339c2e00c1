package io.laurel.award.limit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.laurel.badge.ConstraintType;
import io.laurel.badge.EarnLimit.FixedWindow;
import io.laurel.badge.WindowCycles;

/**
 * The cycles of a fixed window, listed and numbered with the one cycle definition ({@link WindowCycles}) the engine
 * counts earns with, in the org's time zone. Arithmetic only: a window of daily cycles over a century is not walked.
 */
public final class FixedWindows {

    private FixedWindows() {
    }

    /** One cycle of one fixed window. */
    public record Cycle(FixedWindow window, long number, Instant start, Instant end) {

        /** The counter this cycle's earns are counted in (a key of {@link LimitScopeDocument#cycles}). */
        public String counter() {
            return window.counter(number);
        }

        public ConstraintType constraintType() {
            return window.type();
        }
    }

    /** The number of the cycle that holds {@code at} (as the engine counts an earn at that time). */
    public static long cycleAt(FixedWindow window, Instant at, ZoneId zone) {
        return window.cycles(zone).cycle(at);
    }

    /** The numbers of the first and last cycle of the window that overlap {@code [from, to)}, or null when none does. */
    public static long[] range(FixedWindow window, Instant from, Instant to, ZoneId zone) {
        Instant lower = from == null || from.isBefore(window.start()) ? window.start() : from;
        Instant upper = to == null || to.isAfter(window.end()) ? window.end() : to;
        if (!upper.isAfter(lower)) {
            return null;
        }
        WindowCycles cycles = window.cycles(zone);
        long first = cycles.cycle(lower);
        long last = cycles.cycle(upper.minusMillis(1));
        return last < first ? null : new long[] {first, last};
    }

    /** The cycles {@code first} to {@code last} of a window, each cut at the window's own start and end. */
    public static List<Cycle> cycles(FixedWindow window, long first, long last, ZoneId zone) {
        WindowCycles windowCycles = window.cycles(zone);
        List<Cycle> cycles = new ArrayList<>();
        for (long n = first; n <= last; n++) {
            Instant[] bounds = windowCycles.bounds(window.start(), window.end(), n);
            cycles.add(new Cycle(window, n, bounds[0], bounds[1]));
        }
        return cycles;
    }
}
