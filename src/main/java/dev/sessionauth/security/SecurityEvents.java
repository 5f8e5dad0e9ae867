package dev.sessionauth.security;

import java.time.Duration;
import java.time.Instant;
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
        LOG.infof("event=login_succeeded user_id=%s session_id=%s client_ip=%s", userId, sessionId, orDash(clientAddress));
    }

    /** A failed session login, Basic check or password confirmation; the user id is null for an unknown email. */
    public void authenticationFailed(String method, UUID userId, String clientAddress, String reason) {
        registry.counter("sessionauth.authentication.failures", "method", method, "reason", reason).increment();
        LOG.infof("event=authentication_failed method=%s user_id=%s client_ip=%s reason=%s", method, orDash(userId),
                orDash(clientAddress), reason);
    }

    public void lockedOut(String subjectKind, UUID userId, String clientAddress, long lockSeconds) {
        registry.counter("sessionauth.lockouts", "subject", subjectKind).increment();
        LOG.warnf("event=lockout subject=%s user_id=%s client_ip=%s lock_seconds=%d", subjectKind, orDash(userId),
                orDash(clientAddress), lockSeconds);
    }

    /**
     * An attempt refused with 429 without checking its password. Refusals for want of a share or beyond the success
     * rate come by the thousand a second in a flood and cost the service almost nothing, so they are only counted
     * (and logged at DEBUG): a line each would make the log the flood's target. Lockouts are logged.
     */
    public void attemptRefused(String method, String clientAddress, TooManyAttemptsException.Reason reason) {
        registry.counter("sessionauth.attempts.refused", "method", method, "reason", reason.label()).increment();
        if (reason != TooManyAttemptsException.Reason.LOCKED) {
            LOG.debugf("event=attempt_refused method=%s client_ip=%s reason=%s", method, orDash(clientAddress),
                    reason.label());
        } else {
            LOG.infof("event=attempt_refused method=%s client_ip=%s reason=%s", method, orDash(clientAddress),
                    reason.label());
        }
    }

    /** A cookie-authenticated write (or a login form) sent from another site. */
    public void crossSiteRefused(String method, String path, String origin, String clientAddress) {
        registry.counter("sessionauth.cross_site.refused").increment();
        LOG.warnf("event=cross_site_refused http_method=%s path=%s origin=%s client_ip=%s", method, token(path),
                token(origin), orDash(clientAddress));
    }

    public void userCreated(UUID actorId, UUID userId, String role, String clientAddress) {
        LOG.infof("event=user_created actor_id=%s user_id=%s role=%s client_ip=%s", orDash(actorId), userId, role,
                orDash(clientAddress));
    }

    public void userEnabled(UUID actorId, UUID userId, String clientAddress) {
        LOG.infof("event=user_enabled actor_id=%s user_id=%s client_ip=%s", actorId, userId, orDash(clientAddress));
    }

    public void loggedOut(UUID userId, UUID sessionId, String clientAddress) {
        revoked("logout", 1);
        LOG.infof("event=logout user_id=%s session_id=%s client_ip=%s", userId, sessionId, orDash(clientAddress));
    }

    /** A login went over the user's session limit and ended this, their least recently used session. */
    public void sessionEvicted(UUID userId, UUID sessionId, int limit, String clientAddress) {
        revoked("session_limit", 1);
        LOG.infof("event=session_evicted user_id=%s session_id=%s limit=%d client_ip=%s", userId, sessionId, limit,
                orDash(clientAddress));
    }

    public void sessionsRevoked(UUID actorId, UUID ownerId, long count, String scope, String clientAddress) {
        revoked(scope, count);
        LOG.infof("event=sessions_revoked actor_id=%s user_id=%s count=%d scope=%s client_ip=%s", actorId, ownerId, count,
                scope, orDash(clientAddress));
    }

    public void passwordChanged(UUID userId, long revokedSessions, String clientAddress) {
        revoked("password_change", revokedSessions);
        LOG.infof("event=password_changed user_id=%s revoked_sessions=%d client_ip=%s", userId, revokedSessions,
                orDash(clientAddress));
    }

    public void userDisabled(UUID actorId, UUID userId, long revokedSessions, long revokedTokens, String clientAddress) {
        revoked("user_disabled", revokedSessions);
        LOG.infof("event=user_disabled actor_id=%s user_id=%s revoked_sessions=%d revoked_tokens=%d client_ip=%s", actorId,
                userId, revokedSessions, revokedTokens, orDash(clientAddress));
    }

    public void userDeleted(UUID actorId, UUID userId, String clientAddress) {
        LOG.infof("event=user_deleted actor_id=%s user_id=%s client_ip=%s", actorId, userId, orDash(clientAddress));
    }

    public void apiTokenCreated(UUID userId, UUID tokenId, Instant expiresAt, String clientAddress) {
        LOG.infof("event=api_token_created user_id=%s token_id=%s expires_at=%s client_ip=%s", userId, tokenId, expiresAt,
                orDash(clientAddress));
    }

    public void apiTokensRevoked(UUID actorId, UUID ownerId, long count, String scope, String clientAddress) {
        registry.counter("sessionauth.api_tokens.revoked", "scope", scope).increment(count);
        LOG.infof("event=api_tokens_revoked actor_id=%s user_id=%s count=%d scope=%s client_ip=%s", actorId, ownerId, count,
                scope, orDash(clientAddress));
    }

    public void groupCreated(UUID actorId, UUID groupId, String name, String clientAddress) {
        LOG.infof("event=group_created actor_id=%s group_id=%s group=%s client_ip=%s", actorId, groupId, name,
                orDash(clientAddress));
    }

    public void groupDeleted(UUID actorId, UUID groupId, String name, String clientAddress) {
        LOG.infof("event=group_deleted actor_id=%s group_id=%s group=%s client_ip=%s", actorId, groupId, name,
                orDash(clientAddress));
    }

    public void groupMemberAdded(UUID actorId, UUID groupId, String name, UUID userId, String clientAddress) {
        LOG.infof("event=group_member_added actor_id=%s group_id=%s group=%s user_id=%s client_ip=%s", actorId, groupId,
                name, userId, orDash(clientAddress));
    }

    public void groupMemberRemoved(UUID actorId, UUID groupId, String name, UUID userId, String clientAddress) {
        LOG.infof("event=group_member_removed actor_id=%s group_id=%s group=%s user_id=%s client_ip=%s", actorId,
                groupId, name, userId, orDash(clientAddress));
    }

    public void purged(long deletedSessions, long deletedApiTokens, Duration duration) {
        purgedSessions.increment(deletedSessions);
        purgeDuration.record(duration);
        LOG.infof("event=sessions_purged count=%d api_tokens=%d duration_ms=%d", deletedSessions, deletedApiTokens,
                duration.toMillis());
    }

    private void revoked(String scope, long count) {
        registry.counter("sessionauth.sessions.revoked", "scope", scope).increment(count);
    }

    /** Client-supplied text as one bounded token, so it cannot forge key=value pairs in the line. */
    private static String token(String value) {
        if (value == null) {
            return "-";
        }
        String bounded = value.length() > 200 ? value.substring(0, 200) : value;
        return bounded.replaceAll("[^\\x21-\\x7e]", "_");
    }

    private static Object orDash(Object value) {
        return value == null ? "-" : value;
    }
}
