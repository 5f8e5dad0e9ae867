package dev.sessionauth.session;

import java.security.SecureRandom;
import java.util.Base64;

import dev.sessionauth.security.Sha256;

/** The secret a session cookie carries: 256 random bits, stored server-side only as their SHA-256. */
public final class SessionToken {

    private static final int TOKEN_BYTES = 32;
    /** Unpadded URL-safe base64 of 32 bytes. */
    private static final int TOKEN_LENGTH = 43;

    private SessionToken() {
    }

    public static String generate() {
        byte[] bytes = new byte[TOKEN_BYTES];
        // A generator per token, never one in a static field: a native image initialises this class while it is
        // built and refuses a SecureRandom seeded then (every executable would start from the same state). On Linux
        // the default generator reads /dev/urandom on each call, so making one costs next to nothing.
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the value could be a token we issued; anything else is rejected without a database lookup. */
    public static boolean isWellFormed(String value) {
        if (value == null || value.length() != TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean urlSafeBase64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!urlSafeBase64) {
                return false;
            }
        }
        return true;
    }

    /** What the database holds of a token, and looks it up by. */
    public static byte[] hash(String token) {
        return Sha256.of(token);
    }
}
