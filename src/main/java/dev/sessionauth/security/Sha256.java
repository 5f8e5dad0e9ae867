package dev.sessionauth.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one SHA-256 of the service: what session and API tokens are stored as, and what the sign-in limit keys an
 * account by. Text is hashed as UTF-8 (tokens are ASCII, for which that is the same bytes).
 */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] of(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", impossible);
        }
    }

    /** The hash in lower-case hexadecimal, for a key that must be text. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(of(text));
    }
}
