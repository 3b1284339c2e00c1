package io.laurel.common;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Laurel's own settings; each key can also be set as an environment variable (LAUREL_DATA_DIR, …). */
@ConfigMapping(prefix = "laurel")
public interface LaurelConfig {

    /** Directory of the embedded store's files (used only when no external MongoDB is configured). */
    @WithDefault("./data")
    String dataDir();

    /** Loopback port of the embedded store; empty picks a free port. */
    Optional<Integer> storePort();

    /** The first administrator, created at start-up when username and password are both set. */
    Bootstrap bootstrap();

    /** Token issuing. */
    Jwt jwt();

    /** Goodwill points. */
    Goodwill goodwill();

    interface Bootstrap {
        /** Org of the bootstrap administrator. */
        @WithDefault("100458")
        long orgId();

        /** Username of the bootstrap administrator. */
        Optional<String> adminUsername();

        /** Password of the bootstrap administrator. */
        Optional<String> adminPassword();
    }

    interface Goodwill {
        /** The most points one goodwill allocation may give. */
        @WithDefault("100000")
        long maxPoints();
    }

    interface Jwt {
        /** The iss claim of issued tokens; verification expects the same (mp.jwt.verify.issuer). */
        String issuer();

        /** Lifetime of tokens from /v3/oauth/token/generate. */
        @WithDefault("PT1H")
        Duration tokenTtl();
    }
}
