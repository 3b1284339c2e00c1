package io.laurel.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import io.laurel.common.ApiException;
import io.laurel.common.ErrorCode;
import io.laurel.common.IndexedRepository;
import io.laurel.common.LaurelConfig;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * Wrong passwords counted per username in the database, so that every replica shares the count: after
 * {@code laurel.identity.max-failed-logins} within {@code laurel.identity.login-window} from the first, further tries
 * for that username get 429 with Retry-After until the window has passed. A correct password clears the count.
 */
@ApplicationScoped
public class LoginThrottle implements IndexedRepository {

    public static final String COLLECTION = "login_failures";

    private final ReactiveMongoCollection<Document> failures;
    private final int max;
    private final Duration window;

    LoginThrottle(ReactiveMongoClient mongo, LaurelConfig config,
            @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.failures = mongo.getDatabase(database).getCollection(COLLECTION);
        this.max = config.identity().maxFailedLogins();
        this.window = config.identity().loginWindow();
    }

    /** Counts of usernames nobody tries any more go away by themselves (a TTL index, on MongoDB). */
    @Override
    public Uni<Void> ensureIndexes() {
        return failures.createIndex(Indexes.ascending("since"), new IndexOptions().name("login_failures_ttl")
                .expireAfter(window.toSeconds(), TimeUnit.SECONDS)).replaceWithVoid();
    }

    /** The wrong passwords counted for the username; fails with 429 while it is locked. */
    Uni<Integer> check(String username) {
        return failures.find(Filters.eq("_id", username)).collect().first().map(doc -> {
            int counted = doc == null ? 0 : doc.getInteger("failures", 0);
            if (counted >= max) {
                Instant until = doc.getDate("since").toInstant().plus(window);
                long seconds = Duration.between(Times.now(), until).toSeconds() + 1;
                if (seconds > 0) {
                    throw new Locked(seconds);
                }
            }
            return counted;
        });
    }

    /** Counts a wrong password: within the current window, or as the first of a new one. */
    Uni<Void> failed(String username) {
        Instant now = Times.now();
        return failures.findOneAndUpdate(Filters.and(Filters.eq("_id", username),
                Filters.gt("since", Date.from(now.minus(window)))), Updates.inc("failures", 1),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))
                .chain(counted -> counted != null ? Uni.createFrom().voidItem()
                        : failures.replaceOne(Filters.eq("_id", username),
                                new Document("_id", username).append("failures", 1).append("since", Date.from(now)),
                                new ReplaceOptions().upsert(true)).replaceWithVoid())
                // Two first failures at once: one creates the window, the other is counted in it.
                .onFailure(SequenceRepository::isDuplicateKey).recoverWithUni(() -> failures.updateOne(
                        Filters.eq("_id", username), Updates.inc("failures", 1)).replaceWithVoid());
    }

    /** A correct password: the count starts again. */
    Uni<Void> succeeded(String username) {
        return failures.deleteOne(Filters.eq("_id", username)).replaceWithVoid();
    }

    /** 429 for a locked username. */
    static final class Locked extends ApiException {
        private final long retryAfter;

        Locked(long retryAfter) {
            super(ErrorCode.TOO_MANY_ATTEMPTS, "Too many wrong passwords for this username; retry in " + retryAfter
                    + " s", "username");
            this.retryAfter = retryAfter;
        }

        @Override
        public long retryAfterSeconds() {
            return retryAfter;
        }
    }

    /** 429 when more password checks wait than the queue holds. */
    static final class Busy extends ApiException {
        Busy() {
            super(ErrorCode.TOO_MANY_ATTEMPTS, "Too many password checks at once; retry in a second", null);
        }

        @Override
        public long retryAfterSeconds() {
            return 1;
        }
    }
}
