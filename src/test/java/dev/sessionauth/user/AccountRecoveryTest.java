package dev.sessionauth.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import dev.sessionauth.support.LogCapture;
import dev.sessionauth.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** An administrator helps a user who cannot sign in: unlock, role, one-time password reset. */
@QuarkusTest
class AccountRecoveryTest {

    private static final String RESET = "/api/v1/auth_session/password_reset";
    private static final String INVALID = "Invalid or expired reset token";
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final Random RANDOM = new Random();

    @Inject
    Database database;

    @Inject
    TestClock clock;

    private static String issueReset(String userId) {
        return Api.asAdmin().post("/api/v1/users/" + userId + "/password_reset")
                .then().statusCode(201)
                .body("token", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("expires_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"))
                .extract().path("token");
    }

    private static Response reset(String token, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token, "new_password", password)).post(RESET);
    }

    @Test
    void shouldLetTheRightPasswordInAtOnceAfterAnAdministratorUnlocks() {
        String email = Api.uniqueEmail();
        String id = Api.createUser(email);
        for (int i = 0; i < 10; i++) {
            given().formParam("email", email).formParam("password", "wrong " + i).post("/api/v1/auth_session/login");
        }
        given().formParam("email", email).formParam("password", Api.PASSWORD).post("/api/v1/auth_session/login")
                .then().statusCode(429);

        try (LogCapture audit = LogCapture.audit()) {
            Api.asAdmin().delete("/api/v1/users/" + id + "/lockout").then().statusCode(200).body("cleared", equalTo(1));
            assertThat(audit.lines(), hasItem(matchesPattern("event=lockout_cleared actor_id=\\S+ user_id=" + id
                    + " cleared=1 client_ip=\\S+")));
        }

        Api.login(email, Api.PASSWORD);
        Api.asAdmin().delete("/api/v1/users/" + id + "/lockout").then().statusCode(200).body("cleared", equalTo(0));
    }

    @Test
    void shouldKeepTheAdministratorToolsFromPlainUsersAndUnknownIds() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        user.request().delete("/api/v1/users/" + user.id() + "/lockout").then().statusCode(403);
        user.request().post("/api/v1/users/" + user.id() + "/password_reset").then().statusCode(403);
        Api.asAdmin().delete("/api/v1/users/" + UUID.randomUUID() + "/lockout").then().statusCode(404);
        Api.asAdmin().post("/api/v1/users/" + UUID.randomUUID() + "/password_reset").then().statusCode(404);
    }

    @Test
    void shouldLetAnAdministratorButNotTheUserChangeARole() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        user.request().contentType(ContentType.JSON).body(Map.of("role", "admin")).put("/api/v1/users/me")
                .then().statusCode(403);
        user.request().contentType(ContentType.JSON).body(Map.of("role", "user", "first_name", "Same"))
                .put("/api/v1/users/me").then().statusCode(200);
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("role", "root")).put("/api/v1/users/" + user.id())
                .then().statusCode(400);

        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("role", "admin")).put("/api/v1/users/" + user.id())
                .then().statusCode(200).body("role", equalTo("admin"));
        user.request().get("/api/v1/users").then().statusCode(200);
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("role", "user")).put("/api/v1/users/" + user.id())
                .then().statusCode(200).body("role", equalTo("user"));
        user.request().get("/api/v1/users").then().statusCode(403);
    }

    @Test
    void shouldResetThePasswordOnceAndEndTheUsersSessionsAndTokens() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        String apiToken = given().auth().preemptive().basic(user.email(), Api.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("name", "script")).post("/api/v1/tokens").then().statusCode(201).extract().path("token");
        String secret = issueReset(user.id());

        try (LogCapture audit = LogCapture.audit()) {
            reset(secret, NEW_PASSWORD).then().statusCode(200);
            assertThat(audit.lines(), hasItem(matchesPattern("event=password_reset_completed user_id=" + user.id()
                    + " reset_id=\\S+ revoked_sessions=1 revoked_tokens=1 client_ip=\\S+")));
            assertThat(audit.lines(), not(hasItem(containsString(secret))));
        }

        user.request().get("/api/v1/users/me").then().statusCode(403);
        given().header("Authorization", "Bearer " + apiToken).get("/api/v1/users/me").then().statusCode(403);
        given().formParam("email", user.email()).formParam("password", Api.PASSWORD).post("/api/v1/auth_session/login")
                .then().statusCode(401);
        Api.login(user.email(), NEW_PASSWORD);
        reset(secret, "yet another passphrase").then().statusCode(400).body("error", equalTo(INVALID));
        assertEquals(Boolean.TRUE, database.single("SELECT used FROM password_reset_secrets WHERE user_id = ?",
                UUID.fromString(user.id())));
    }

    @Test
    void shouldAnswerAnUnknownExpiredOrVoidedSecretAlikeAndCountIt() {
        String id = Api.createUser(Api.uniqueEmail());
        String older = issueReset(id);
        String newer = issueReset(id);
        clock.advance(Duration.ofMinutes(31));
        // An address of its own (the test profile trusts X-Forwarded-For from 127.0.0.1), so only these are counted.
        String address = "198.18." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254));

        for (String secret : new String[] { older, "x".repeat(43), newer }) {
            given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                    .body(Map.of("token", secret, "new_password", NEW_PASSWORD)).post(RESET)
                    .then().statusCode(400).body("error", equalTo(INVALID));
        }

        assertEquals(3L, database.count("SELECT failures FROM auth_failures WHERE subject = ?", "address:" + address));
    }

    @Test
    void shouldApplyThePasswordPolicyWithoutUsingUpTheSecret() {
        String id = Api.createUser(Api.uniqueEmail());
        String secret = issueReset(id);

        reset(secret, "short").then().statusCode(400).body("error", matchesPattern("Can't reset password: .+"));
        reset(secret, NEW_PASSWORD).then().statusCode(200);
    }
}
