package dev.sessionauth.security;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.account.User;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Checks an email and password for every way of signing in (session login, Basic, password confirmation) behind
 * the shared attempt limits and within the client's and the account's share of the hashing, records the outcome as
 * security events, and re-hashes a proven password whose hash has another cost than the configured one.
 */
@ApplicationScoped
public class CredentialVerifier {

    /** What a check found. */
    public enum Outcome {
        VERIFIED,
        UNKNOWN_EMAIL,
        WRONG_PASSWORD,
        /** The password is right but the account is disabled; callers answer as for a wrong password. */
        DISABLED
    }

    /**
     * The outcome, with the user when the email is known, and the user's password hash as stored after the check:
     * the one it was verified against, or the new one when a proven password was re-hashed (the user's
     * {@code passwordHash} keeps the hash as it was read).
     */
    public record Verification(Outcome outcome, Optional<User> user, String passwordHash) {
    }

    private final PasswordHasher passwordHasher;
    private final FailedAttemptLimiter limiter;
    private final SignInShares shares;
    private final SecurityEvents securityEvents;

    public CredentialVerifier(PasswordHasher passwordHasher, FailedAttemptLimiter limiter, SignInShares shares,
            SecurityEvents securityEvents) {
        this.passwordHasher = passwordHasher;
        this.limiter = limiter;
        this.shares = shares;
        this.securityEvents = securityEvents;
    }

    /**
     * @param method how the caller signs in, for the security events (login, basic, password_change)
     * @throws TooManyAttemptsException while the account or the client address is locked, while either has its
     *         share of sign-ins in progress, or when the account has signed in as often as its window allows
     */
    public Verification verify(String email, String password, String clientAddress, String method, Instant now) {
        // The share is taken before anything else, so a refused sign-in costs neither a database write nor a hash.
        try (SignInShares.Share share = shares.take(email, clientAddress)) {
            return verifyWithinShare(email, password, clientAddress, method, now);
        } catch (TooManyAttemptsException refused) {
            securityEvents.attemptRefused(method, clientAddress, refused.reason());
            throw refused;
        }
    }

    private Verification verifyWithinShare(String email, String password, String clientAddress, String method,
            Instant now) {
        FailedAttemptLimiter.Attempt attempt = limiter.begin(email, clientAddress, now);
        Optional<User> user = User.findByEmail(email);
        if (user.isEmpty()) {
            // Spend the time of a real check, so response times do not tell which emails have accounts.
            passwordHasher.burnVerification(password);
            failed(attempt, null, clientAddress, method, "unknown_email");
            return new Verification(Outcome.UNKNOWN_EMAIL, user, null);
        }
        UUID userId = user.get().id;
        String storedHash = user.get().passwordHash;
        if (!passwordHasher.matches(password, storedHash)) {
            failed(attempt, userId, clientAddress, method, "wrong_password");
            return new Verification(Outcome.WRONG_PASSWORD, user, storedHash);
        }
        if (user.get().disabledAt != null) {
            // Counted as a failure: a disabled account must not confirm that a guessed password is right.
            failed(attempt, userId, clientAddress, method, "disabled");
            return new Verification(Outcome.DISABLED, user, storedHash);
        }
        limiter.succeeded(attempt, now);
        return new Verification(Outcome.VERIFIED, user, rehashIfOtherCost(userId, password, storedHash));
    }

    /**
     * A hash made before BCRYPT_COST changed takes another time to verify than the dummy hash of unknown emails,
     * which would tell them apart; the proven password is hashed again at the configured cost. The new hash is
     * stored only if the stored one is still the one verified: a password changed meanwhile wins.
     *
     * @return the hash stored now for the user, as far as this check knows
     */
    private String rehashIfOtherCost(UUID userId, String password, String verifiedHash) {
        if (passwordHasher.hasConfiguredCost(verifiedHash)) {
            return verifiedHash;
        }
        String newHash = passwordHasher.hash(password);
        boolean replaced = QuarkusTransaction.requiringNew()
                .call(() -> User.replacePasswordHash(userId, verifiedHash, newHash));
        return replaced ? newHash : verifiedHash;
    }

    private void failed(FailedAttemptLimiter.Attempt attempt, UUID userId, String clientAddress, String method,
            String reason) {
        securityEvents.authenticationFailed(method, userId, clientAddress, reason);
        long lockSeconds = limiter.lockout().toSeconds();
        if (limiter.lockedAccount(attempt)) {
            securityEvents.lockedOut("account", userId, clientAddress, lockSeconds);
        }
        if (limiter.lockedAddress(attempt)) {
            securityEvents.lockedOut("address", userId, clientAddress, lockSeconds);
        }
    }
}
