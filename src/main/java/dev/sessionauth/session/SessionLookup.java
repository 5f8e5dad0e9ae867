package dev.sessionauth.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;

import dev.sessionauth.api.DatabaseFailures;
import dev.sessionauth.user.Role;
import dev.sessionauth.user.UserResponse;

/**
 * The hot path of every cookie-authenticated request, in plain JDBC: one prepared statement (session joined to its
 * user, by the token hash's unique index) and, at most once per touch interval, one conditional UPDATE. No ORM
 * session, entity or persistence context is created for it.
 */
@ApplicationScoped
public class SessionLookup {

    /** A session with the parts of its user that authentication and GET /users/me need. */
    public record ActiveSession(UUID id, Instant lastSeenAt, Instant expiresAt, UUID userId, Role role,
            boolean userDisabled, UserResponse user) {
    }

    private static final String FIND_BY_TOKEN_HASH = """
            SELECT s.id, s.last_seen_at, s.expires_at,
                   u.id, u.email, u.first_name, u.last_name, u.role, u.disabled_at, u.created_at, u.updated_at
            FROM user_sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = ?""";

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
                UUID userId = row.getObject(4, UUID.class);
                Role role = Role.valueOf(row.getString(8));
                boolean disabled = row.getObject(9) != null;
                UserResponse user = UserResponse.of(userId, row.getString(5), row.getString(6), row.getString(7), role,
                        disabled, instant(row, 10), instant(row, 11));
                return Optional.of(new ActiveSession(row.getObject(1, UUID.class), instant(row, 2), instant(row, 3), userId,
                        role, disabled, user));
            }
        } catch (SQLException e) {
            throw databaseFailure("Could not look up a session", e);
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
            throw databaseFailure("Could not record session activity", e);
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Reported as Hibernate reports it, so the one error mapper answers 503 for an unavailable database. */
    private static RuntimeException databaseFailure(String what, SQLException e) {
        if (DatabaseFailures.isUnavailable(e)) {
            return new JDBCConnectionException(what + ": " + e.getMessage(), e);
        }
        return new GenericJDBCException(what + ": " + e.getMessage(), e);
    }
}
