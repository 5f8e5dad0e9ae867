package dev.sessionauth.group;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import dev.sessionauth.contract.InvalidRequestException;

/**
 * Position in the group lists. A cursor is the last key of a page (a group name or a user id) the
 * client has already seen, as opaque URL-safe text; it needs no signature because it grants nothing.
 */
final class PageCursor {

    private static final int MAX_LENGTH = 200;
    static final String CANNOT_LIST = "Can't list: ";

    private PageCursor() {
    }

    static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.US_ASCII));
    }

    /** The key of a cursor, or null for the first page; 400 for anything {@link #encode} could not have written. */
    static String decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        Optional<String> key = Optional.empty();
        if (!cursor.isEmpty() && cursor.length() <= MAX_LENGTH) {
            try {
                key = Optional.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException notBase64) {
                key = Optional.empty();
            }
        }
        return key.orElseThrow(() -> new InvalidRequestException(CANNOT_LIST + "invalid cursor"));
    }
}
