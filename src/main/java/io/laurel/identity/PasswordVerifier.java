package io.laurel.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Checks a username and password against the stored bcrypt hash, off the event loop.
 * Basic callers send their password on every request; a successful check is remembered for a minute under an
 * HMAC of the credentials (keyed per process, never stored), so repeated calls skip bcrypt. A changed hash misses.
 */
@ApplicationScoped
public class PasswordVerifier {

    static final int BCRYPT_COST = 10;
    private static final Duration REMEMBER = Duration.ofSeconds(60);
    private static final int MAX_REMEMBERED = 10_000;
    /** Compared against when the user does not exist, so a miss costs as long as a wrong password. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("laurel-no-such-user", BCRYPT_COST);

    private final UserRepository users;
    private final byte[] cacheKey = new byte[32];
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(String passwordHash, long expiresAtNanos) {
    }

    PasswordVerifier(UserRepository users) {
        this.users = users;
        new SecureRandom().nextBytes(cacheKey);
    }

    /** The user whose password matches, or null. */
    public Uni<UserDocument> verify(String username, String password) {
        String normalized = UserService.normalizeUsername(username);
        if (normalized == null || password == null || password.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return users.findByUsername(normalized).chain(user -> {
            String key = rememberKey(normalized, password);
            Remembered hit = remembered.get(key);
            if (user != null && hit != null && hit.passwordHash.equals(user.passwordHash)
                    && hit.expiresAtNanos - System.nanoTime() > 0) {
                return Uni.createFrom().item(user);
            }
            String hash = user == null ? DUMMY_HASH : user.passwordHash;
            return hash(() -> BcryptUtil.matches(password, hash)).map(matches -> {
                if (!matches || user == null) {
                    return null;
                }
                if (remembered.size() >= MAX_REMEMBERED) {
                    remembered.clear();
                }
                remembered.put(key, new Remembered(user.passwordHash, System.nanoTime() + REMEMBER.toNanos()));
                return user;
            });
        });
    }

    /** bcrypt of a new password, off the event loop. */
    public Uni<String> hash(String password) {
        return hash(() -> BcryptUtil.bcryptHash(password, BCRYPT_COST));
    }

    private static <T> Uni<T> hash(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
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
