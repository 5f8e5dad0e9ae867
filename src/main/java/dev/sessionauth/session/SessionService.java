package dev.sessionauth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.sessionauth.api.InvalidRequestException;
import dev.sessionauth.api.ResourceNotFoundException;
import dev.sessionauth.auth.PasswordHasher;
import dev.sessionauth.config.SessionAuthConfig;
import dev.sessionauth.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Creates, checks and ends server-side sessions. */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);

    private final SessionAuthConfig.Session config;
    private final boolean sessionsAccepted;
    private final PasswordHasher passwordHasher;

    public SessionService(SessionAuthConfig config, PasswordHasher passwordHasher) {
        this.config = config.session();
        this.sessionsAccepted = config.authType().acceptsSession();
        this.passwordHasher = passwordHasher;
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
        User user = User.findByEmail(email.trim())
                .orElseThrow(() -> new LoginRejectedException(LoginRejectedException.Reason.UNKNOWN_EMAIL));
        if (!passwordHasher.matches(password, user.passwordHash)) {
            LOG.infof("Login failed for user %s from %s: wrong password", user.id, client.ipAddress());
            throw new LoginRejectedException(LoginRejectedException.Reason.WRONG_PASSWORD);
        }
        String token = SessionToken.generate();
        QuarkusTransaction.requiringNew().run(() -> open(user.id, token, client, now));
        LOG.infof("Login succeeded for user %s from %s", user.id, client.ipAddress());
        return new LoginResult(user, token);
    }

    /** The session this cookie token belongs to, with its user, if it is still active at {@code now}. */
    public Optional<UserSession> findActive(String token, Instant now) {
        if (!SessionToken.isWellFormed(token)) {
            return Optional.empty();
        }
        Optional<UserSession> session = UserSession.findByTokenHashWithUser(SessionToken.hash(token))
                .filter(s -> s.isActiveAt(now, config.idleTimeout()));
        session.filter(s -> isDueForTouch(s, now)).ifPresent(s -> touch(s.id, now));
        return session;
    }

    /** Ends the session; false when it was already gone. */
    @Transactional
    public boolean end(UUID sessionId) {
        boolean deleted = UserSession.deleteById(sessionId);
        if (deleted) {
            LOG.infof("Session %s ended by logout", sessionId);
        }
        return deleted;
    }

    /** The cookie's lifetime in seconds, or empty for a browser-session cookie when there is no absolute expiry. */
    public Optional<Duration> absoluteTimeout() {
        Duration timeout = config.absoluteTimeout();
        return timeout.isNegative() || timeout.isZero() ? Optional.empty() : Optional.of(timeout);
    }

    private void open(UUID userId, String token, ClientInfo client, Instant now) {
        UserSession session = new UserSession();
        session.id = UUID.randomUUID();
        session.tokenHash = SessionToken.hash(token);
        session.user = User.getEntityManager().getReference(User.class, userId);
        session.createdAt = now;
        session.lastSeenAt = now;
        session.expiresAt = absoluteTimeout().map(now::plus).orElse(null);
        session.clientIp = client.ipAddress();
        session.userAgent = client.userAgent();
        session.persist();
    }

    private boolean isDueForTouch(UserSession session, Instant now) {
        return !config.idleTimeout().isZero() && !now.isBefore(session.lastSeenAt.plus(config.touchInterval()));
    }

    /**
     * Moves the idle clock forward. The condition keeps it from going backwards, and an UPDATE cannot bring back
     * a row that a logout or purge deleted meanwhile.
     */
    private void touch(UUID sessionId, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> UserSession
                .update("lastSeenAt = ?1 where id = ?2 and lastSeenAt < ?1", now, sessionId));
    }
}
