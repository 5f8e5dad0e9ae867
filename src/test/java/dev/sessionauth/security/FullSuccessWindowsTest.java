package dev.sessionauth.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FullSuccessWindowsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

    private final FullSuccessWindows windows = new FullSuccessWindows();

    @Test
    void shouldRememberAFullWindowUntilItEnds() {
        Instant end = NOW.plus(Duration.ofSeconds(40));
        windows.remember("successes:a", end, NOW);

        assertEquals(Optional.of(end), windows.fullUntil("successes:a", NOW));
        assertEquals(Optional.of(end), windows.fullUntil("successes:a", end.minusMillis(1)));
        assertTrue(windows.fullUntil("successes:a", end).isEmpty(), "a window is no longer full once it has ended");
        assertTrue(windows.fullUntil("successes:b", NOW).isEmpty(), "other accounts are not affected");
    }

    @Test
    void shouldForgetEndedWindowsRatherThanGrowWithoutBound() {
        for (int i = 0; i < 10_000; i++) {
            windows.remember("successes:old-" + i, NOW.plusSeconds(1), NOW);
        }
        Instant later = NOW.plusSeconds(2);

        windows.remember("successes:new", later.plusSeconds(60), later);

        assertEquals(Optional.of(later.plusSeconds(60)), windows.fullUntil("successes:new", later));
    }
}
