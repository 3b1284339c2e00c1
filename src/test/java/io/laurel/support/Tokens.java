package io.laurel.support;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Tokens minted in tests with the test key (src/test/resources/test-jwt) or, for forgeries, another key. */
public final class Tokens {

    public static final String ISSUER = "laurel";
    public static final String AUDIENCE = "laurel";

    private Tokens() {
    }

    /**
     * The user id a minted token carries for test user {@code n}: far above the ids the store gives real users, so that
     * a minted token never names a real user of another org (Laurel refuses such a token).
     */
    public static long userId(long n) {
        return 1_000_000_000L + n;
    }

    public static JwtClaimsBuilder claims(long userId, String username, long orgId, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(Long.toString(userId(userId))).upn(username).claim("orgId", orgId)
                .groups(Set.of(roles)).issuedAt(Instant.now()).expiresIn(600);
    }

    public static String valid(long userId, String username, long orgId, String... roles) {
        return claims(userId, username, orgId, roles).sign();
    }

    /** Expired an hour ago: beyond any clock-skew allowance. */
    public static String expired(long userId, String username, long orgId, String... roles) {
        Instant now = Instant.now();
        return claims(userId, username, orgId, roles).issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(3600))
                .sign();
    }

    public static String forged(long userId, String username, long orgId, String... roles) {
        return claims(userId, username, orgId, roles).jws().sign(otherKey());
    }

    public static String otherIssuer(long userId, String username, long orgId, String... roles) {
        return claims(userId, username, orgId, roles).issuer("someone-else").sign();
    }

    /** The same claims with {@code alg: none} and no signature. */
    public static String unsigned(long userId, String username, long orgId, String... roles) {
        String signed = valid(userId, username, orgId, roles);
        String payload = signed.split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    public static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
