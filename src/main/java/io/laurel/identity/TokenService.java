package io.laurel.identity;

import java.util.HashSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.laurel.common.LaurelConfig;
import io.smallrye.jwt.build.Jwt;

/** Issues RS256 tokens carrying iss, sub (userId), upn, orgId, groups and exp. */
@ApplicationScoped
public class TokenService {

    private final JwtKeys keys;
    private final String issuer;
    private final long ttlSeconds;

    TokenService(JwtKeys keys, LaurelConfig config) {
        this.keys = keys;
        this.issuer = config.jwt().issuer();
        this.ttlSeconds = config.jwt().tokenTtl().toSeconds();
    }

    public TokenView issue(UserDocument user) {
        String token = keys.sign(Jwt.issuer(issuer)
                .subject(Long.toString(user.userId))
                .upn(user.username)
                .groups(new HashSet<>(user.roles))
                .claim("orgId", user.orgId)
                .expiresIn(ttlSeconds));
        return new TokenView(token, "Bearer", ttlSeconds);
    }
}
