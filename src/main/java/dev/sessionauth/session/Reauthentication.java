package dev.sessionauth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.sessionauth.account.User;
import dev.sessionauth.config.SessionAuthConfig;
import dev.sessionauth.contract.InvalidRequestException;
import dev.sessionauth.contract.ResourceNotFoundException;
import dev.sessionauth.security.Caller;
import dev.sessionauth.security.CredentialVerifier;
import dev.sessionauth.security.LoginRejectedException;
import dev.sessionauth.security.SessionRefusedException;
import dev.sessionauth.security.SessionSafetyEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Proves the password again for the current session: a fresh proof for sensitive actions. The session keeps its id,
 * creation time, lifetimes and remember-me, and gets a new token, so a copy of the old cookie stops working.
 */
@ApplicationScoped
public class Reauthentication {

    /** The new token (never stored or logged) and the cookie lifetime left to the session, if it has one. */
    public record Renewed(String token, Optional<Duration> cookieLifetime) {

        @Override
        public String toString() {
            return "Renewed[]";
        }
    }

    private final CredentialVerifier credentialVerifier;
    private final SessionSafetyEvents events;
    private final boolean genericLoginErrors;

    public Reauthentication(CredentialVerifier credentialVerifier, SessionSafetyEvents events,
            SessionAuthConfig config) {
        this.credentialVerifier = credentialVerifier;
        this.events = events;
        this.genericLoginErrors = config.login().genericErrors();
    }

    /** The same limits, shares and failure events as a login; a caller without a session (Basic, token) gets 404. */
    public Renewed reauthenticate(Caller caller, String password, ClientInfo client, Instant now) {
        UUID sessionId = caller.sessionId().orElseThrow(ResourceNotFoundException::new);
        if (password == null || password.isEmpty()) {
            throw new InvalidRequestException("password missing");
        }
        CredentialVerifier.Verification verification = credentialVerifier.verify(caller.profile().email(), password,
                client.ipAddress(), "reauthenticate", now);
        if (verification.outcome() != CredentialVerifier.Outcome.VERIFIED) {
            throw new LoginRejectedException(genericLoginErrors ? LoginRejectedException.Reason.INVALID_CREDENTIALS
                    : LoginRejectedException.Reason.WRONG_PASSWORD);
        }
        String token = SessionToken.generate();
        Optional<Instant> expiresAt = QuarkusTransaction.requiringNew()
                .call(() -> renew(caller.userId(), sessionId, verification.passwordHash(), token, client, now))
                .orElseThrow(SessionRefusedException::new);
        events.reauthenticated(caller.userId(), sessionId, client.ipAddress());
        return new Renewed(token, expiresAt.map(expiry -> Duration.between(now, expiry)));
    }

    /**
     * Gives the session its new token and proof, unless it ended or the password or account changed since the check
     * (the user's row is locked, as for a login).
     *
     * @return empty when the session can no longer be renewed; otherwise its absolute expiry, if any
     */
    private static Optional<Optional<Instant>> renew(UUID userId, UUID sessionId, String verifiedHash, String token,
            ClientInfo client, Instant now) {
        Optional<User> user = User.<User> findByIdOptional(userId, LockModeType.PESSIMISTIC_WRITE)
                .filter(current -> current.passwordHash.equals(verifiedHash) && current.disabledAt == null);
        Optional<UserSession> session = user.flatMap(u -> UserSession.<UserSession> findByIdOptional(sessionId))
                .filter(s -> s.user.id.equals(userId));
        if (session.isEmpty()) {
            return Optional.empty();
        }
        UserSession.renewProof(sessionId, SessionToken.hash(token), now, ClientFingerprint.network(client.ipAddress()),
                ClientFingerprint.browserFamily(client.userAgent()));
        return Optional.of(Optional.ofNullable(session.get().expiresAt));
    }
}
