package io.laurel.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which documents this process raised events on lately, by collection: so its publisher reads those documents by id
 * (a lookup on any store) instead of searching a collection for events waiting (which the embedded store answers by
 * a scan). Only a hint for speed: what it misses (a full hint, a process that died) the sweep finds.
 */
final class Raised {

    /** Past this many documents a collection's hint takes no more (the sweep finds the rest). */
    static final int MAX = 100_000;

    private static final Map<String, Map<Object, Long>> RECENT = new ConcurrentHashMap<>();

    private Raised() {
    }

    /** The document {@code id} of {@code collection} raised events at {@code at} (before or after its write). */
    static void on(String collection, Object id, Instant at) {
        if (id == null) {
            return;
        }
        Map<Object, Long> ids = RECENT.computeIfAbsent(collection, c -> new ConcurrentHashMap<>());
        if (ids.size() < MAX) {
            ids.merge(id, at.toEpochMilli(), Math::max);
        }
    }

    /** Up to {@code max} of the collection's hinted documents. */
    static List<Object> of(String collection, int max) {
        Map<Object, Long> ids = RECENT.get(collection);
        List<Object> some = new ArrayList<>();
        if (ids != null) {
            for (Object id : ids.keySet()) {
                if (some.size() == max) {
                    break;
                }
                some.add(id);
            }
        }
        return some;
    }

    /**
     * Forgets the looked-up documents: those published that were hinted before the round began (a document raised
     * again during the round stays), and those not found that were hinted over {@code patience} ago (a write that never
     * landed, or another replica published them); the others are looked up again next round.
     */
    static void done(String collection, List<Object> looked, Set<Object> published, Instant roundStart, Instant now,
            Duration patience) {
        Map<Object, Long> ids = RECENT.get(collection);
        if (ids == null) {
            return;
        }
        long began = roundStart.toEpochMilli();
        long before = now.minus(patience).toEpochMilli();
        for (Object id : looked) {
            long cutoff = published.contains(id) ? began : before;
            ids.computeIfPresent(id, (k, at) -> at < cutoff ? null : at);
        }
    }
}
