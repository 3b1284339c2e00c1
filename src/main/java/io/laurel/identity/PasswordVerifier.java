package io.laurel.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.laurel.common.LaurelConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Checks a username and password against the stored bcrypt hash, off the event loop, on a small pool of its own: a
 * flood of wrong passwords (each check costs about 80 ms of a core) waits in a bounded queue, or gets 429, instead of
 * taking every core from the requests that carry tokens. Wrong passwords are counted per username
 * ({@link LoginThrottle}). Basic callers send their password on every request; a successful check is remembered for
 * a minute under an HMAC of the credentials (keyed per process, never stored), so repeated calls skip bcrypt and the
 * throttle. A changed hash misses; a deactivated user never passes.
 */
@ApplicationScoped
public class PasswordVerifier {

    static final int BCRYPT_COST = 10;
    private static final Duration REMEMBER = Duration.ofSeconds(60);
    private static final int MAX_REMEMBERED = 10_000;
    /** Compared against when the user does not exist, so a miss costs as long as a wrong password. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("laurel-no-such-user", BCRYPT_COST);

    private final UserRepository users;
    private final LoginThrottle throttle;
    private final ThreadPoolExecutor bcrypt;
    private final byte[] cacheKey = new byte[32];
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(String passwordHash, long expiresAtNanos) {
    }

    PasswordVerifier(UserRepository users, LoginThrottle throttle, LaurelConfig config) {
        this.users = users;
        this.throttle = throttle;
        int threads = config.identity().passwordChecks()
                .orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        AtomicInteger count = new AtomicInteger();
        this.bcrypt = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.identity().passwordCheckQueue()), work -> {
                    Thread thread = new Thread(work, "laurel-bcrypt-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        new SecureRandom().nextBytes(cacheKey);
    }

    @PreDestroy
    void close() {
        bcrypt.shutdownNow();
    }

    /** The active user whose password matches, or null; a 429 failure while the username is locked or checks pile up. */
    public Uni<UserDocument> verify(String username, String password) {
        String normalized = UserService.normalizeUsername(username);
        if (normalized == null || password == null || password.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return users.findByUsername(normalized).chain(user -> {
            if (user != null && !user.active()) {
                return Uni.createFrom().nullItem();
            }
            String key = rememberKey(normalized, password);
            Remembered hit = remembered.get(key);
            if (user != null && hit != null && hit.passwordHash.equals(user.passwordHash)
                    && hit.expiresAtNanos - System.nanoTime() > 0) {
                return Uni.createFrom().item(user);
            }
            String hash = user == null ? DUMMY_HASH : user.passwordHash;
            return throttle.check(normalized)
                    .chain(counted -> run(() -> BcryptUtil.matches(password, hash)).chain(matches -> {
                        if (!matches || user == null) {
                            return throttle.failed(normalized).replaceWith((UserDocument) null);
                        }
                        if (remembered.size() >= MAX_REMEMBERED) {
                            remembered.clear();
                        }
                        remembered.put(key, new Remembered(user.passwordHash, System.nanoTime() + REMEMBER.toNanos()));
                        return counted == 0 ? Uni.createFrom().item(user)
                                : throttle.succeeded(normalized).replaceWith(user);
                    }));
        });
    }

    /** bcrypt of a new password, off the event loop. */
    public Uni<String> hash(String password) {
        return run(() -> BcryptUtil.bcryptHash(password, BCRYPT_COST));
    }

    /**
     * On the bcrypt pool, the result handed back on the caller's Vert.x context (where its request context lives); a
     * full queue is a 429 at once rather than a wait nobody can bound.
     */
    private <T> Uni<T> run(Supplier<T> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context caller = Vertx.currentContext();
            try {
                bcrypt.execute(() -> {
                    T result;
                    try {
                        result = work.get();
                    } catch (RuntimeException e) {
                        back(caller, () -> emitter.fail(e));
                        return;
                    }
                    back(caller, () -> emitter.complete(result));
                });
            } catch (RejectedExecutionException e) {
                emitter.fail(new LoginThrottle.Busy());
            }
        });
    }

    private static void back(Context context, Runnable action) {
        if (context == null) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    private String rememberKey(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
