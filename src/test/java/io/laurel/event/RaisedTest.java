package io.laurel.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The publisher's hint of documents raised lately: what it forgets after a round, and what it keeps. */
class RaisedTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void aPublishedDocumentIsForgottenUnlessRaisedAgainDuringTheRound() {
        String collection = "c-" + UUID.randomUUID();
        Instant start = Instant.now();
        Raised.on(collection, "published", start.minusMillis(5));
        Raised.on(collection, "again", start.plusMillis(5));
        List<Object> looked = Raised.of(collection, 10);
        assertEquals(Set.of("published", "again"), Set.copyOf(looked));
        Raised.done(collection, looked, Set.of("published", "again"), start, start.plusMillis(10), PATIENCE);
        assertEquals(List.of("again"), Raised.of(collection, 10), "raised again during the round: looked up again");
    }

    @Test
    void aDocumentNotFoundIsLookedUpAgainUntilItsPatienceRunsOut() {
        String collection = "c-" + UUID.randomUUID();
        Instant raised = Instant.now();
        Raised.on(collection, "landing", raised);
        Raised.done(collection, Raised.of(collection, 10), Set.of(), raised, raised.plusSeconds(3), PATIENCE);
        assertEquals(List.of("landing"), Raised.of(collection, 10), "its write may land yet");
        Raised.done(collection, Raised.of(collection, 10), Set.of(), raised, raised.plusSeconds(11), PATIENCE);
        assertEquals(List.of(), Raised.of(collection, 10), "never landed, or another replica published it");
    }

    @Test
    void aFullHintTakesNoMoreAndABatchIsBounded() {
        String collection = "c-" + UUID.randomUUID();
        Instant now = Instant.now();
        for (int i = 0; i < Raised.MAX + 5; i++) {
            Raised.on(collection, i, now);
        }
        assertEquals(500, Raised.of(collection, 500).size());
        Raised.done(collection, Raised.of(collection, Raised.MAX + 5), Set.of(), now, now.plusSeconds(60), PATIENCE);
        assertEquals(0, Raised.of(collection, 10).size());
        Raised.on(collection, null, now);
        assertEquals(0, Raised.of(collection, 10).size(), "an unknown id is no hint");
    }
}
