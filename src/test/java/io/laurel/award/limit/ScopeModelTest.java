package io.laurel.award.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.laurel.badge.BadgeMetaDocument;
import io.laurel.badge.BadgeMetaDocument.Constraint;
import io.laurel.badge.ConstraintType;
import io.laurel.badge.DurationType;
import io.laurel.badge.EarnLimit;

/**
 * The limit engine against a simple reference model, on random histories: random limits of every customer kind,
 * random event times (late ones included) and random revocations. The engine never accepts an earn the model refuses
 * and never refuses one the model accepts.
 */
class ScopeModelTest {

    static final Instant START = Instant.parse("2025-01-31T10:00:00Z");
    static final long DAY = 86_400_000L;

    /** Seeds 1 to 8 in UTC, and in two zones with daylight-saving changes (and one without, off the hour). */
    static Stream<Arguments> histories() {
        return Stream.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata").flatMap(zone -> LongStream
                .rangeClosed(1, 8).mapToObj(seed -> Arguments.of(seed, ZoneId.of(zone))));
    }

    @ParameterizedTest
    @MethodSource("histories")
    void theEngineDecidesAsTheModel(long seed, ZoneId zone) {
        Random random = new Random(seed);
        BadgeMetaDocument badge = new BadgeMetaDocument();
        badge.startOn = START;
        badge.expiresOn = START.plusMillis(500 * DAY);
        badge.customerConstraints = randomLimits(random);
        LimitScopeDocument counters = new LimitScopeDocument();
        counters.cycles = new HashMap<>();
        counters.days = new HashMap<>();
        List<Instant> live = new ArrayList<>();
        List<List<String>> held = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        for (int step = 0; step < 1_500; step++) {
            if (!live.isEmpty() && random.nextInt(6) == 0) {
                int which = random.nextInt(live.size());
                live.remove(which);
                release(counters, held.remove(which));
                continue;
            }
            Instant event = START.plusMillis((long) (random.nextDouble() * 400 * DAY));
            Scope scope = Scope.of(EarnLimit.of(badge, EarnLimit.Level.CUSTOMER), true, "c:test", event, zone);
            boolean engine = scope.violation(counters) == null;
            boolean model = modelAccepts(badge.customerConstraints, live, event, zone);
            assertEquals(model, engine, "seed " + seed + " zone " + zone + " step " + step + " event " + event + " limits "
                    + describe(badge.customerConstraints) + " live " + live.size());
            if (engine) {
                live.add(event);
                held.add(scope.fields);
                apply(counters, scope.fields, 1);
                accepted++;
            } else {
                refused++;
            }
        }
        // The histories must exercise both answers, or the comparison says little.
        assertEquals(true, accepted > 20 && refused > 20, "accepted " + accepted + ", refused " + refused);
    }

    // ---- the reference model: count the live events, limit by limit ----

    static boolean modelAccepts(List<Constraint> limits, List<Instant> live, Instant event, ZoneId zone) {
        for (Constraint c : limits) {
            switch (c.constraintType) {
                case CUSTOMER_BADGE_FIXED_VALUE -> {
                    if (live.size() + 1 > c.maxEarnLimit) {
                        return false;
                    }
                }
                case CUSTOMER_BADGE_FIXED_WINDOW -> {
                    Instant[] cycle = cycleOf(c, event, zone);
                    long in = live.stream().filter(t -> !t.isBefore(cycle[0]) && t.isBefore(cycle[1])).count();
                    if (in + 1 > c.maxEarnLimit) {
                        return false;
                    }
                }
                case CUSTOMER_BADGE_ROLLING_WINDOW -> {
                    if (!rollingFits(live, event, DurationType.DAYS, c.rollForDays, c.maxEarnForDays, zone)
                            || !rollingFits(live, event, DurationType.WEEKS, c.rollForWeeks, c.maxEarnForWeeks, zone)
                            || !rollingFits(live, event, DurationType.MONTHS, c.rollForMonths, c.maxEarnForMonths,
                                    zone)) {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        return true;
    }

    /**
     * The cycle holding the event, found by walking from the start: from the midnight (in the zone) of the start's
     * day, or for weeks with a first day of the week, of that day on or before it, n periods at a time.
     */
    static Instant[] cycleOf(Constraint c, Instant event, ZoneId zone) {
        LocalDate first = LocalDate.ofInstant(START, zone);
        if (c.durationType == DurationType.WEEKS && c.startDayOfTheWeek != null) {
            while (first.getDayOfWeek().getValue() != c.startDayOfTheWeek) {
                first = first.minusDays(1);
            }
        }
        for (long n = 0;; n++) {
            Instant from = period(c, first, n).atStartOfDay(zone).toInstant();
            Instant to = period(c, first, n + 1).atStartOfDay(zone).toInstant();
            if (!event.isBefore(from) && event.isBefore(to)) {
                return new Instant[] {from, to};
            }
        }
    }

    static LocalDate period(Constraint c, LocalDate first, long n) {
        return switch (c.durationType) {
            case DAYS -> first.plusDays(n * c.refreshRate);
            case WEEKS -> first.plusDays(n * c.refreshRate * 7);
            case MONTHS -> first.plusMonths(n * c.refreshRate);
        };
    }

    /**
     * Every window of {@code length} units that ends on a day from the event's to the last day that could hold it
     * must have room: its live events plus this one at most {@code max}.
     */
    static boolean rollingFits(List<Instant> live, Instant event, DurationType unit, Integer length, Integer max,
            ZoneId zone) {
        if (length == null || max == null) {
            return true;
        }
        LocalDate day = LocalDate.ofInstant(event, zone);
        for (LocalDate end = day; !windowStart(end, unit, length).isAfter(day); end = end.plusDays(1)) {
            LocalDate from = windowStart(end, unit, length);
            LocalDate to = end;
            long in = live.stream().map(t -> LocalDate.ofInstant(t, zone))
                    .filter(d -> !d.isBefore(from) && !d.isAfter(to)).count();
            if (in + 1 > max) {
                return false;
            }
        }
        return true;
    }

    /** The first day of the window of {@code length} units ending on {@code end} (inclusive). */
    static LocalDate windowStart(LocalDate end, DurationType unit, int length) {
        return switch (unit) {
            case DAYS -> end.minusDays(length - 1L);
            case WEEKS -> end.minusDays(7L * length - 1);
            case MONTHS -> end.minusMonths(length).plusDays(1);
        };
    }

    // ---- random limits and the counters' bookkeeping ----

    static List<Constraint> randomLimits(Random random) {
        List<Constraint> limits = new ArrayList<>();
        if (random.nextBoolean()) {
            Constraint c = new Constraint();
            c.constraintType = ConstraintType.CUSTOMER_BADGE_FIXED_VALUE;
            c.maxEarnLimit = 30 + random.nextInt(60);
            limits.add(c);
        }
        Constraint window = new Constraint();
        window.constraintType = ConstraintType.CUSTOMER_BADGE_FIXED_WINDOW;
        window.referenceId = "w";
        window.durationType = DurationType.values()[random.nextInt(3)];
        window.refreshRate = 1 + random.nextInt(3);
        window.maxEarnLimit = 1 + random.nextInt(4);
        window.startDayOfTheWeek = window.durationType == DurationType.WEEKS && random.nextBoolean()
                ? 1 + random.nextInt(7) : null;
        limits.add(window);
        Constraint rolling = new Constraint();
        rolling.constraintType = ConstraintType.CUSTOMER_BADGE_ROLLING_WINDOW;
        rolling.rollForDays = 1 + random.nextInt(5);
        rolling.maxEarnForDays = 1 + random.nextInt(3);
        if (random.nextBoolean()) {
            rolling.rollForWeeks = 1 + random.nextInt(3);
            rolling.maxEarnForWeeks = 2 + random.nextInt(5);
        }
        if (random.nextBoolean()) {
            rolling.rollForMonths = 1 + random.nextInt(2);
            rolling.maxEarnForMonths = 3 + random.nextInt(8);
        }
        limits.add(rolling);
        return limits;
    }

    static void apply(LimitScopeDocument counters, List<String> fields, long n) {
        for (String field : fields) {
            if (field.equals("total")) {
                counters.total += n;
            } else if (field.startsWith("cycles.")) {
                counters.cycles.merge(field.substring("cycles.".length()), n, Long::sum);
            } else if (field.startsWith("days.")) {
                counters.days.merge(field.substring("days.".length()), n, Long::sum);
            }
        }
    }

    static void release(LimitScopeDocument counters, List<String> fields) {
        apply(counters, fields, -1);
    }

    static String describe(List<Constraint> limits) {
        StringBuilder text = new StringBuilder();
        for (Constraint c : limits) {
            text.append(c.constraintType).append(' ').append(c.maxEarnLimit).append(' ').append(c.durationType).append('x')
                    .append(c.refreshRate).append(" d").append(c.rollForDays).append('/').append(c.maxEarnForDays)
                    .append(" w").append(c.rollForWeeks).append('/').append(c.maxEarnForWeeks).append(" m")
                    .append(c.rollForMonths).append('/').append(c.maxEarnForMonths).append("; ");
        }
        return text.toString();
    }
}
