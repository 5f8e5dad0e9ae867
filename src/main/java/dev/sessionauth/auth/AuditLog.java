package dev.sessionauth.auth;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Security events as one key=value line each on the "audit" logger, so they can be routed and parsed apart from
 * the application log. Lines name users by id and clients by address; never a token, password or email.
 */
@ApplicationScoped
public class AuditLog {

    public static final String CATEGORY = "audit";

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    public void loginSucceeded(UUID userId, UUID sessionId, String clientAddress) {
        LOG.infof("event=login_succeeded user_id=%s session_id=%s client_ip=%s", userId, sessionId, clientAddress);
    }

    /** A failed session login, Basic check or password confirmation; the user id is null for an unknown email. */
    public void authenticationFailed(String method, UUID userId, String clientAddress, String reason) {
        LOG.infof("event=authentication_failed method=%s user_id=%s client_ip=%s reason=%s", method, orDash(userId),
                clientAddress, reason);
    }

    public void lockedOut(String subjectKind, UUID userId, String clientAddress, long lockSeconds) {
        LOG.warnf("event=lockout subject=%s user_id=%s client_ip=%s lock_seconds=%d", subjectKind, orDash(userId),
                clientAddress, lockSeconds);
    }

    public void loggedOut(UUID userId, UUID sessionId, String clientAddress) {
        LOG.infof("event=logout user_id=%s session_id=%s client_ip=%s", userId, sessionId, clientAddress);
    }

    public void sessionsRevoked(UUID actorId, UUID ownerId, long count, String scope, String clientAddress) {
        LOG.infof("event=sessions_revoked actor_id=%s user_id=%s count=%d scope=%s client_ip=%s", actorId, ownerId, count,
                scope, clientAddress);
    }

    public void passwordChanged(UUID userId, long revokedSessions, String clientAddress) {
        LOG.infof("event=password_changed user_id=%s revoked_sessions=%d client_ip=%s", userId, revokedSessions,
                clientAddress);
    }

    public void userDisabled(UUID actorId, UUID userId, long revokedSessions, String clientAddress) {
        LOG.infof("event=user_disabled actor_id=%s user_id=%s revoked_sessions=%d client_ip=%s", actorId, userId,
                revokedSessions, clientAddress);
    }

    public void userDeleted(UUID actorId, UUID userId, String clientAddress) {
        LOG.infof("event=user_deleted actor_id=%s user_id=%s client_ip=%s", actorId, userId, clientAddress);
    }

    public void purged(long deleted, long millis) {
        LOG.infof("event=sessions_purged count=%d duration_ms=%d", deleted, millis);
    }

    private static Object orDash(UUID id) {
        return id == null ? "-" : id;
    }
}
