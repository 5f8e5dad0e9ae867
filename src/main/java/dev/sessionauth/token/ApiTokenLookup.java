package dev.sessionauth.token;

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
 * The hot path of every Bearer-authenticated request, in plain JDBC like the session lookup: one prepared statement
 * by the token hash's unique index and, at most once per touch interval, one conditional UPDATE of last_used_at.
 */
@ApplicationScoped
public class ApiTokenLookup {

    /** A token with the parts of its user that authentication and GET /users/me need. */
    public record StoredToken(UUID id, Instant expiresAt, Instant lastUsedAt, UserRow user) {
    }

    private static final String FIND_BY_TOKEN_HASH = "SELECT t.id, t.expires_at, t.last_used_at, " + UserRow.COLUMNS
            + " FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?";

    private static final String TOUCH = "UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)";

    private final DataSource dataSource;

    public ApiTokenLookup(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<StoredToken> findByTokenHash(byte[] tokenHash) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(FIND_BY_TOKEN_HASH)) {
            statement.setBytes(1, tokenHash);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredToken(row.getObject(1, UUID.class), UserRow.instant(row, 2),
                        UserRow.instant(row, 3), UserRow.read(row, 4)));
            }
        } catch (SQLException e) {
            throw DatabaseFailures.translated("Could not look up an API token", e);
        }
    }

    /** Records a use; the condition keeps last_used_at from going backwards, and a revoked token stays deleted. */
    public int touch(UUID tokenId, Instant now) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(TOUCH)) {
            Timestamp timestamp = Timestamp.from(now);
            statement.setTimestamp(1, timestamp);
            statement.setObject(2, tokenId);
            statement.setTimestamp(3, timestamp);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailures.translated("Could not record an API token's use", e);
        }
    }
}
