package dev.sessionauth.config;

import java.time.Duration;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads a number of seconds as the contract's SESSION_DURATION does: a value that is not a number falls back to
 * the default instead of stopping the service.
 */
public class LenientSecondsConverter implements Converter<Duration> {

    static final String DEFAULT_ABSOLUTE_TIMEOUT_SECONDS = "43200";

    @Override
    public Duration convert(String value) {
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException notANumber) {
            return Duration.ofSeconds(Long.parseLong(DEFAULT_ABSOLUTE_TIMEOUT_SECONDS));
        }
    }
}
