package dev.sessionauth.config;

import java.time.Duration;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** Session cookie and expiry settings (session-auth.session.*): the {@link SessionAuthConfig#session()} group. */
public interface SessionConfig {

    /** Name of the session cookie (SESSION_NAME). */
    @WithDefault("_my_session_id")
    String cookieName();

    /** Absolute session lifetime in seconds (SESSION_DURATION); zero or negative disables it. */
    @WithDefault(LenientSecondsConverter.DEFAULT_ABSOLUTE_TIMEOUT_SECONDS)
    @WithConverter(LenientSecondsConverter.class)
    Duration absoluteTimeout();

    /** A session unused for this long is expired; zero disables the idle timeout. */
    @WithDefault("30m")
    Duration idleTimeout();

    /** The idle clock (last_seen_at) is written at most once per this interval per session. */
    @WithDefault("1m")
    Duration touchInterval();

    /** Whether the cookie carries the Secure attribute (HTTPS only). */
    @WithDefault("true")
    boolean cookieSecure();

    /** SameSite attribute of the cookie: lax or strict. */
    @WithDefault("lax")
    SameSitePolicy cookieSameSite();

    /** Prefix the cookie name with __Host- (forces Secure, Path=/ and no Domain in browsers). */
    @WithDefault("false")
    boolean cookieHostPrefix();

    /** Sessions one user may hold (MAX_SESSIONS_PER_USER); a login beyond it ends the least recently used. */
    @WithDefault("50")
    int maxPerUser();

    /** The SameSite values the service allows; None would send the cookie on cross-site requests. */
    enum SameSitePolicy {
        LAX,
        STRICT
    }
}
