package dev.sessionauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ScheduleIntervalConverterTest {

    private final ScheduleIntervalConverter converter = new ScheduleIntervalConverter();

    @Test
    void shouldReadTheSchedulersDurations() {
        assertEquals(Duration.ofMinutes(5), converter.convert("5m"));
        assertEquals(Duration.ofSeconds(30), converter.convert(" 30s "));
        assertEquals(Duration.ofDays(1), converter.convert("1d"));
        assertEquals(Duration.ofHours(10), converter.convert("PT10H"));
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
    }

    @Test
    void shouldReadABareNumberAsSecondsAsTheSchedulerDoes() {
        assertEquals(Duration.ofSeconds(30), converter.convert("30"));
    }

    @Test
    void shouldReadTheWordsOfADisabledScheduleAsNoInterval() {
        assertNull(converter.convert("off"));
        assertNull(converter.convert("Disabled"));
        assertNull(converter.convert(" OFF "));
    }

    @Test
    void shouldRefuseWhatTheSchedulerWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> converter.convert("soon"));
    }
}
