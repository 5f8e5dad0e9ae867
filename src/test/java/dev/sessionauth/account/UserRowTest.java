package dev.sessionauth.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The users table's two readers, the entity and plain JDBC, see the same user. */
@QuarkusTest
class UserRowTest {

    @Inject
    Database database;

    @Inject
    DataSource dataSource;

    @Test
    void shouldReadTheSameUserThroughTheEntityAndThroughJdbc() throws SQLException {
        UUID id = database.insertUser(Api.uniqueEmail(), "not-a-hash");
        Instant disabledAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        database.update("UPDATE users SET first_name = ?, last_name = ?, role = 'ADMIN', disabled_at = ? WHERE id = ?",
                "Ada", "Lovelace", Timestamp.from(disabledAt), id);

        UserRow viaJdbc = readWithJdbc(id);
        UserRow viaEntity = QuarkusTransaction.requiringNew().call(() -> UserRow.of(User.<User> findById(id)));

        assertEquals(viaEntity, viaJdbc);
        assertEquals("Ada", viaJdbc.firstName());
        assertEquals(Role.ADMIN, viaJdbc.role());
        assertTrue(viaJdbc.disabled());
        assertEquals(UserResponse.of(viaEntity), viaJdbc.profile());
    }

    @Test
    void shouldReadTheUsersOwnColumnsWhenJoinedToATableWithTheSameColumnNames() throws SQLException {
        UUID id = database.insertUser(Api.uniqueEmail(), "not-a-hash");
        database.insertSession(id, Instant.parse("2001-02-03T04:05:06Z"));
        String sql = "SELECT s.id, s.created_at, " + UserRow.COLUMNS
                + " FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE u.id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            try (ResultSet row = statement.executeQuery()) {
                assertTrue(row.next());
                UserRow user = UserRow.read(row);
                assertEquals(id, user.id());
                assertEquals(readWithJdbc(id).createdAt(), user.createdAt());
            }
        }
    }

    private UserRow readWithJdbc(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT " + UserRow.COLUMNS + " FROM users u WHERE u.id = ?")) {
            statement.setObject(1, id);
            try (ResultSet row = statement.executeQuery()) {
                assertTrue(row.next());
                return UserRow.read(row);
            }
        }
    }
}
