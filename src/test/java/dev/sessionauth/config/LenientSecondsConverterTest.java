package dev.sessionauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LenientSecondsConverterTest {

    private final LenientSecondsConverter converter = new LenientSecondsConverter();

    @Test
    void shouldReadSeconds() {
        assertEquals(Duration.ofSeconds(3600), converter.convert("3600"));
        assertEquals(Duration.ofSeconds(60), converter.convert(" 60 "));
    }

    @Test
    void shouldKeepZeroAndNegativeForNoAbsoluteLifetime() {
        assertEquals(Duration.ZERO, converter.convert("0"));
        assertEquals(Duration.ofSeconds(-5), converter.convert("-5"));
    }

    @Test
    void shouldFallBackToTheDefaultForSomethingThatIsNotANumber() {
        assertEquals(Duration.ofHours(12), converter.convert("soon"));
        assertEquals(Duration.ofHours(12), converter.convert("1.5"));
    }
}
