package dev.sessionauth.outage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
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

    /** A short wait for a connection, so an outage is answered quickly instead of piling up requests. */
    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("DB_ACQUISITION_TIMEOUT", "1s", "quarkus.datasource.jdbc.login-timeout", "1s");
        }
    }

    /** Relative to the management interface's root, /q/. */
    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

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

    private static void awaitStatus(Callable<Integer> request, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status;
        do {
            status = request.call();
        } while (status != expected && System.nanoTime() < deadline);
        assertEquals(expected, status, "recovered within 30 s");
    }
}
