package dev.sessionauth.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** One-time password reset secrets that an administrator hands to a user. */
@ConfigMapping(prefix = "session-auth.password-reset")
public interface PasswordResetConfig {

    /** How long a reset secret can be used (PASSWORD_RESET_LIFETIME). */
    @WithDefault("30m")
    Duration lifetime();
}
