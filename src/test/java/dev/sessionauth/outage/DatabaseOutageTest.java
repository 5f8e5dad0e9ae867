package dev.sessionauth.outage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.sessionauth.api.ErrorMapper;
import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import dev.sessionauth.support.LogCapture;
import dev.sessionauth.support.ProblemLogCapture;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

@QuarkusTest
@TestProfile(DatabaseOutageTest.ShortTimeouts.class)
@WithTestResource(value = RestartablePostgres.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class DatabaseOutageTest {

    /**
     * A short wait for a connection, so an outage is answered quickly instead of piling up requests; and idle
     * connections checked after a tenth of a second instead of a second, so that a restart, however quick, leaves the
     * pool's connections idle for longer than that.
     */
    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("DB_ACQUISITION_TIMEOUT", "1s", "quarkus.datasource.jdbc.login-timeout", "1s",
                    "quarkus.datasource.jdbc.foreground-validation-interval", "100ms");
        }
    }

    private static final int POOLED_CONNECTIONS = 8;

    /** Relative to the management interface's root, /q/. */
    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @Inject
    Database database;

    @Inject
    DataSource dataSource;

    @AfterEach
    void databaseBack() {
        RestartablePostgres.startDatabase();
    }

    @Test
    void shouldAnswer503QuicklyDuringAnOutageAndRecoverWithoutARestart() throws Exception {
        Api.LoggedInUser user = Api.newLoggedInUser();
        user.request().get("/api/v1/users/me").then().statusCode(200);
        given().get(readiness).then().statusCode(200);

        RestartablePostgres.stopDatabase();

        ExecutorService callers = Executors.newFixedThreadPool(40);
        try {
            List<Callable<Response>> requests = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                requests.add(() -> user.request().get("/api/v1/users/me"));
                requests.add(() -> Api.asAdmin().get("/api/v1/users"));
            }
            long started = System.nanoTime();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : callers.invokeAll(requests)) {
                answers.add(answer.get());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            for (Response answer : answers) {
                assertEquals(503, answer.statusCode(), answer.asString());
                assertEquals("Service unavailable", answer.jsonPath().getString("error"));
            }
            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "40 requests answered in " + took);
        } finally {
            callers.shutdown();
        }
        given().get(readiness).then().statusCode(503).body("status", equalTo("DOWN"));
        given().formParam("email", user.email()).formParam("password", Api.PASSWORD).post("/api/v1/auth_session/login")
                .then().statusCode(503);

        RestartablePostgres.startDatabase();

        awaitStatus(() -> user.request().get("/api/v1/users/me").statusCode(), 200);
        given().get(readiness).then().statusCode(200).body("status", equalTo("UP"));
        Api.login(user.email(), Api.PASSWORD);
    }

    /**
     * Connections the pool kept while the database went away and came back (a restart, or a failover to another
     * server) are checked before they are handed out, so no request fails on one once the database answers again,
     * and readiness does not report DOWN on one either (it would take the instance out of rotation for nothing).
     */
    @Test
    void shouldNotFailRequestsOnConnectionsLeftFromBeforeARestart() throws Exception {
        Api.LoggedInUser user = Api.newLoggedInUser();
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < POOLED_CONNECTIONS; i++) {
            held.add(dataSource.getConnection());
        }
        for (Connection connection : held) {
            connection.close();
        }

        RestartablePostgres.stopDatabase();
        RestartablePostgres.startDatabase();

        for (int i = 0; i < POOLED_CONNECTIONS; i++) {
            given().get(readiness).then().statusCode(200).body("status", equalTo("UP"));
        }
        for (int i = 0; i < POOLED_CONNECTIONS; i++) {
            user.request().get("/api/v1/users/me").then().statusCode(200);
            Api.asAdmin().get("/api/v1/users/" + user.id()).then().statusCode(200);
        }
    }

    /**
     * A primary that dies while a login commits: the session was inserted, but the connection is gone before the
     * commit is acknowledged. The login is not acknowledged either (503, not 500), the log gets one WARN line and no
     * stack trace, and the pool does not hand the dead connection out again.
     */
    @Test
    void shouldAnswer503WithOneWarningWhenTheConnectionDiesWhileALoginCommits() {
        String email = Api.uniqueEmail();
        String userId = Api.createUser(email);
        endConnection("INSERT", "NEW.user_id = '" + UUID.fromString(userId) + "'", true);

        assertOneWarningAndA503("/api/v1/auth_session/login", path -> given().formParam("email", email)
                .formParam("password", Api.PASSWORD).post(path));

        database.update("DROP TRIGGER end_connection ON user_sessions");
        String token = Api.login(email, Api.PASSWORD);
        given().cookie(Api.COOKIE, token).get("/api/v1/users/me").then().statusCode(200).body("email", equalTo(email));
    }

    /**
     * The same when the connection dies a moment earlier, while the new session is written: Hibernate writes it as
     * the transaction manager prepares the commit, which then fails in another way.
     */
    @Test
    void shouldAnswer503WithOneWarningWhenTheConnectionDiesWhileALoginsSessionIsWritten() {
        String email = Api.uniqueEmail();
        String userId = Api.createUser(email);
        endConnection("INSERT", "NEW.user_id = '" + UUID.fromString(userId) + "'", false);

        assertOneWarningAndA503("/api/v1/auth_session/login", path -> given().formParam("email", email)
                .formParam("password", Api.PASSWORD).post(path));

        database.update("DROP TRIGGER end_connection ON user_sessions");
        Api.login(email, Api.PASSWORD);
    }

    /** The same for a logout: not acknowledged, so the session may or may not have ended, and the client may retry. */
    @Test
    void shouldAnswer503WithOneWarningWhenTheConnectionDiesWhileALogoutCommits() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        endConnection("DELETE", "OLD.user_id = '" + UUID.fromString(user.id()) + "'", true);

        assertOneWarningAndA503("/api/v1/auth_session/logout", path -> user.request().delete(path));

        database.update("DROP TRIGGER end_connection ON user_sessions");
        user.request().get("/api/v1/users/me").then().statusCode(200);
        user.request().delete("/api/v1/auth_session/logout").then().statusCode(200);
        user.request().get("/api/v1/users/me").then().statusCode(403);
    }

    private static void assertOneWarningAndA503(String path, Function<String, Response> request) {
        try (ProblemLogCapture problems = ProblemLogCapture.start(); LogCapture lines = LogCapture.of(ErrorMapper.class)) {
            request.apply(path).then().statusCode(503).body("error", equalTo("Service unavailable"));

            assertEquals(List.of(), problems.problems(), "no ERROR and no stack trace");
            List<String> warnings = lines.lines().stream()
                    .filter(line -> line.startsWith("Database unavailable while serving " + path + ": "))
                    .toList();
            assertEquals(1, warnings.size(), lines.lines().toString());
        }
    }

    /**
     * A trigger that terminates its own backend drops the connection as a primary stopped at that moment does: the
     * client sees the connection end instead of an answer. Deferred ({@code atCommit}), it runs when the transaction
     * commits; otherwise right after the statement. Only for the rows {@code condition} selects, so no other request
     * is affected.
     */
    private void endConnection(String event, String condition, boolean atCommit) {
        database.update("""
                CREATE OR REPLACE FUNCTION end_own_connection() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_terminate_backend(pg_backend_pid());
                    RETURN NULL;
                END $$""");
        // A test that failed half-way may have left its trigger; it only ever selects that test's user.
        database.update("DROP TRIGGER IF EXISTS end_connection ON user_sessions");
        database.update("CREATE CONSTRAINT TRIGGER end_connection AFTER " + event + " ON user_sessions "
                + (atCommit ? "DEFERRABLE INITIALLY DEFERRED" : "NOT DEFERRABLE") + " FOR EACH ROW WHEN (" + condition
                + ") EXECUTE FUNCTION end_own_connection()");
    }

    private static void awaitStatus(Callable<Integer> request, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status;
        do {
            status = request.call();
        } while (status != expected && System.nanoTime() < deadline);
        assertEquals(expected, status, "recovered within 30 s");
    }
}
