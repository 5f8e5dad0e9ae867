package dev.sessionauth.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.session.SessionPurger;
import dev.sessionauth.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The service's own series, read from the management interface's port. */
@QuarkusTest
class MetricsTest {

    @Inject
    SessionPurger purger;

    /** Relative to the management interface's root, /q/. */
    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void shouldCountLoginsAndFailures() {
        double logins = metric("sessionauth_logins_total");
        double failures = metric("sessionauth_authentication_failures_total{method=\"login\",reason=\"wrong_password\"}");
        Api.LoggedInUser user = Api.newLoggedInUser();
        given().formParam("email", user.email()).formParam("password", "not the password").post("/api/v1/auth_session/login")
                .then().statusCode(401);

        assertEquals(logins + 1, metric("sessionauth_logins_total"));
        assertEquals(failures + 1,
                metric("sessionauth_authentication_failures_total{method=\"login\",reason=\"wrong_password\"}"));
    }

    @Test
    void shouldCountBasicFailuresByReason() {
        String unknown = "sessionauth_authentication_failures_total{method=\"basic\",reason=\"unknown_email\"}";
        double before = metric(unknown);

        given().auth().preemptive().basic(Api.uniqueEmail(), Api.PASSWORD).get("/api/v1/users/me")
                .then().statusCode(403);

        assertEquals(before + 1, metric(unknown));
    }

    @Test
    void shouldGaugeActiveSessions() {
        double before = metric("sessionauth_sessions_active");
        Api.LoggedInUser user = Api.newLoggedInUser();

        assertEquals(before + 1, metric("sessionauth_sessions_active"));
        user.request().delete("/api/v1/auth_session/logout").then().statusCode(200);
        assertEquals(before, metric("sessionauth_sessions_active"));
        assertTrue(metric("sessionauth_sessions_revoked_total{scope=\"logout\"}") >= 1);
    }

    @Test
    void shouldReportPurges() {
        double runs = metric("sessionauth_purge_duration_seconds_count");
        double purged = metric("sessionauth_sessions_purged_total");
        Api.newLoggedInUser();

        long deleted = purger.purgeExpired(Instant.now().plus(Duration.ofDays(3650)));

        assertEquals(runs + 1, metric("sessionauth_purge_duration_seconds_count"));
        assertEquals(purged + deleted, metric("sessionauth_sessions_purged_total"));
        assertTrue(deleted >= 1);
    }

    @Test
    void shouldCountLockouts() {
        double lockouts = metric("sessionauth_lockouts_total{subject=\"account\"}");
        String email = Api.uniqueEmail();
        Api.createUser(email);
        for (int i = 0; i < 10; i++) {
            given().formParam("email", email).formParam("password", "wrong " + i).post("/api/v1/auth_session/login")
                    .then().statusCode(401);
        }

        assertEquals(lockouts + 1, metric("sessionauth_lockouts_total{subject=\"account\"}"));
        given().formParam("email", email).formParam("password", Api.PASSWORD).post("/api/v1/auth_session/login")
                .then().statusCode(429);
    }

    /** The value of a series on /q/metrics, or 0 while it has not been created. */
    private double metric(String series) {
        String body = given().get(metrics).then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+|NaN)$", Pattern.MULTILINE)
                .matcher(body);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
