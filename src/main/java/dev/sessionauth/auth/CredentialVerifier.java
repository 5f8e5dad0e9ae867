package dev.sessionauth.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.user.User;

/**
 * Checks an email and password for every way of signing in (session login, Basic, password confirmation) behind
 * the shared attempt limits, and records the outcome as security events.
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

    /** The outcome, with the user when the email is known. */
    public record Verification(Outcome outcome, Optional<User> user) {
    }

    private final PasswordHasher passwordHasher;
    private final FailedAttemptLimiter limiter;
    private final SecurityEvents securityEvents;

    public CredentialVerifier(PasswordHasher passwordHasher, FailedAttemptLimiter limiter, SecurityEvents securityEvents) {
        this.passwordHasher = passwordHasher;
        this.limiter = limiter;
        this.securityEvents = securityEvents;
    }

    /**
     * @param method how the caller signs in, for the security events (login, basic, password_change)
     * @throws TooManyAttemptsException while the account or the client address is locked
     */
    public Verification verify(String email, String password, String clientAddress, String method, Instant now) {
        FailedAttemptLimiter.Attempt attempt;
        try {
            attempt = limiter.begin(email, clientAddress, now);
        } catch (TooManyAttemptsException refused) {
            securityEvents.attemptRefused(method, clientAddress);
            throw refused;
        }
        Optional<User> user = User.findByEmail(email);
        if (user.isEmpty()) {
            // Spend the time of a real check, so response times do not tell which emails have accounts.
            passwordHasher.burnVerification(password);
            failed(attempt, null, clientAddress, method, "unknown_email");
            return new Verification(Outcome.UNKNOWN_EMAIL, user);
        }
        UUID userId = user.get().id;
        if (!passwordHasher.matches(password, user.get().passwordHash)) {
            failed(attempt, userId, clientAddress, method, "wrong_password");
            return new Verification(Outcome.WRONG_PASSWORD, user);
        }
        if (user.get().disabledAt != null) {
            // Counted as a failure: a disabled account must not confirm that a guessed password is right.
            failed(attempt, userId, clientAddress, method, "disabled");
            return new Verification(Outcome.DISABLED, user);
        }
        limiter.succeeded(attempt);
        return new Verification(Outcome.VERIFIED, user);
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
