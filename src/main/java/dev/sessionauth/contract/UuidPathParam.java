package dev.sessionauth.contract;

import java.util.Optional;
import java.util.UUID;

/** Reads ids from paths; UUID.fromString also accepts short forms such as "1-1-1-1-1", ids are only ever canonical. */
public final class UuidPathParam {

    private static final int CANONICAL_LENGTH = 36;

    private UuidPathParam() {
    }

    public static Optional<UUID> parse(String value) {
        if (value == null || value.length() != CANONICAL_LENGTH) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(value);
            return uuid.toString().equalsIgnoreCase(value) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }
}
