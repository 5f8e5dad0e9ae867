package dev.sessionauth.contract;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The contract's one timestamp format in JSON: UTC, YYYY-MM-DDTHH:MM:SS. */
public final class ApiTimestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private ApiTimestamps() {
    }

    /** The instant in the API's format, or null for none. */
    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }
}
