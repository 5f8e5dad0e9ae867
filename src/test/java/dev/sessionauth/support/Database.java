package dev.sessionauth.support;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads and writes the real database directly, to check what the API left behind. */
@ApplicationScoped
public class Database {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;

    public Database(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts a plain user with this password hash, without the API: for hashes the API would not make, and for
     * tests whose limits the administrator's own sign-ins would disturb.
     */
    public UUID insertUser(String email, String passwordHash) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        update("INSERT INTO users (id, email, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, 'USER', ?, ?)",
                id, email, passwordHash, now, now);
        return id;
    }

    public long count(String sql, Object... parameters) {
        return ((Number) single(sql, parameters)).longValue();
    }

    /** The first column of the first row, or null when there is no row. */
    public Object single(String sql, Object... parameters) {
        List<Object> values = column(sql, parameters);
        return values.isEmpty() ? null : values.get(0);
    }

    public List<Object> column(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<Object> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getObject(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A live session of the user (an hour left, just used) made directly in the table, without a login and so
     * without its limit; nobody knows its token.
     */
    public void insertSession(UUID userId, Instant createdAt) {
        byte[] tokenHash = new byte[32];
        RANDOM.nextBytes(tokenHash);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        update("INSERT INTO user_sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, client_ip, "
                + "user_agent) VALUES (?, ?, ?, ?, ?, ?, '192.0.2.1', 'Inserted/1.0')", UUID.randomUUID(), tokenHash, userId,
                createdAt.atOffset(ZoneOffset.UTC), now, now.plusHours(1));
    }

    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
