package dev.sessionauth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sessionauth.support.ScratchDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * V8_1 (remember-me, freshness, reset secrets) on a database released with the groups (V7_1, V7_2): it applies after
 * them, keeps their rows, and gives the sessions already there the proof of their login.
 */
@QuarkusTest
class RecoveryMigrationTest {

    private static final String GROUPS_RELEASE = "7.2";

    private ScratchDatabase scratch;

    @BeforeEach
    void createScratchDatabaseAtTheGroupsRelease() throws SQLException {
        scratch = ScratchDatabase.create();
        scratch.flyway(GROUPS_RELEASE).migrate();
    }

    @AfterEach
    void dropScratchDatabase() throws SQLException {
        scratch.close();
    }

    @Test
    void shouldApplyAfterTheGroupsAndKeepTheirRowsAndTheSessionsOfThatRelease() {
        OffsetDateTime loggedIn = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3).truncatedTo(ChronoUnit.MICROS);
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        UUID group = UUID.randomUUID();
        UUID token = UUID.randomUUID();
        update("INSERT INTO users (id, email, password_hash, role, created_at, updated_at) "
                + "VALUES (?, 'kim@example.com', 'x', 'USER', ?, ?)", user, loggedIn, loggedIn);
        update("INSERT INTO user_sessions (id, token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
                session, randomHash(), user, loggedIn, loggedIn);
        update("INSERT INTO user_groups (id, name, created_at) VALUES (?, 'reports', ?)", group, loggedIn);
        update("INSERT INTO group_members (group_id, user_id, added_at) VALUES (?, ?, ?)", group, user, loggedIn);
        update("INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, expires_at, read_only, group_limited) "
                + "VALUES (?, ?, 'ci', ?, ?, ?, true, true)", token, user, randomHash(), loggedIn, loggedIn.plusDays(30));
        update("INSERT INTO api_token_groups (token_id, group_id) VALUES (?, ?)", token, group);

        scratch.flyway("latest").migrate();

        assertEquals(List.of("8.1", "7.2", "7.1"), column("SELECT version FROM flyway_schema_history "
                + "WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 3"));
        assertEquals(loggedIn.toInstant(), ((Timestamp) scratch.database()
                .single("SELECT authenticated_at FROM user_sessions WHERE id = ?", session)).toInstant());
        assertEquals(List.of("remember=false fresh=true"),
                column("SELECT 'remember=' || remember || ' fresh=' || fresh FROM user_sessions"));
        assertEquals(List.of("reports"), column("SELECT g.name FROM group_members m JOIN user_groups g ON g.id = m.group_id"));
        assertEquals(List.of("true true 1"), column("SELECT t.read_only || ' ' || t.group_limited || ' ' || "
                + "(SELECT count(*) FROM api_token_groups) FROM api_tokens t"));
        assertEquals(List.of("0"), column("SELECT count(*)::text FROM password_reset_secrets"));
    }

    private static byte[] randomHash() {
        byte[] hash = new byte[32];
        new SecureRandom().nextBytes(hash);
        return hash;
    }

    private void update(String sql, Object... parameters) {
        scratch.database().update(sql, parameters);
    }

    private List<Object> column(String sql) {
        return scratch.database().column(sql);
    }
}
