package dev.sessionauth.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How recent a session's password proof must be for sensitive actions, and how a moved session is treated. */
@ConfigMapping(prefix = "session-auth.freshness")
public interface FreshnessConfig {

    /** A cookie session whose password proof is older than this must reauthenticate first (FRESH_AUTH_MAX_AGE). */
    @WithDefault("10m")
    Duration maxAge();

    /** What a session used from another network or browser family gets (SESSION_PROTECTION). */
    @WithDefault("basic")
    SessionProtection sessionProtection();

    /** Flask-Login's modes: off, basic (the session is no longer fresh) or strong (the session ends). */
    enum SessionProtection {
        OFF,
        BASIC,
        STRONG
    }
}
