package io.laurel.common;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    /** The maker-checker request workflow. */
    Workflow workflow();

    interface Workflow {
        /** Where a payload with an empty hostname is sent; default this instance (http://127.0.0.1:<its port>). */
        Optional<String> internalBaseUrl();

        /** Other base URLs (scheme://host:port) a payload's hostname may name. */
        Optional<List<String>> allowedHosts();

        /** Request types (GOODWILL-POINTS, EARN-BADGE, ISSUE-BADGE) approved by the system at once. */
        Optional<Set<String>> autoApprove();

        /** AES-256 key (base64 of 32 bytes) for payload Authorization headers at rest; unset: generated. */
        Optional<String> encryptionKey();

        /** Connect and answer timeout of one forwarded call. */
        @WithDefault("PT10S")
        Duration forwardTimeout();

        /** Attempts of a forward before the request ends failed. */
        @WithDefault("8")
        int maxAttempts();

        /** Delay before the first retry; it doubles up to retry-max-delay. */
        @WithDefault("PT2S")
        Duration retryDelay();

        /** Longest delay between two retries. */
        @WithDefault("PT5M")
        Duration retryMaxDelay();

        /** How long a replica holds a pending forward it is sending. */
        @WithDefault("PT1M")
        Duration lease();

        /** How often the forwarder looks for pending forwards. */
        @WithDefault("5s")
        String pollInterval();

        /** Forwarded answers longer than this are truncated in IntouchAPITask_Output. */
        @WithDefault("65536")
        int maxOutputBytes();
    }

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
