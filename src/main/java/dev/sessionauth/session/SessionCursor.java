package dev.sessionauth.session;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import dev.sessionauth.contract.UuidPathParam;

/**
 * A position in a user's session list, the last session of a page, handed to the client as an opaque string. It
 * names only a creation time and a session id the client has already seen, so it needs no signature: whoever
 * sends it still sees nothing but their own sessions.
 */
record SessionCursor(Instant createdAt, UUID id) {

    private static final int MAX_LENGTH = 200;
    private static final char SEPARATOR = '/';
    /** Any time a session could have been created in: also keeps what reaches the database within its range. */
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    static SessionCursor after(UserSession session) {
        return new SessionCursor(session.createdAt, session.id);
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt.toString() + SEPARATOR + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor this string encodes, or empty for anything {@link #encode} could not have written. */
    static Optional<SessionCursor> parse(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int separator = decoded.indexOf(SEPARATOR);
        if (separator < 0) {
            return Optional.empty();
        }
        Optional<UUID> id = UuidPathParam.parse(decoded.substring(separator + 1));
        try {
            Instant createdAt = Instant.parse(decoded.substring(0, separator));
            if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
                return Optional.empty();
            }
            return id.map(uuid -> new SessionCursor(createdAt, uuid));
        } catch (DateTimeException notAnInstant) {
            return Optional.empty();
        }
    }
}
