package dev.sessionauth.store;

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

/**
 * The two statements of a credential check on the hot path, in plain JDBC (no ORM session, entity or persistence
 * context): one read by a secret's hash, and the occasional write that records the credential's use.
 */
@ApplicationScoped
public class CredentialQueries {

    /** Turns the current row of a lookup into its result. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;

    public CredentialQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs a query with one parameter, the hash, and reads its first row, if any. */
    public <T> Optional<T> findByHash(String sql, byte[] hash, RowReader<T> reader, String what) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setBytes(1, hash);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(reader.read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw DatabaseFailures.translate("Could not look up " + what, e);
        }
    }

    /**
     * Runs an UPDATE whose parameters are (now, id, now): the new time, the row, and the bound the old time must be
     * below, so that a late write never moves the time backwards.
     *
     * @return rows changed: 0 or 1
     */
    public int recordUse(String sql, UUID id, Instant now, String what) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            Timestamp timestamp = Timestamp.from(now);
            statement.setTimestamp(1, timestamp);
            statement.setObject(2, id);
            statement.setTimestamp(3, timestamp);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailures.translate("Could not record the use of " + what, e);
        }
    }
}
