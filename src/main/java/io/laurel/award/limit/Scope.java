package io.laurel.award.limit;

import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;

import io.laurel.badge.BadgeMetaDocument;
import io.laurel.badge.DurationType;
import io.laurel.badge.EarnLimit;

/**
 * The limits of one scope for one earn event: which counters the earn adds to, and whether it may.
 * Fixed values and fixed windows are plain counters; rolling windows need the per-day counts around the event.
 */
final class Scope {

    /** A counter that may not exceed {@code max}. */
    record Counter(String field, long max, String description, EarnLimit source) {
    }

    /** At most {@code max} earns in any {@code length} ending on a day. */
    record Rolling(DurationType unit, int length, long max, String description, EarnLimit.RollingWindow source) {

        long startDay(long endDay) {
            return switch (unit) {
                case DAYS -> endDay - length + 1;
                case WEEKS -> endDay - 7L * length + 1;
                case MONTHS -> LocalDate.ofEpochDay(endDay).minusMonths(length).toEpochDay() + 1;
            };
        }

        long longestSpanDays() {
            return switch (unit) {
                case DAYS -> length;
                case WEEKS -> 7L * length;
                case MONTHS -> 31L * length;
            };
        }
    }

    final String id;
    final boolean perCustomer;
    final long day;
    final List<Counter> counters = new ArrayList<>();
    final List<Rolling> rolling = new ArrayList<>();
    /** The fields this earn increments: total, its cycles, and its day when rolling windows need days. */
    final List<String> fields = new ArrayList<>();

    private Scope(String id, boolean perCustomer, Instant event, ZoneId zone) {
        this.id = id;
        this.perCustomer = perCustomer;
        this.day = LocalDate.ofInstant(event, zone).toEpochDay();
        fields.add("total");
    }

    static String customerScopeId(BadgeMetaDocument badge, long customerId) {
        return "c:" + badge.id.toHexString() + ":" + customerId;
    }

    /** The scope's limits for an earn at {@code event}, days and cycles counted in the org's {@code zone}. */
    static Scope of(List<EarnLimit> limits, boolean perCustomer, String id, Instant event, ZoneId zone) {
        Scope scope = new Scope(id, perCustomer, event, zone);
        for (EarnLimit limit : limits) {
            if (limit instanceof EarnLimit.FixedValue v) {
                scope.counters.add(new Counter("total", v.max(), v.description(), v));
            } else if (limit instanceof EarnLimit.FixedWindow w) {
                String field = "cycles." + w.counter(w.cycles(zone).cycle(event));
                scope.fields.add(field);
                scope.counters.add(new Counter(field, w.max(), w.description(), w));
            } else if (limit instanceof EarnLimit.RollingWindow r) {
                scope.rolling.add(new Rolling(r.unit(), r.length(), r.max(), r.description(), r));
            } // NoLimit: nothing to count beyond the total
        }
        if (!scope.rolling.isEmpty()) {
            scope.fields.add("days." + scope.day);
        }
        return scope;
    }

    boolean limited() {
        return !counters.isEmpty() || !rolling.isEmpty();
    }

    /**
     * The limits as one query on the scope, so that a reservation is a single conditional update without a read: each
     * counter below its maximum (a missing counter is zero), and, with rolling windows, no earn on a later day than
     * this event's ({@code lastDay}, which must be there) and each window ending on the event's day below its maximum,
     * summed by the store ({@code $expr}). Without earns on later days, a window ending later holds no more than the
     * one ending on the event's day, so that window decides. A late event (earns on later days) does not match: its
     * reservation reads the days first ({@link #violation}).
     */
    Bson condition() {
        List<Bson> conditions = new ArrayList<>();
        for (Counter counter : counters) {
            conditions.add(Filters.or(Filters.exists(counter.field, false), Filters.lt(counter.field, counter.max)));
        }
        if (!rolling.isEmpty()) {
            // A scope without lastDay (new, or counted before it was kept) takes the reading path once, which sets it.
            conditions.add(Filters.lte("lastDay", day));
            List<Document> windows = new ArrayList<>();
            for (Rolling window : rolling) {
                List<Object> days = new ArrayList<>();
                for (long d = window.startDay(day); d <= day; d++) {
                    days.add(new Document("$ifNull", Arrays.asList("$days." + d, 0L)));
                }
                windows.add(new Document("$lt", Arrays.asList(new Document("$add", days), window.max)));
            }
            conditions.add(new Document("$expr", windows.size() == 1 ? windows.get(0) : new Document("$and", windows)));
        }
        return conditions.isEmpty() ? Filters.empty() : Filters.and(conditions);
    }

    /**
     * How full each limit is for an earn at this scope's event: the count it is checked against and its maximum. A
     * counter's count is the counter; a rolling window's is the fullest window the event falls into (the one ending
     * on its day, and, for late events, those ending on later days that already have earns). An earn passes a limit
     * when {@code count + 1 <= max}: the enforcer ({@link #violation}) and the explainer read this one list.
     */
    List<Fill> fills(LimitScopeDocument scope) {
        List<Fill> fills = new ArrayList<>();
        for (Counter counter : counters) {
            fills.add(new Fill(counter.source, counter.description, value(scope, counter.field), counter.max, null,
                    counter.field));
        }
        if (rolling.isEmpty()) {
            return fills;
        }
        TreeMap<Long, Long> days = new TreeMap<>();
        if (scope != null && scope.days != null) {
            scope.days.forEach((k, v) -> days.put(Long.parseLong(k), v));
        }
        for (Rolling window : rolling) {
            List<Long> ends = new ArrayList<>();
            ends.add(day);
            ends.addAll(days.subMap(day, false, day + window.longestSpanDays(), false).keySet());
            long fullest = 0;
            for (long end : ends) {
                long start = window.startDay(end);
                if (day < start) {
                    continue;
                }
                fullest = Math.max(fullest, days.subMap(start, true, end, true).values().stream()
                        .mapToLong(Long::longValue).sum());
            }
            fills.add(new Fill(window.source, window.description, fullest, window.max, window, null));
        }
        return fills;
    }

    /** One limit's state for an earn at the scope's event; {@code rolling} or {@code field} says which limit. */
    record Fill(EarnLimit source, String description, long count, long max, Rolling rolling, String field) {
        boolean full() {
            return count + 1 > max;
        }
    }

    /** The first limit this earn would break given the scope's current counts, or null. */
    String violation(LimitScopeDocument scope) {
        for (Fill fill : fills(scope)) {
            if (fill.full()) {
                return fill.description();
            }
        }
        return null;
    }

    private static long value(LimitScopeDocument scope, String field) {
        if (scope == null) {
            return 0;
        }
        if (field.equals("total")) {
            return scope.total;
        }
        Map<String, Long> cycles = scope.cycles == null ? Map.of() : scope.cycles;
        return cycles.getOrDefault(field.substring("cycles.".length()), 0L);
    }
}
