package io.laurel.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

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
    static final int MAX_USERNAME = 128;
    private static final Duration REMEMBER = Duration.ofSeconds(60);
    private static final int MAX_REMEMBERED = 10_000;
    /** Compared against when the user does not exist, so a miss costs as long as a wrong password. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("laurel-no-such-user", BCRYPT_COST);

    private final UserRepository users;
    private final LoginThrottle throttle;
    private final ThreadPoolExecutor bcrypt;
    private final byte[] cacheKey = new byte[32];
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    /** Checks under way, by the same key as {@link #remembered}. */
    private final Map<String, CompletableFuture<Boolean>> checking = new ConcurrentHashMap<>();

    private record Remembered(String passwordHash, long expiresAtNanos) {
    }

    /** The two hashes kept of a password: of itself, and of its MD5 in hex (the platform's Basic form). */
    public record Hashes(String plain, String md5) {
    }

    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-fA-F]{32}");

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
        // A name no user can have (usernames are at most 128 characters) is refused without a check or a count.
        if (normalized == null || normalized.length() > MAX_USERNAME || password == null || password.isEmpty()) {
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
            // A secret shaped like an MD5 in hex may be the platform's Basic form: checked against that hash too (an
            // unknown user costs the same two checks, so the time does not tell whether the user exists).
            boolean md5Form = MD5_HEX.matcher(password).matches() && (user == null || user.md5PasswordHash != null);
            String md5Hash = user == null ? DUMMY_HASH : user.md5PasswordHash;
            return throttle.check(normalized)
                    .chain(counted -> matches(key, password, hash)
                            .chain(plain -> plain || !md5Form ? Uni.createFrom().item(plain)
                                    : matches(key + "|md5", password.toLowerCase(Locale.ROOT), md5Hash))
                            .chain(matches -> {
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

    /** bcrypt of a new password and of its MD5 in hex, off the event loop, on the same bounded pool. */
    public Uni<Hashes> hashes(String password) {
        return run(() -> new Hashes(BcryptUtil.bcryptHash(password, BCRYPT_COST),
                BcryptUtil.bcryptHash(md5Hex(password), BCRYPT_COST)));
    }

    /** The lower-case hex MD5 of the password's UTF-8 bytes, as the platform's Basic clients send it. */
    static String md5Hex(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    private <T> Uni<T> run(Supplier<T> work) {
        return answer(submit(work));
    }

    /**
     * Whether the password matches the hash, checked once for all the callers that ask the same at the same time (a
     * Basic client opening many requests at once costs one check, not one each).
     */
    private Uni<Boolean> matches(String key, String password, String hash) {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> underWay = checking.putIfAbsent(key, mine);
        if (underWay != null) {
            return answer(underWay);
        }
        submit(() -> BcryptUtil.matches(password, hash)).whenComplete((result, failure) -> {
            checking.remove(key, mine);
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(result);
            }
        });
        return answer(mine);
    }

    /** On the bcrypt pool; a full queue fails at once with 429 rather than a wait nobody can bound. */
    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            bcrypt.execute(() -> {
                long started = System.nanoTime();
                try {
                    result.complete(work.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
                rest(System.nanoTime() - started);
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new LoginThrottle.Busy());
        }
        return result;
    }

    /** The result, handed back on the caller's Vert.x context (where its request context lives). */
    private static <T> Uni<T> answer(CompletableFuture<T> result) {
        return Uni.createFrom().emitter(emitter -> {
            Context caller = Vertx.currentContext();
            result.whenComplete((item, failure) -> back(caller, () -> {
                if (failure != null) {
                    emitter.fail(failure instanceof CompletionException ? failure.getCause() : failure);
                } else {
                    emitter.complete(item);
                }
            }));
        });
    }

    /**
     * After a check, its thread rests as long as the check took, so that checks use at most half of their threads'
     * time: under a flood of wrong passwords the cores stay free for the requests that carry tokens. The answer has
     * already gone back; only the next check waits.
     */
    private static void rest(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
