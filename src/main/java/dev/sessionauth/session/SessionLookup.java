package dev.sessionauth.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.api.DatabaseFailures;
import dev.sessionauth.user.UserRow;

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

    private final DataSource dataSource;

    public SessionLookup(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<ActiveSession> findByTokenHash(byte[] tokenHash) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(FIND_BY_TOKEN_HASH)) {
            statement.setBytes(1, tokenHash);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ActiveSession(row.getObject(1, UUID.class), UserRow.instant(row, 2),
                        UserRow.instant(row, 3), UserRow.read(row, 4)));
            }
        } catch (SQLException e) {
            throw DatabaseFailures.translated("Could not look up a session", e);
        }
    }

    /**
     * Moves the idle clock forward. The condition keeps it from going backwards, and an UPDATE cannot bring back
     * a row that a logout, revocation or purge deleted meanwhile.
     *
     * @return rows changed: 0 or 1
     */
    public int touch(UUID sessionId, Instant now) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(TOUCH)) {
            Timestamp timestamp = Timestamp.from(now);
            statement.setTimestamp(1, timestamp);
            statement.setObject(2, sessionId);
            statement.setTimestamp(3, timestamp);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailures.translated("Could not record session activity", e);
        }
    }
}
