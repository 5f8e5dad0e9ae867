package dev.sessionauth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.sessionauth.account.User;
import dev.sessionauth.contract.InvalidRequestException;
import dev.sessionauth.contract.PageSize;
import dev.sessionauth.contract.ResourceNotFoundException;
import dev.sessionauth.security.Caller;
import dev.sessionauth.security.LastUseWrites;
import dev.sessionauth.security.SecurityEvents;

/** Checks, lists and ends server-side sessions ({@link SessionLogin} opens them). */
@ApplicationScoped
public class SessionService {

    /** The largest page of the session list, and the size of a page when the client names none. */
    private static final String CANNOT_LIST = "Can't list sessions: ";

    private final SessionLookup sessionLookup;
    private final SecurityEvents securityEvents;
    private final LastUseWrites lastUseWrites;
    private final SessionLifetimes lifetimes;

    public SessionService(SessionLookup sessionLookup, SecurityEvents securityEvents, LastUseWrites lastUseWrites,
            SessionLifetimes lifetimes) {
        this.sessionLookup = sessionLookup;
        this.securityEvents = securityEvents;
        this.lastUseWrites = lastUseWrites;
        this.lifetimes = lifetimes;
    }

    /** The session this cookie token belongs to, with its user, if it is still active at {@code now}. */
    public Optional<SessionLookup.ActiveSession> findActive(String token, Instant now) {
        if (!SessionToken.isWellFormed(token)) {
            return Optional.empty();
        }
        Optional<SessionLookup.ActiveSession> session = sessionLookup.findByTokenHash(SessionToken.hash(token))
                .filter(s -> !s.user().disabled()
                        && lifetimes.isActive(s.remember(), s.expiresAt(), s.lastSeenAt(), now));
        session.filter(s -> isDueForTouch(s, now)).ifPresent(s -> sessionLookup.touch(s.id(), now));
        return session;
    }

    /**
     * One page of the user's active sessions, newest first (by creation time, then id), starting after the cursor
     * of the previous page if one is given.
     *
     * @param limit the page size as the client sent it, or null for the largest
     * @param cursor a cursor from a previous page, or null for the first page
     */
    public SessionPage listActive(UUID userId, String limit, String cursor, Instant now) {
        int pageSize = PageSize.of(limit, CANNOT_LIST);
        Optional<SessionCursor> after = cursor == null ? Optional.empty()
                : Optional.of(SessionCursor.parse(cursor)
                        .orElseThrow(() -> new InvalidRequestException(CANNOT_LIST + "invalid cursor")));
        // One row more than the page tells whether another page follows.
        List<UserSession> rows = UserSession.listActiveNewestFirst(userId, now, lifetimes, after, pageSize + 1);
        if (rows.size() <= pageSize) {
            return new SessionPage(rows, Optional.empty());
        }
        List<UserSession> page = rows.subList(0, pageSize);
        return new SessionPage(page, Optional.of(SessionCursor.after(page.get(pageSize - 1)).encode()));
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
        lockSessionsOf(caller.userId());
        long revoked = UserSession.deleteAllOfUserExcept(caller.userId(), caller.sessionId().orElse(null));
        securityEvents.sessionsRevoked(caller.userId(), caller.userId(), revoked, "others", caller.clientAddress());
        return revoked;
    }

    /** Ends every session of a user (an administrator's action, or the user's own). */
    @Transactional
    public long revokeAll(Caller caller, UUID userId) {
        // The user row first, as lockSessionsOf explains; no such user is 404.
        User.lockExisting(userId);
        long revoked = UserSession.deleteAllOfUserExcept(userId, null);
        securityEvents.sessionsRevoked(caller.userId(), userId, revoked, "all", caller.clientAddress());
        return revoked;
    }

    /** The cookie's lifetime, or empty for a browser-session cookie when there is no absolute expiry. */
    public Optional<Duration> absoluteTimeout(boolean remember) {
        return lifetimes.absoluteTimeout(remember);
    }

    /**
     * Locks the user's row (SELECT ... FOR NO KEY UPDATE) before deleting several of their sessions. Every change
     * that ends more than one session of a user takes the user row first, as a login that evicts sessions does,
     * so two of them never lock the same sessions in opposite orders (a deadlock).
     *
     * @return the user, or empty if there is no such user
     */
    static Optional<User> lockSessionsOf(UUID userId) {
        return User.findByIdOptional(userId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Without an idle timeout nothing reads last_seen_at to expire a session, so it is never written. */
    private boolean isDueForTouch(SessionLookup.ActiveSession session, Instant now) {
        return !lifetimes.idleTimeout(session.remember()).isZero() && lastUseWrites.isDue(session.lastSeenAt(), now);
    }
}
