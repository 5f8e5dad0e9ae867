package dev.sessionauth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.config.RememberMeConfig;
import dev.sessionauth.config.SessionAuthConfig;

/**
 * The two pairs of lifetimes a session can have: the session settings, or the remember-me ones for a session opened
 * with remember=true. A zero idle timeout disables it; a zero or negative absolute lifetime means none.
 */
@ApplicationScoped
public class SessionLifetimes {

    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final Duration rememberIdleTimeout;
    private final Duration rememberAbsoluteTimeout;

    public SessionLifetimes(SessionAuthConfig config, RememberMeConfig rememberMe) {
        this.idleTimeout = config.session().idleTimeout();
        this.absoluteTimeout = config.session().absoluteTimeout();
        this.rememberIdleTimeout = rememberMe.idleTimeout();
        this.rememberAbsoluteTimeout = rememberMe.duration();
    }

    public Duration idleTimeout(boolean remember) {
        return remember ? rememberIdleTimeout : idleTimeout;
    }

    /** The absolute lifetime, and so the cookie's Max-Age; empty when there is none (a browser-session cookie). */
    public Optional<Duration> absoluteTimeout(boolean remember) {
        Duration timeout = remember ? rememberAbsoluteTimeout : absoluteTimeout;
        return timeout.isNegative() || timeout.isZero() ? Optional.empty() : Optional.of(timeout);
    }

    /** Sessions last used at or before this instant are idle-expired at {@code now} (the epoch when there is no limit). */
    public Instant idleCutoff(boolean remember, Instant now) {
        Duration timeout = idleTimeout(remember);
        return timeout.isZero() ? Instant.EPOCH : now.minus(timeout);
    }

    /** The one definition of an active session: before its absolute expiry (if any) and not idle for too long. */
    public boolean isActive(boolean remember, Instant expiresAt, Instant lastSeenAt, Instant now) {
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return false;
        }
        return lastSeenAt.isAfter(idleCutoff(remember, now));
    }
}
