package dev.sessionauth.user;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.sessionauth.account.User;
import dev.sessionauth.config.PasswordResetConfig;
import dev.sessionauth.contract.ResourceNotFoundException;
import dev.sessionauth.security.Caller;
import dev.sessionauth.security.SessionSafetyEvents;
import dev.sessionauth.security.SignInLocks;
import dev.sessionauth.session.SessionToken;

/** An administrator's tools for a user who cannot sign in: end their lock, or issue a one-time reset secret. */
@ApplicationScoped
public class AccountRecovery {

    /** A reset secret as issued: shown this once, never stored or logged. */
    public record IssuedReset(String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "IssuedReset[expiresAt=" + expiresAt + "]";
        }
    }

    private final SignInLocks signInLocks;
    private final SessionSafetyEvents events;
    private final Duration resetLifetime;

    public AccountRecovery(SignInLocks signInLocks, SessionSafetyEvents events, PasswordResetConfig config) {
        this.signInLocks = signInLocks;
        this.events = events;
        this.resetLifetime = config.lifetime();
    }

    /** Ends the account's sign-in lock at once (404 for an unknown user). */
    public int clearLockout(Caller admin, UUID userId) {
        User user = User.<User> findByIdOptional(userId).orElseThrow(ResourceNotFoundException::new);
        int cleared = signInLocks.clearAccount(user.email);
        events.lockoutCleared(admin.userId(), userId, cleared, admin.clientAddress());
        return cleared;
    }

    /** Issues a reset secret of 256 random bits for the user; any older secret of theirs stops working. */
    @Transactional
    public IssuedReset issueReset(Caller admin, UUID userId, Instant now) {
        if (User.findByIdOptional(userId).isEmpty()) {
            throw new ResourceNotFoundException();
        }
        PasswordResetSecret.deleteAllOfUser(userId);
        String token = SessionToken.generate();
        PasswordResetSecret secret = new PasswordResetSecret();
        secret.id = UUID.randomUUID();
        secret.userId = userId;
        secret.secretHash = SessionToken.hash(token);
        secret.createdAt = now;
        secret.expiresAt = now.plus(resetLifetime);
        secret.persist();
        events.passwordResetIssued(admin.userId(), userId, secret.id, admin.clientAddress());
        return new IssuedReset(token, secret.expiresAt);
    }
}
