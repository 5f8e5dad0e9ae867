package dev.sessionauth.user;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Database;
import dev.sessionauth.support.ScratchDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Runs the real migrations on a scratch database of the test server: the schema as released before V6, rows written
 * there the way the previous code stored them (trimmed, case and width as typed), then the migrations after it.
 */
@QuarkusTest
class CanonicalEmailMigrationTest {

    private static final String PREVIOUS_VERSION = "5";

    @Inject
    Database database;

    private ScratchDatabase scratch;

    @BeforeEach
    void createScratchDatabase() throws SQLException {
        scratch = ScratchDatabase.create();
        scratch.flyway(PREVIOUS_VERSION).migrate();
    }

    @AfterEach
    void dropScratchDatabase() throws SQLException {
        scratch.close();
    }

    @Test
    void shouldHaveMigratedTheServiceDatabaseAtStartUp() {
        assertEquals(1L, database.count("SELECT count(*) FROM flyway_schema_history WHERE version = '6' AND success"));
        assertEquals("UNIQUE (email)", database.single("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                + "WHERE conname = 'users_email_key' AND conrelid = 'users'::regclass"));
        assertEquals(0L,
                database.count("SELECT count(*) FROM pg_indexes WHERE tablename = 'users' AND indexdef LIKE '%lower%'"));
    }

    @Test
    void shouldStoreEveryExistingEmailInItsCanonicalForm() throws SQLException {
        Map<UUID, String> expected = new LinkedHashMap<>();
        expected.put(insertUser("Kim.Lin@Example.COM"), "kim.lin@example.com");
        expected.put(insertUser("\uFF4A\uFF4F\uFF45\uFF20\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45.com"), "joe@example.com");
        expected.put(insertUser("\u212Aelvin@example.com"), "kelvin@example.com");
        expected.put(insertUser("\u0130nci@example.com"), "i\u0307nci@example.com");
        expected.put(insertUser("already@example.com"), "already@example.com");

        scratch.flyway("latest").migrate();

        Map<UUID, String> stored = new LinkedHashMap<>();
        for (UUID id : expected.keySet()) {
            stored.put(id, (String) single("SELECT email FROM users WHERE id = ?", id));
        }
        assertEquals(expected, stored);
        assertEquals(0L, single("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email_lower_key'"));
        SQLException duplicate = assertThrows(SQLException.class, () -> insertUser("kim.lin@example.com"));
        assertEquals("23505", duplicate.getSQLState(), "a plain unique constraint on the canonical column");
    }

    @Test
    void shouldRefuseToMigrateAccountsWhoseEmailsBecomeTheSame() throws SQLException {
        // The old index on lower(email) let these in: under the database's locale lower() keeps full-width letters.
        UUID kim = insertUser("Kim@example.com");
        UUID wideKim = insertUser("\uFF2B\uFF29\uFF2D@example.com");
        UUID ann = insertUser("ann@example.com");
        UUID wideAnn = insertUser("\uFF41\uFF4E\uFF4E@example.com");
        UUID unrelated = insertUser("Somebody.Else@example.com");

        FlywayException failure = assertThrows(FlywayException.class, () -> scratch.flyway("latest").migrate());

        assertThat(messages(failure), allOf(containsString(kim + ", " + wideKim), containsString(ann + ", " + wideAnn),
                not(containsString(unrelated.toString())), not(containsString("example.com"))));
        assertEquals("5", single("SELECT max(version::int)::text FROM flyway_schema_history WHERE success"));
        assertEquals("Somebody.Else@example.com", single("SELECT email FROM users WHERE id = ?", unrelated),
                "nothing changed");
        assertEquals(1L, single("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email_lower_key'"));
    }

    private UUID insertUser(String email) throws SQLException {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        try (Connection connection = scratch.connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO users "
                        + "(id, email, password_hash, role, created_at, updated_at) VALUES (?, ?, 'x', 'USER', ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, email);
            insert.setObject(3, now);
            insert.setObject(4, now);
            insert.executeUpdate();
        }
        return id;
    }

    private Object single(String sql, Object... parameters) {
        return scratch.database().single(sql, parameters);
    }

    private static String messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        return String.join("\n", messages);
    }
}
