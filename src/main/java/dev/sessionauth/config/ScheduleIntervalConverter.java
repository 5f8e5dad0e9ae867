package dev.sessionauth.config;

import java.time.Duration;

import org.eclipse.microprofile.config.spi.Converter;

import io.quarkus.runtime.configuration.DurationConverter;

/**
 * Reads a job's interval as the scheduler reads the same property in {@code @Scheduled(every = ...)}, so that the
 * job and its schedule can never disagree: "off" or "disabled" (any case) mean no schedule, which is empty here, and
 * anything else goes through Quarkus's own duration converter (30s, 5m, 1d, ISO-8601), the one the scheduler uses
 * (quarkus-scheduler 3.33.2, SchedulerUtils; SessionPurgeJobTest pins the syntax).
 */
public class ScheduleIntervalConverter implements Converter<Duration> {

    @Override
    public Duration convert(String value) {
        String trimmed = value.trim();
        // The two words Scheduled#every documents for a disabled schedule.
        if (trimmed.equalsIgnoreCase("off") || trimmed.equalsIgnoreCase("disabled")) {
            return null;
        }
        return DurationConverter.parseDuration(trimmed);
    }
}
