package dev.sessionauth.auth;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.config.SessionAuthConfig;
import io.quarkus.elytron.security.common.BcryptUtil;

/** Hashes and verifies passwords with bcrypt; the plain password never leaves this class. */
@ApplicationScoped
public class PasswordHasher {

    /** bcrypt reads only the first 72 bytes; longer passwords are refused rather than silently truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final int cost;
    /** Verified against when the account does not exist, so unknown emails cost as much as known ones. */
    private final String dummyHash;

    public PasswordHasher(SessionAuthConfig config) {
        this.cost = config.password().bcryptCost();
        this.dummyHash = BcryptUtil.bcryptHash("not-a-real-password", cost);
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    public boolean matches(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return false;
        }
        return BcryptUtil.matches(password, hash);
    }

    /** Spends the time of one verification without a real hash. */
    public void burnVerification(String password) {
        matches(password, dummyHash);
    }
}
