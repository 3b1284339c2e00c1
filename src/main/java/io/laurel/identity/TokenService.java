package io.laurel.identity;

import java.time.Instant;
import java.util.HashSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.laurel.common.LaurelConfig;
import io.smallrye.jwt.build.Jwt;

/** Issues RS256 tokens carrying iss, aud, sub (userId), upn, orgId, groups, iat and exp. */
@ApplicationScoped
public class TokenService {

    /** The user's token version when the token was issued ({@link UserDocument#tokenVersion}). */
    static final String VERSION_CLAIM = "ver";

    private final JwtKeys keys;
    private final String issuer;
    private final String audience;
    private final long ttlSeconds;

    TokenService(JwtKeys keys, LaurelConfig config,
            @ConfigProperty(name = "smallrye.jwt.time-to-live") long maxLifetimeSeconds) {
        this.keys = keys;
        this.issuer = config.jwt().issuer();
        this.audience = config.jwt().audience();
        this.ttlSeconds = config.jwt().tokenTtl().toSeconds();
        if (maxLifetimeSeconds > 0 && ttlSeconds > maxLifetimeSeconds) {
            // Every token issued would be refused by verification: say so at start-up instead.
            throw new IllegalStateException("LAUREL_JWT_TOKEN_TTL (" + ttlSeconds + " s) is longer than the longest "
                    + "token lifetime accepted, SMALLRYE_JWT_TIME_TO_LIVE (" + maxLifetimeSeconds + " s)");
        }
    }

    public TokenView issue(UserDocument user) {
        String token = keys.sign(Jwt.issuer(issuer)
                .audience(audience)
                .issuedAt(Instant.now())
                .subject(Long.toString(user.userId))
                .upn(user.username)
                .groups(new HashSet<>(user.roles))
                .claim("orgId", user.orgId)
                .claim(VERSION_CLAIM, user.tokenVersion)
                .expiresIn(ttlSeconds));
        return new TokenView(token, "Bearer", ttlSeconds);
    }
}
