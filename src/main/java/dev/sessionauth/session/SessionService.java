package dev.sessionauth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.sessionauth.api.InvalidRequestException;
import dev.sessionauth.api.ResourceNotFoundException;
import dev.sessionauth.auth.Caller;
import dev.sessionauth.auth.CredentialVerifier;
import dev.sessionauth.auth.SecurityEvents;
import dev.sessionauth.config.SessionAuthConfig;
import dev.sessionauth.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Creates, checks, lists and ends server-side sessions. */
@ApplicationScoped
public class SessionService {

    private final SessionAuthConfig.Session config;
    private final boolean sessionsAccepted;
    private final boolean genericLoginErrors;
    private final CredentialVerifier credentialVerifier;
    private final SessionLookup sessionLookup;
    private final SecurityEvents securityEvents;

    public SessionService(SessionAuthConfig config, CredentialVerifier credentialVerifier, SessionLookup sessionLookup,
            SecurityEvents securityEvents) {
        this.config = config.session();
        this.sessionsAccepted = config.authType().acceptsSession();
        this.genericLoginErrors = config.login().genericErrors();
        this.credentialVerifier = credentialVerifier;
        this.sessionLookup = sessionLookup;
        this.securityEvents = securityEvents;
    }

    /**
     * Checks the credentials and opens a new session (never reusing an old one, so a planted cookie cannot be
     * fixed on the victim). The bcrypt check runs outside any transaction so no connection waits on it.
     */
    public LoginResult login(String email, String password, ClientInfo client, Instant now) {
        if (!sessionsAccepted) {
            // AUTH_TYPE=basic_auth: a cookie issued here would never be accepted.
            throw new ResourceNotFoundException();
        }
        if (email == null || email.isEmpty()) {
            throw new InvalidRequestException("email missing");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidRequestException("password missing");
        }
        CredentialVerifier.Verification verification = credentialVerifier.verify(email, password, client.ipAddress(),
                "login", now);
        rejectUnlessVerified(verification.outcome());
        User user = verification.user().orElseThrow();
        String token = SessionToken.generate();
        UUID sessionId = QuarkusTransaction.requiringNew()
                .call(() -> open(user, verification.passwordHash(), token, client, now));
        securityEvents.loginSucceeded(user.id, sessionId, client.ipAddress());
        return new LoginResult(user, token);
    }

    private void rejectUnlessVerified(CredentialVerifier.Outcome outcome) {
        switch (outcome) {
            case VERIFIED -> {
                return;
            }
            case UNKNOWN_EMAIL -> throw new LoginRejectedException(
                    genericLoginErrors ? LoginRejectedException.Reason.INVALID_CREDENTIALS
                            : LoginRejectedException.Reason.UNKNOWN_EMAIL);
            // A disabled account answers like a wrong password, so it never confirms a guessed one.
            case WRONG_PASSWORD, DISABLED -> throw wrongPassword();
        }
    }

    private LoginRejectedException wrongPassword() {
        return new LoginRejectedException(
                genericLoginErrors ? LoginRejectedException.Reason.INVALID_CREDENTIALS
                        : LoginRejectedException.Reason.WRONG_PASSWORD);
    }

    /** The session this cookie token belongs to, with its user, if it is still active at {@code now}. */
    public Optional<SessionLookup.ActiveSession> findActive(String token, Instant now) {
        if (!SessionToken.isWellFormed(token)) {
            return Optional.empty();
        }
        Optional<SessionLookup.ActiveSession> session = sessionLookup.findByTokenHash(SessionToken.hash(token))
                .filter(s -> !s.user().disabled()
                        && UserSession.isActive(s.expiresAt(), s.lastSeenAt(), now, config.idleTimeout()));
        session.filter(s -> isDueForTouch(s.lastSeenAt(), now)).ifPresent(s -> sessionLookup.touch(s.id(), now));
        return session;
    }

    /** The caller's sessions that are still active, newest first. */
    public List<UserSession> listActive(UUID userId, Instant now) {
        return UserSession.listByUserNewestFirst(userId).stream()
                .filter(s -> s.isActiveAt(now, config.idleTimeout()))
                .toList();
    }

    /**
     * Logout: ends the caller's current session; a caller authenticated by Basic has none (404). Another logout or
     * revocation of the same session may delete it first: it is ended either way, and only the request that deleted
     * it records the event.
     */
    @Transactional
    public void logout(Caller caller) {
        UUID sessionId = caller.sessionId().orElseThrow(ResourceNotFoundException::new);
        // A bulk delete: deleteById loads the row, then fails at commit when a concurrent request deleted it.
        if (UserSession.deleteOwned(sessionId, caller.userId()) > 0) {
            securityEvents.loggedOut(caller.userId(), sessionId, caller.clientAddress());
        }
    }

    /** Ends one of the caller's own sessions; anyone else's, or an unknown id, is 404. */
    @Transactional
    public void revokeOwn(Caller caller, UUID sessionId) {
        if (UserSession.deleteOwned(sessionId, caller.userId()) == 0) {
            throw new ResourceNotFoundException();
        }
        securityEvents.sessionsRevoked(caller.userId(), caller.userId(), 1, "one", caller.clientAddress());
    }

    /** Ends every session of the caller but the one making this request ("log out everywhere else"). */
    @Transactional
    public long revokeOthers(Caller caller) {
        long revoked = UserSession.deleteAllOfUserExcept(caller.userId(), caller.sessionId().orElse(null));
        securityEvents.sessionsRevoked(caller.userId(), caller.userId(), revoked, "others", caller.clientAddress());
        return revoked;
    }

    /** Ends every session of a user (an administrator's action, or the user's own). */
    @Transactional
    public long revokeAll(Caller caller, UUID userId) {
        if (User.findById(userId) == null) {
            throw new ResourceNotFoundException();
        }
        long revoked = UserSession.deleteAllOfUserExcept(userId, null);
        securityEvents.sessionsRevoked(caller.userId(), userId, revoked, "all", caller.clientAddress());
        return revoked;
    }

    /** The cookie's lifetime, or empty for a browser-session cookie when there is no absolute expiry. */
    public Optional<Duration> absoluteTimeout() {
        Duration timeout = config.absoluteTimeout();
        return timeout.isNegative() || timeout.isZero() ? Optional.empty() : Optional.of(timeout);
    }

    /**
     * Inserts the session unless the password or the account changed since it was verified. The share lock on the
     * user row orders this against a concurrent password change or disabling: either that change sees (and ends)
     * this session, or this sees the change and refuses.
     *
     * @param verifiedHash the hash stored when the password was verified (after a re-hash, the new one)
     */
    private UUID open(User verified, String verifiedHash, String token, ClientInfo client, Instant now) {
        User current = User.getEntityManager().find(User.class, verified.id, LockModeType.PESSIMISTIC_READ);
        if (current == null || !current.passwordHash.equals(verifiedHash) || current.disabledAt != null) {
            throw wrongPassword();
        }
        UserSession session = new UserSession();
        session.id = UUID.randomUUID();
        session.tokenHash = SessionToken.hash(token);
        session.user = current;
        session.createdAt = now;
        session.lastSeenAt = now;
        session.expiresAt = absoluteTimeout().map(now::plus).orElse(null);
        session.clientIp = client.ipAddress();
        session.userAgent = client.userAgent();
        session.persist();
        return session.id;
    }

    private boolean isDueForTouch(Instant lastSeenAt, Instant now) {
        return !config.idleTimeout().isZero() && !now.isBefore(lastSeenAt.plus(config.touchInterval()));
    }
}
