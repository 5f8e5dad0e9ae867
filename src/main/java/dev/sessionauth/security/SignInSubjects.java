package dev.sessionauth.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.sessionauth.account.EmailAddress;

/**
 * The keys of the sign-in counters (auth_failures.subject). Accounts are keyed by a hash of the canonical email, the
 * form lookups find the account by, so every spelling that reaches an account counts against it. A hash: fixed size,
 * and the table holds no addresses of people.
 */
final class SignInSubjects {

    private SignInSubjects() {
    }

    static String account(String email) {
        return "account:" + hashedEmail(email);
    }

    static String successes(String email) {
        return "successes:" + hashedEmail(email);
    }

    static String address(String clientAddress) {
        return "address:" + (clientAddress == null ? "unknown" : clientAddress);
    }

    private static String hashedEmail(String email) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(EmailAddress.canonical(email).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", impossible);
        }
    }
}
