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

    /**
     * Without configured keys, generate the token signing key and the workflow encryption key into the data directory
     * (one instance, or instances sharing the directory). Off outside dev and test: replicas with directories of their
     * own would refuse each other's tokens and could not open each other's sealed credentials.
     */
    @WithDefault("false")
    boolean allowGeneratedKeys();

    /** The first administrator, created at start-up when username and password are both set. */
    Bootstrap bootstrap();

    /** Token issuing. */
    Jwt jwt();

    /** Goodwill points. */
    Goodwill goodwill();

    Customers customers();

    /** Users, logins and tokens. */
    Identity identity();

    /** The maker-checker request workflow. */
    Workflow workflow();

    /** Webhook subscriptions. */
    Webhooks webhooks();

    /** Badge definitions as the award calls read them. */
    Badges badges();

    /** Issues and earns. */
    Awards awards();

    interface Badges {
        /**
         * How old a definition read by this replica may be when an award uses it: a change made through this replica
         * applies at once, one made through another within this time.
         */
        @WithDefault("PT1S")
        Duration definitionMaxAge();
    }

    interface Awards {
        /** How often the award reconciler runs a pass (one replica at a time, under a lease). */
        @WithDefault("PT1M")
        Duration reconcileEvery();

        /** How long a limit scope must be unchanged before the reconciler recounts it: longer than any call runs. */
        @WithDefault("PT2M")
        Duration reconcileGrace();

        /**
         * How old an unfinished claim of a bulk call's requestId must be before a retry takes it over and finishes the
         * work (a call cut off by a crash never comes back): longer than any call runs.
         */
        @WithDefault("PT2M")
        Duration claimAbandonedAfter();
    }

    interface Webhooks {
        /** Origins (scheme://host:port) a webhook's URL may name; nothing else is subscribed to or connected to. */
        Optional<List<String>> allowedOrigins();

        /** How long a rotated-out signing secret still signs, beside the new one. */
        @WithDefault("PT24H")
        Duration secretGrace();

        /** Delay before a message's first retry; it doubles (with jitter) up to an hour. */
        @WithDefault("PT5S")
        Duration retryDelay();

        /** How long a message is retried (with backoff and jitter) before its delivery ends failed. */
        @WithDefault("PT24H")
        Duration retryPeriod();

        /** How often raised events are published and due deliveries looked for. */
        @WithDefault("1s")
        String pollInterval();

        /**
         * How often every collection is searched for events waiting, also when this replica raised none lately
         * (events of other replicas, or of a crashed process).
         */
        @WithDefault("PT1M")
        Duration sweepInterval();
    }

    interface Workflow {
        /** How long a request may wait in AdminTask before it expires (never forwarded). */
        @WithDefault("P7D")
        Duration expireAfter();

        /** Per request type, TYPE=duration (GOODWILL-POINTS=P1D), instead of expire-after. */
        Optional<List<String>> expireAfterByType();

        /** How often requests past their deadline are looked for (a decision after it is refused anyway). */
        @WithDefault("60s")
        String expiryInterval();

        /** Where a payload with an empty hostname is sent; default this instance (http://127.0.0.1:<its port>). */
        Optional<String> internalBaseUrl();

        /** Other base URLs (scheme://host:port) a payload's hostname may name. */
        Optional<List<String>> allowedHosts();

        /** Request types (GOODWILL-POINTS, EARN-BADGE, ISSUE-BADGE) approved by the system at once. */
        Optional<Set<String>> autoApprove();

        /** AES-256 key (base64 of 32 bytes) for secrets at rest; unset: generated if allow-generated-keys. */
        Optional<String> encryptionKey();

        /** Deadline of one forwarded call: connect, headers and the whole answer; then its connection is reset. */
        @WithDefault("PT10S")
        Duration forwardTimeout();

        /** Connections the forwarder keeps open to one target origin at most. */
        @WithDefault("8")
        int poolSize();

        /** Calls that may wait for a free connection to one origin; beyond that a call fails at once (and is retried). */
        @WithDefault("64")
        int poolQueue();

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

    interface Customers {
        /**
         * The status labels a customer may be given (PUT /v2/customers/lookup/status), compared without case and
         * stored as spelled here.
         */
        @WithDefault("Active,Inactive,Suspended,Blocked")
        List<String> statusLabels();
    }

    interface Goodwill {
        /** The most points one goodwill allocation may give. */
        @WithDefault("100000")
        long maxPoints();

        /** The most points one redemption (POST /v1.1/points/redeem) may take. */
        @WithDefault("1000000")
        long maxRedeem();

        /**
         * How often each replica completes redemptions a crash left half-written (debited on the customer's account
         * but not yet in the ledger); "off" to never.
         */
        @WithDefault("30s")
        String settleInterval();

        /**
         * Roles that may call POST /internal/goodwill/ (one of them is enough); unset: any authenticated user. An org
         * that wants every goodwill allocation to pass a checker names a role only its workflow service user holds.
         */
        Optional<Set<String>> directRoles();
    }

    interface Jwt {
        /** The iss claim of issued tokens; verification expects the same (mp.jwt.verify.issuer). */
        String issuer();

        /** The aud claim of issued tokens; verification requires it (mp.jwt.verify.audiences). */
        String audience();

        /** Lifetime of tokens from /v3/oauth/token/generate; at most smallrye.jwt.time-to-live. */
        @WithDefault("PT1H")
        Duration tokenTtl();
    }

    interface Identity {
        /**
         * How often each replica reads the users changed since its last look, so that a deactivation or a role change
         * made on another replica applies to tokens within this time (on this replica: at once). At most 30 s.
         */
        @WithDefault("10s")
        Duration refresh();

        /** Wrong passwords for one username within login-window before further tries get 429. */
        @WithDefault("10")
        int maxFailedLogins();

        /** The window of max-failed-logins; a locked username may try again when it has passed. */
        @WithDefault("PT15M")
        Duration loginWindow();

        /** bcrypt checks run at once at most (each costs about 80 ms of one core); unset: half the cores, at least 1. */
        Optional<Integer> passwordChecks();

        /** bcrypt checks that may wait for a free slot; beyond that a login gets 429 with Retry-After: 1. */
        @WithDefault("16")
        int passwordCheckQueue();
    }
}
