package dev.sessionauth.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.security.PasswordHasher;

/**
 * The password rules of OWASP ASVS: at least 8 characters, up to 64 and more (72 bytes, the most bcrypt reads),
 * no composition rules, and none of the commonest passwords (shipped in common-passwords.txt).
 */
@ApplicationScoped
public class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    private static final String COMMON_PASSWORDS = "common-passwords.txt";

    private final Set<String> commonPasswords;

    public PasswordPolicy() {
        this.commonPasswords = loadCommonPasswords();
    }

    /** Why the password is not acceptable, or empty when it is. */
    public Optional<String> problemWith(String password) {
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
            return Optional.of("password must have at most " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes");
        }
        if (commonPasswords.contains(password.toLowerCase(Locale.ROOT))) {
            return Optional.of("password is too common");
        }
        return Optional.empty();
    }

    private static Set<String> loadCommonPasswords() {
        try (InputStream stream = PasswordPolicy.class.getClassLoader().getResourceAsStream(COMMON_PASSWORDS)) {
            if (stream == null) {
                throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the application");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                return reader.lines()
                        .map(String::trim)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .map(line -> line.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toUnmodifiableSet());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
