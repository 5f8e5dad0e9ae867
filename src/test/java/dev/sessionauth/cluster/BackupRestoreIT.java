package dev.sessionauth.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The backup of application-docs/operations.md ("Backup and restore"), run as written: a whole-database pg_dump of a
 * database the packaged service has used, restored into a new empty database, gives a database the service starts on
 * and signs the same users in with, by password, API token and existing session.
 */
@EnabledIf(value = "dev.sessionauth.cluster.ThrowawayPostgres#installed", disabledReason = "needs PostgreSQL's server and client binaries (pg_config --bindir)")
class BackupRestoreIT {

    private static final Path DIRECTORY = Path.of("target", "backup-restore-it");
    private static final String ADMIN_EMAIL = "admin@backup.test";
    private static final String ADMIN_PASSWORD = "backup admin passphrase";
    private static final String EMAIL = "restored.user@backup.test";
    private static final String PASSWORD = "restored user passphrase";
    private static final String COOKIE = "_my_session_id";
    private static final String ME = "/api/v1/users/me";
    private static final String TABLES = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            + "ORDER BY table_name";
    private static final String MIGRATIONS = "SELECT version || ' ' || checksum || ' ' || success FROM flyway_schema_history "
            + "ORDER BY installed_rank";

    private static ThrowawayPostgres postgres;

    @BeforeAll
    static void startPostgres() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        postgres = ThrowawayPostgres.start(DIRECTORY.resolve("pg-data"));
        postgres.execute("postgres", "CREATE ROLE sessionauth LOGIN", "CREATE DATABASE sessionauth OWNER sessionauth");
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void shouldStartOnARestoredDumpAndSignInWithItsData() {
        // Given a database the service has created and used: a user with a session and an API token
        String userId;
        String session;
        String apiToken;
        try (PackagedService original = PackagedService.start("original", DIRECTORY, environment("sessionauth"))) {
            original.awaitReady();
            userId = given().baseUri(original.url()).auth().preemptive().basic(ADMIN_EMAIL, ADMIN_PASSWORD)
                    .contentType(ContentType.JSON).body(Map.of("email", EMAIL, "password", PASSWORD))
                    .post("/api/v1/users")
                    .then().statusCode(201)
                    .extract().path("id");
            session = login(original.url());
            apiToken = given().baseUri(original.url()).cookie(COOKIE, session).contentType(ContentType.JSON)
                    .body(Map.of("name", "backup check"))
                    .post("/api/v1/tokens")
                    .then().statusCode(201)
                    .extract().path("token");
        }

        // When it is dumped and restored into a new, empty database with the commands of operations.md
        Path dump = DIRECTORY.resolve("session-auth.dump").toAbsolutePath();
        String port = Integer.toString(postgres.port);
        ThrowawayPostgres.run(List.of(ThrowawayPostgres.tool("pg_dump"), "-h", "127.0.0.1", "-p", port, "-U",
                "sessionauth", "--format=custom", "--file=" + dump, "sessionauth"));
        ThrowawayPostgres.run(List.of(ThrowawayPostgres.tool("createdb"), "-h", "127.0.0.1", "-p", port, "-U", "postgres",
                "--owner=sessionauth", "--template=template0", "sessionauth_restored"));
        ThrowawayPostgres.run(List.of(ThrowawayPostgres.tool("pg_restore"), "-h", "127.0.0.1", "-p", port, "-U",
                "sessionauth", "--dbname=sessionauth_restored", "--single-transaction", dump.toString()));

        // Then the service starts on the restored database without migrating anything, and the data signs in
        try (PackagedService restored = PackagedService.start("restored", DIRECTORY,
                environment("sessionauth_restored"))) {
            try {
                restored.awaitReady();
            } catch (IllegalStateException e) {
                fail("the service did not start on the restored database: " + restored.logLines("ERROR")
                        + restored.logLines("Caused by"), e);
            }
            assertEquals(1, restored.logLines("Schema \"public\" is up to date. No migration necessary").size(),
                    "Flyway finds the restored schema up to date");
            given().baseUri(restored.url()).cookie(COOKIE, login(restored.url())).get(ME)
                    .then().statusCode(200).body("id", equalTo(userId));
            given().baseUri(restored.url()).header("Authorization", "Bearer " + apiToken).get(ME)
                    .then().statusCode(200).body("id", equalTo(userId));
            given().baseUri(restored.url()).cookie(COOKIE, session).get(ME)
                    .then().statusCode(200).body("id", equalTo(userId));
        }
        assertEquals(postgres.column("sessionauth", TABLES), postgres.column("sessionauth_restored", TABLES));
        assertEquals(postgres.column("sessionauth", MIGRATIONS), postgres.column("sessionauth_restored", MIGRATIONS));
    }

    private static Map<String, String> environment(String database) {
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database),
                "QUARKUS_DATASOURCE_USERNAME", "sessionauth",
                "QUARKUS_DATASOURCE_PASSWORD", "unused-trust-authentication",
                "ADMIN_EMAIL", ADMIN_EMAIL,
                "ADMIN_PASSWORD", ADMIN_PASSWORD,
                "BCRYPT_COST", "4",
                "SESSION_COOKIE_SECURE", "false",
                "DB_POOL_MAX_SIZE", "5");
    }

    private static String login(String url) {
        return given().baseUri(url).formParam("email", EMAIL).formParam("password", PASSWORD)
                .post("/api/v1/auth_session/login")
                .then().statusCode(200).body("email", equalTo(EMAIL))
                .extract().cookie(COOKIE);
    }
}
