package io.laurel.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How long a request may wait in AdminTask for a checker: {@code laurel.workflow.expire-after} for every type, or
 * the type's own from {@code laurel.workflow.expire-after-by-type} ({@code GOODWILL-POINTS=P1D,EARN-BADGE=PT12H}).
 * A bad entry stops the start with its reason, rather than leaving a request waiting without the deadline meant.
 */
final class Deadlines {

    private final Duration standard;
    private final Map<RequestType, Duration> byType = new EnumMap<>(RequestType.class);

    Deadlines(Duration standard, List<String> byType) {
        this.standard = requirePositive(standard, "laurel.workflow.expire-after");
        for (String entry : byType) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("laurel.workflow.expire-after-by-type: '" + entry
                        + "' is not TYPE=duration (GOODWILL-POINTS=P1D)");
            }
            RequestType type;
            Duration after;
            try {
                type = RequestType.parse(entry.substring(0, eq));
                after = Duration.parse(entry.substring(eq + 1).trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("laurel.workflow.expire-after-by-type: '" + entry + "': "
                        + (e instanceof DateTimeParseException ? "not an ISO-8601 duration" : e.getMessage()), e);
            }
            this.byType.put(type, requirePositive(after, "laurel.workflow.expire-after-by-type " + type.pathName()));
        }
    }

    Duration of(RequestType type) {
        return byType.getOrDefault(type, standard);
    }

    /** The type's deadline as ISO-8601 in whole days where it is (P7D, not PT168H). */
    String text(RequestType type) {
        Duration after = of(type);
        return after.toSeconds() % 86_400 == 0 ? "P" + after.toDays() + "D" : after.toString();
    }

    /** Whether a request of {@code type} made at {@code start} has waited past its deadline at {@code now}. */
    boolean passed(RequestType type, Instant start, Instant now) {
        return !now.isBefore(start.plus(of(type)));
    }

    private static Duration requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
        return duration;
    }
}
