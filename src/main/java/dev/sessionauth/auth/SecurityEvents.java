package dev.sessionauth.auth;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records each security event twice: as one key=value line on the "audit" logger, so it can be routed and parsed
 * apart from the application log, and in the sessionauth_* metrics. Lines name users by id and clients by
 * address; never a token, password or email.
 */
@ApplicationScoped
public class SecurityEvents {

    public static final String CATEGORY = "audit";

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private final MeterRegistry registry;
    private final Counter logins;
    private final Timer purgeDuration;
    private final Counter purgedSessions;

    public SecurityEvents(MeterRegistry registry) {
        this.registry = registry;
        this.logins = Counter.builder("sessionauth.logins").description("Session logins that opened a session")
                .register(registry);
        this.purgeDuration = Timer.builder("sessionauth.purge.duration").description("Duration of purge runs")
                .register(registry);
        this.purgedSessions = Counter.builder("sessionauth.sessions.purged").description("Expired sessions deleted")
                .register(registry);
    }

    public void loginSucceeded(UUID userId, UUID sessionId, String clientAddress) {
        logins.increment();
        LOG.infof("event=login_succeeded user_id=%s session_id=%s client_ip=%s", userId, sessionId, clientAddress);
    }

    /** A failed session login, Basic check or password confirmation; the user id is null for an unknown email. */
    public void authenticationFailed(String method, UUID userId, String clientAddress, String reason) {
        registry.counter("sessionauth.authentication.failures", "method", method, "reason", reason).increment();
        LOG.infof("event=authentication_failed method=%s user_id=%s client_ip=%s reason=%s", method, orDash(userId),
                clientAddress, reason);
    }

    public void lockedOut(String subjectKind, UUID userId, String clientAddress, long lockSeconds) {
        registry.counter("sessionauth.lockouts", "subject", subjectKind).increment();
        LOG.warnf("event=lockout subject=%s user_id=%s client_ip=%s lock_seconds=%d", subjectKind, orDash(userId),
                clientAddress, lockSeconds);
    }

    public void loggedOut(UUID userId, UUID sessionId, String clientAddress) {
        revoked("logout", 1);
        LOG.infof("event=logout user_id=%s session_id=%s client_ip=%s", userId, sessionId, clientAddress);
    }

    public void sessionsRevoked(UUID actorId, UUID ownerId, long count, String scope, String clientAddress) {
        revoked(scope, count);
        LOG.infof("event=sessions_revoked actor_id=%s user_id=%s count=%d scope=%s client_ip=%s", actorId, ownerId, count,
                scope, clientAddress);
    }

    public void passwordChanged(UUID userId, long revokedSessions, String clientAddress) {
        revoked("password_change", revokedSessions);
        LOG.infof("event=password_changed user_id=%s revoked_sessions=%d client_ip=%s", userId, revokedSessions,
                clientAddress);
    }

    public void userDisabled(UUID actorId, UUID userId, long revokedSessions, String clientAddress) {
        revoked("user_disabled", revokedSessions);
        LOG.infof("event=user_disabled actor_id=%s user_id=%s revoked_sessions=%d client_ip=%s", actorId, userId,
                revokedSessions, clientAddress);
    }

    public void userDeleted(UUID actorId, UUID userId, String clientAddress) {
        LOG.infof("event=user_deleted actor_id=%s user_id=%s client_ip=%s", actorId, userId, clientAddress);
    }

    public void purged(long deleted, Duration duration) {
        purgedSessions.increment(deleted);
        purgeDuration.record(duration);
        long millis = duration.toMillis();
        LOG.infof("event=sessions_purged count=%d duration_ms=%d", deleted, millis);
    }

    private void revoked(String scope, long count) {
        registry.counter("sessionauth.sessions.revoked", "scope", scope).increment(count);
    }

    private static Object orDash(UUID id) {
        return id == null ? "-" : id;
    }
}
