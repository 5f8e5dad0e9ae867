package dev.sessionauth.security;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The security events of reauthentication, session protection, the test login and account recovery, on the same
 * "audit" logger and sessionauth_* metrics as {@link SecurityEvents}. Never a token, secret, password or email.
 */
@ApplicationScoped
public class SessionSafetyEvents {

    private static final Logger LOG = Logger.getLogger(SecurityEvents.CATEGORY);

    private final MeterRegistry registry;

    public SessionSafetyEvents(MeterRegistry registry) {
        this.registry = registry;
    }

    public void reauthenticated(UUID userId, UUID sessionId, String clientAddress) {
        registry.counter("sessionauth.reauthentications").increment();
        LOG.infof("event=reauthenticated user_id=%s session_id=%s client_ip=%s", userId, sessionId, orDash(clientAddress));
    }

    /** A sensitive action refused because the session's password proof is too old. */
    public void reauthenticationRequired(UUID userId, UUID sessionId, String path, String clientAddress) {
        registry.counter("sessionauth.reauthentication.required").increment();
        LOG.infof("event=reauthentication_required user_id=%s session_id=%s path=%s client_ip=%s", userId,
                orDash(sessionId), SecurityEvents.boundedToken(path), orDash(clientAddress));
    }

    /**
     * A session used from another network or browser family than its password proof's.
     *
     * @param action what protection did: marked_not_fresh, ended or none (already not fresh)
     */
    public void sessionMoved(UUID userId, UUID sessionId, String change, String action, String clientAddress) {
        registry.counter("sessionauth.session_protection", "change", change, "action", action).increment();
        LOG.warnf("event=session_moved user_id=%s session_id=%s change=%s action=%s client_ip=%s", userId, sessionId,
                change, action, orDash(clientAddress));
    }

    /** A session opened without a password, by the test login of the dev and test builds. */
    public void testLogin(UUID userId, UUID sessionId, String clientAddress) {
        registry.counter("sessionauth.test_logins").increment();
        LOG.warnf("event=test_login user_id=%s session_id=%s client_ip=%s", userId, sessionId, orDash(clientAddress));
    }

    public void lockoutCleared(UUID actorId, UUID userId, long cleared, String clientAddress) {
        registry.counter("sessionauth.lockouts.cleared").increment();
        LOG.infof("event=lockout_cleared actor_id=%s user_id=%s cleared=%d client_ip=%s", actorId, userId, cleared,
                orDash(clientAddress));
    }

    public void roleChanged(UUID actorId, UUID userId, String role, String clientAddress) {
        registry.counter("sessionauth.role_changes", "role", role).increment();
        LOG.infof("event=role_changed actor_id=%s user_id=%s role=%s client_ip=%s", actorId, userId, role,
                orDash(clientAddress));
    }

    public void passwordResetIssued(UUID actorId, UUID userId, UUID resetId, String clientAddress) {
        registry.counter("sessionauth.password_resets", "step", "issued").increment();
        LOG.infof("event=password_reset_issued actor_id=%s user_id=%s reset_id=%s client_ip=%s", actorId, userId, resetId,
                orDash(clientAddress));
    }

    public void passwordResetCompleted(UUID userId, UUID resetId, long revokedSessions, long revokedTokens,
            String clientAddress) {
        registry.counter("sessionauth.password_resets", "step", "completed").increment();
        LOG.infof("event=password_reset_completed user_id=%s reset_id=%s revoked_sessions=%d revoked_tokens=%d "
                + "client_ip=%s", userId, resetId, revokedSessions, revokedTokens, orDash(clientAddress));
    }

    /** An unknown, used or expired reset secret; it is also counted as a failed sign-in by the limits. */
    public void passwordResetRefused(String clientAddress) {
        registry.counter("sessionauth.password_resets", "step", "refused").increment();
        LOG.infof("event=password_reset_refused client_ip=%s", orDash(clientAddress));
    }

    private static Object orDash(Object value) {
        return value == null ? "-" : value;
    }
}
