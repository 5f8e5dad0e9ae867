package dev.sessionauth.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Lifetimes of a session opened with remember=true; other sessions keep the session settings. */
@ConfigMapping(prefix = "session-auth.remember-me")
public interface RememberMeConfig {

    /** Absolute lifetime of a remembered session (REMEMBER_ME_DURATION); its cookie's Max-Age matches. */
    @WithDefault("30d")
    Duration duration();

    /** A remembered session unused for this long is expired (REMEMBER_ME_IDLE_TIMEOUT). */
    @WithDefault("7d")
    Duration idleTimeout();
}
