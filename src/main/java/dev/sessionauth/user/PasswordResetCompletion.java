package dev.sessionauth.user;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.sessionauth.account.User;
import dev.sessionauth.contract.InvalidRequestException;
import dev.sessionauth.security.FailedAttemptLimiter;
import dev.sessionauth.security.PasswordHasher;
import dev.sessionauth.security.SecurityEvents;
import dev.sessionauth.security.SessionSafetyEvents;
import dev.sessionauth.session.SessionToken;
import dev.sessionauth.session.UserSession;
import dev.sessionauth.token.ApiToken;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * POST /auth_session/password_reset: a user sets a new password with the one-time secret an administrator gave
 * them. Every refusal (unknown, used or expired secret) is the same 400 and counts as a failed sign-in of the client
 * address, so secrets cannot be guessed faster than passwords.
 */
@ApplicationScoped
public class PasswordResetCompletion {

    static final String INVALID = "Invalid or expired reset token";

    private final PasswordPolicy passwordPolicy;
    private final PasswordHasher passwordHasher;
    private final FailedAttemptLimiter limiter;
    private final SecurityEvents securityEvents;
    private final SessionSafetyEvents events;

    public PasswordResetCompletion(PasswordPolicy passwordPolicy, PasswordHasher passwordHasher,
            FailedAttemptLimiter limiter, SecurityEvents securityEvents, SessionSafetyEvents events) {
        this.passwordPolicy = passwordPolicy;
        this.passwordHasher = passwordHasher;
        this.limiter = limiter;
        this.securityEvents = securityEvents;
        this.events = events;
    }

    /** The user's sessions and API tokens all end; the secret is used up. */
    public void complete(PasswordResetRequest request, String clientAddress, Instant now) {
        if (request.token() == null || request.token().isEmpty()) {
            throw new InvalidRequestException("token missing");
        }
        if (request.newPassword() == null || request.newPassword().isEmpty()) {
            throw new InvalidRequestException("new_password missing");
        }
        passwordPolicy.problemWith(request.newPassword()).ifPresent(problem -> {
            throw new InvalidRequestException("Can't reset password: " + problem);
        });
        byte[] secretHash = SessionToken.hash(request.token());
        // Each secret is its own "account" for the limits: what a guesser runs into is the address's limit.
        FailedAttemptLimiter.Attempt attempt = limiter.begin("reset:" + HexFormat.of().formatHex(secretHash),
                clientAddress, now);
        Optional<PasswordResetSecret> usable = PasswordResetSecret.<PasswordResetSecret> find("secretHash", secretHash)
                .firstResultOptional().filter(secret -> secret.isUsableAt(now));
        // Hashed outside any transaction, and only for a secret that works, so guesses cost no bcrypt.
        Optional<String> newHash = usable.map(secret -> passwordHasher.hash(request.newPassword()));
        Optional<Reset> reset = newHash.flatMap(hash -> QuarkusTransaction.requiringNew()
                .call(() -> consume(secretHash, hash, now)));
        if (reset.isEmpty()) {
            throw refused(attempt, clientAddress);
        }
        limiter.succeeded(attempt, now);
        events.passwordResetCompleted(reset.get().userId(), reset.get().secretId(), reset.get().sessions(),
                reset.get().tokens(), clientAddress);
    }

    private record Reset(UUID userId, UUID secretId, long sessions, long tokens) {
    }

    /** Uses the secret up unless another request did first, and sets the password; the user's row is locked first. */
    private static Optional<Reset> consume(byte[] secretHash, String newHash, Instant now) {
        Optional<PasswordResetSecret> secret = PasswordResetSecret.findByHashForUpdate(secretHash)
                .filter(s -> s.isUsableAt(now));
        Optional<User> user = secret.flatMap(s -> User.<User> findByIdOptional(s.userId, LockModeType.PESSIMISTIC_WRITE));
        if (user.isEmpty()) {
            return Optional.empty();
        }
        secret.get().used = true;
        user.get().passwordHash = newHash;
        user.get().updatedAt = now;
        long sessions = UserSession.deleteAllOfUserExcept(user.get().id, null);
        long tokens = ApiToken.deleteAllOfUser(user.get().id);
        return Optional.of(new Reset(user.get().id, secret.get().id, sessions, tokens));
    }

    private InvalidRequestException refused(FailedAttemptLimiter.Attempt attempt, String clientAddress) {
        securityEvents.authenticationFailed("password_reset", null, clientAddress, "invalid_reset_token");
        events.passwordResetRefused(clientAddress);
        if (limiter.lockedAddress(attempt)) {
            securityEvents.lockedOut("address", null, clientAddress, limiter.lockout().toSeconds());
        }
        return new InvalidRequestException(INVALID);
    }
}
