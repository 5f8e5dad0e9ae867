package dev.sessionauth.group;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import dev.sessionauth.contract.InvalidRequestException;

/**
 * Page size and position of the group lists. A cursor is the last key of a page (a group name or a user id) the
 * client has already seen, as opaque URL-safe text; it needs no signature because it grants nothing.
 */
final class PageCursor {

    static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_LENGTH = 200;
    private static final String CANNOT_LIST = "Can't list: ";

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

    static int pageSize(String limit) {
        if (limit == null) {
            return MAX_PAGE_SIZE;
        }
        // Digits only: no sign, spaces, decimals or hexadecimal, and never a number too large to parse.
        int size = limit.matches("[0-9]{1,3}") ? Integer.parseInt(limit) : 0;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidRequestException(CANNOT_LIST + "limit must be a whole number from 1 to " + MAX_PAGE_SIZE);
        }
        return size;
    }
}
