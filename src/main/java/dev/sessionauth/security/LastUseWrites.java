package dev.sessionauth.security;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.config.SessionAuthConfig;

/**
 * When the last use of a session or an API token is written again: at most once per touch interval
 * (session-auth.session.touch-interval), so that a credential in constant use costs one write per interval instead
 * of one per request.
 */
@ApplicationScoped
public class LastUseWrites {

    private final Duration touchInterval;

    public LastUseWrites(SessionAuthConfig config) {
        this.touchInterval = config.session().touchInterval();
    }

    /** Whether a use at {@code now} should be written, given the last one written (null for none yet). */
    public boolean isDue(Instant lastWritten, Instant now) {
        return lastWritten == null || !now.isBefore(lastWritten.plus(touchInterval));
    }
}
