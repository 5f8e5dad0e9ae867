package dev.sessionauth.session;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.account.UserRow;
import dev.sessionauth.store.CredentialQueries;

/**
 * The hot path of every cookie-authenticated request, in plain JDBC: one prepared statement (session joined to its
 * user, by the token hash's unique index) and, at most once per touch interval, one conditional UPDATE. No ORM
 * session, entity or persistence context is created for it.
 */
@ApplicationScoped
public class SessionLookup {

    /** A session with the parts of its user that authentication and GET /users/me need. */
    public record ActiveSession(UUID id, Instant lastSeenAt, Instant expiresAt, UserRow user) {
    }

    private static final String FIND_BY_TOKEN_HASH = "SELECT s.id, s.last_seen_at, s.expires_at, " + UserRow.COLUMNS
            + " FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?";

    private static final String TOUCH = "UPDATE user_sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?";

    private final CredentialQueries queries;

    public SessionLookup(CredentialQueries queries) {
        this.queries = queries;
    }

    public Optional<ActiveSession> findByTokenHash(byte[] tokenHash) {
        return queries.findByHash(FIND_BY_TOKEN_HASH, tokenHash, row -> new ActiveSession(row.getObject(1, UUID.class),
                UserRow.instant(row, 2), UserRow.instant(row, 3), UserRow.read(row)), "a session");
    }

    /**
     * Moves the idle clock forward. The condition keeps it from going backwards, and an UPDATE cannot bring back
     * a row that a logout, revocation or purge deleted meanwhile.
     *
     * @return rows changed: 0 or 1
     */
    public int touch(UUID sessionId, Instant now) {
        return queries.recordUse(TOUCH, sessionId, now, "a session");
    }
}
