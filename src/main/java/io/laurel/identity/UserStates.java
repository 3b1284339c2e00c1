package io.laurel.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.laurel.common.LaurelConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * What every replica knows of the users, so that a token follows its user without a database read per request: whether
 * the user is active, their roles now, and before when their tokens are void. Loaded whole at start-up, then every
 * {@code laurel.identity.refresh} the users changed since the last look are read again; a change made on this replica
 * applies at once.
 */
@ApplicationScoped
public class UserStates {

    private static final Logger LOG = Logger.getLogger(UserStates.class);
    /** Changes are read again for this long after they are first seen: replicas' clocks and late writes differ. */
    private static final Duration OVERLAP = Duration.ofMinutes(2);

    /** One user as tokens see them. */
    public record State(long orgId, Set<String> roles, boolean active, int tokenVersion, Instant updatedOn) {
        static State of(UserDocument user) {
            return new State(user.orgId, user.roles == null ? Set.of() : Set.copyOf(user.roles), user.active(), user.tokenVersion,
                    user.updatedOn == null ? user.createdOn : user.updatedOn);
        }
    }

    private final UserRepository users;
    private final Map<Long, State> states = new ConcurrentHashMap<>();
    private volatile Instant seenUntil = Instant.EPOCH;

    UserStates(UserRepository users) {
        this.users = users;
    }

    // After the indexes (10) and the bootstrap admin (20); start-up runs on the main thread, not an event loop.
    void onStart(@Observes @Priority(30) StartupEvent event, LaurelConfig config) {
        if (config.identity().refresh().compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalStateException("LAUREL_IDENTITY_REFRESH must be at most 30 s: it bounds how long a "
                    + "deactivated user's token still works on another replica");
        }
        refresh().await().atMost(Duration.ofSeconds(60));
        LOG.infof("User states loaded: %d users", states.size());
    }

    /** The user's state, or null for a user this service does not know. */
    public State get(long userId) {
        return states.get(userId);
    }

    /** Applies a change made here at once (other replicas read it on their next refresh). */
    void apply(UserDocument user) {
        states.merge(user.userId, State.of(user), UserStates::newer);
    }

    /** Reads the users changed since the last look (all of them the first time). */
    @Scheduled(every = "${laurel.identity.refresh}", delayed = "${laurel.identity.refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        Instant since = seenUntil.equals(Instant.EPOCH) ? Instant.EPOCH : seenUntil.minus(OVERLAP);
        return users.changedSince(since).invoke(changed -> changed.forEach(user -> {
            apply(user);
            Instant at = user.updatedOn == null ? user.createdOn : user.updatedOn;
            if (at != null && at.isAfter(seenUntil)) {
                seenUntil = at;
            }
        })).replaceWithVoid();
    }

    private static State newer(State known, State read) {
        if (known.updatedOn() == null || read.updatedOn() == null) {
            return read;
        }
        return read.updatedOn().isBefore(known.updatedOn()) ? known : read;
    }
}
