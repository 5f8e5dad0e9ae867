package dev.sessionauth.session;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * V8_1 (remember-me, freshness, reset secrets) on a database released with the groups (V7_1, V7_2): it applies after
 * them, keeps their rows, and gives the sessions already there the proof of their login.
 */
@QuarkusTest
class RecoveryMigrationTest {

    private static final String GROUPS_RELEASE = "7.2";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private String scratchDatabase;

    @BeforeEach
    void createScratchDatabaseAtTheGroupsRelease() throws SQLException {
        scratchDatabase = "migration_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection server = DriverManager.getConnection(jdbcUrl, username, password.orElse(null));
                Statement create = server.createStatement()) {
            create.execute("CREATE DATABASE " + scratchDatabase);
        }
        flyway(GROUPS_RELEASE).migrate();
    }

    @AfterEach
    void dropScratchDatabase() throws SQLException {
        try (Connection server = DriverManager.getConnection(jdbcUrl, username, password.orElse(null));
                Statement drop = server.createStatement()) {
            drop.execute("DROP DATABASE " + scratchDatabase + " WITH (FORCE)");
        }
    }

    @Test
    void shouldApplyAfterTheGroupsAndKeepTheirRowsAndTheSessionsOfThatRelease() throws SQLException {
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

        flyway(null).migrate();

        assertThat(column("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL "
                + "ORDER BY installed_rank DESC LIMIT 3"), contains("8.1", "7.2", "7.1"));
        assertEquals(loggedIn.toInstant(), single("SELECT authenticated_at FROM user_sessions WHERE id = ?",
                session, OffsetDateTime.class).toInstant());
        assertEquals(List.of("remember=false fresh=true"),
                column("SELECT 'remember=' || remember || ' fresh=' || fresh FROM user_sessions"));
        assertEquals(List.of("reports"), column("SELECT g.name FROM group_members m JOIN user_groups g ON g.id = m.group_id"));
        assertEquals(List.of("true true 1"), column("SELECT t.read_only || ' ' || t.group_limited || ' ' || "
                + "(SELECT count(*) FROM api_token_groups) FROM api_tokens t"));
        assertEquals(List.of("0"), column("SELECT count(*)::text FROM password_reset_secrets"));
    }

    private Flyway flyway(String target) {
        return Flyway.configure(getClass().getClassLoader())
                .dataSource(scratchUrl(), username, password.orElse(null))
                .locations("classpath:db/migration")
                .target(target == null ? "latest" : target)
                .load();
    }

    private static byte[] randomHash() {
        byte[] hash = new byte[32];
        new SecureRandom().nextBytes(hash);
        return hash;
    }

    private void update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = scratchConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private <T> T single(String sql, Object parameter, Class<T> type) throws SQLException {
        try (Connection connection = scratchConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getObject(1, type);
            }
        }
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = scratchConnection();
                Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private Connection scratchConnection() throws SQLException {
        return DriverManager.getConnection(scratchUrl(), username, password.orElse(null));
    }

    /** The test server's URL with the scratch database in place of the configured one. */
    private String scratchUrl() {
        try {
            URI server = URI.create(jdbcUrl.substring("jdbc:".length()));
            return "jdbc:" + new URI(server.getScheme(), server.getAuthority(), "/" + scratchDatabase, server.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
