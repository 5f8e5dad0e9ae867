package dev.sessionauth.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.user.User;

/**
 * Checks an email and password for every way of signing in (session login, Basic, password confirmation) behind
 * the shared failed-attempt limits, and records the outcome in the audit log.
 */
@ApplicationScoped
public class CredentialVerifier {

    /** What a check found. */
    public enum Outcome {
        VERIFIED,
        UNKNOWN_EMAIL,
        WRONG_PASSWORD,
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
     * @param method how the caller signs in, for the audit log (login, basic, password_change)
     * @throws TooManyAttemptsException while the account or the client address is locked
     */
    public Verification verify(String email, String password, String clientAddress, String method, Instant now) {
        boolean accountHasFailures = limiter.checkNotLocked(email, clientAddress, now);
        Optional<User> user = User.findByEmail(email.trim());
        if (user.isEmpty()) {
            // Spend the time of a real check, so response times do not tell which emails have accounts.
            passwordHasher.burnVerification(password);
            fail(email, null, clientAddress, method, "unknown_email", now);
            return new Verification(Outcome.UNKNOWN_EMAIL, user);
        }
        UUID userId = user.get().id;
        if (!passwordHasher.matches(password, user.get().passwordHash)) {
            fail(email, userId, clientAddress, method, "wrong_password", now);
            return new Verification(Outcome.WRONG_PASSWORD, user);
        }
        if (accountHasFailures) {
            limiter.recordSuccess(email);
        }
        if (user.get().disabledAt != null) {
            securityEvents.authenticationFailed(method, userId, clientAddress, "disabled");
            return new Verification(Outcome.DISABLED, user);
        }
        return new Verification(Outcome.VERIFIED, user);
    }

    private void fail(String email, UUID userId, String clientAddress, String method, String reason, Instant now) {
        securityEvents.authenticationFailed(method, userId, clientAddress, reason);
        limiter.recordFailure(email, userId, clientAddress, now);
    }
}
