package io.laurel.event;

import java.time.Instant;
import java.util.Map;

/**
 * A change as subscribers see it: its id (stable, so a receiver drops repeats by it), type, org, time, and the
 * fields a client needs without calling back ({@code data}, in the order given).
 */
public record Event(String id, String type, long orgId, Instant time, Map<String, Object> data) {

    /** The event {@code raised} by a document of {@code orgId}. */
    public static Event of(PendingEvents.Pending raised, long orgId, Map<String, Object> data) {
        return new Event(raised.eventId, raised.type, orgId, raised.at, data);
    }

    /** Each event a document raised, with the data {@code data} gives for its type. */
    public static java.util.stream.Stream<Event> each(PendingEvents events, long orgId,
            java.util.function.Function<PendingEvents.Pending, Map<String, Object>> data) {
        return events == null || events.pending == null ? java.util.stream.Stream.empty()
                : events.pending.stream().map(p -> of(p, orgId, data.apply(p)));
    }
}
