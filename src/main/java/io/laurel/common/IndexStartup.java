package io.laurel.common;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/** Creates every feature's indexes before the service takes requests, on whatever MongoDB it runs on. */
@Singleton
public class IndexStartup {

    private static final Logger LOG = Logger.getLogger(IndexStartup.class);
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    void onStart(@Observes @Priority(10) StartupEvent event, Instance<IndexedRepository> repositories) {
        // Runs on the main thread during start-up, never on an event loop: uniqueness must hold from the first request.
        Uni.join().all(repositories.stream().map(IndexedRepository::ensureIndexes).toList()).andFailFast()
                .await().atMost(TIMEOUT);
        LOG.infof("Indexes ready for %d repositories", repositories.stream().count());
    }
}
