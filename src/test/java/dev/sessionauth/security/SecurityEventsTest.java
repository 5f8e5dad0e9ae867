package dev.sessionauth.security;

import static dev.sessionauth.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.stringContainsInOrder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.session.SessionPurger;
import dev.sessionauth.support.Api;
import dev.sessionauth.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class SecurityEventsTest {

    @Inject
    SessionPurger purger;

    @Test
    void shouldRecordEachSecurityEventWithUserAndAddressButNoSecrets() {
        LogCapture audit = LogCapture.audit();
        Api.LoggedInUser user = Api.newLoggedInUser();
        given().formParam("email", user.email()).formParam("password", "wrong password guess")
                .post("/api/v1/auth_session/login").then().statusCode(401);
        String newPassword = "another secret passphrase";
        user.request().contentType(ContentType.JSON)
                .body(Map.of("current_password", Api.PASSWORD, "new_password", newPassword))
                .put("/api/v1/users/me/password").then().statusCode(200);
        user.request().delete("/api/v1/auth_session/sessions").then().statusCode(200);
        asAdmin().delete("/api/v1/users/" + user.id() + "/sessions").then().statusCode(200);
        String second = Api.login(user.email(), newPassword);
        given().cookie(Api.COOKIE, second).delete("/api/v1/auth_session/logout").then().statusCode(200);
        purger.purgeExpired(Instant.now());
        audit.close();
        List<String> lines = audit.lines();

        assertThat(lines,
                hasItem(stringContainsInOrder("event=login_succeeded", "user_id=" + user.id(), "client_ip=127.0.0.1")));
        assertThat(lines, hasItem(stringContainsInOrder("event=authentication_failed", "method=login", "user_id=" + user.id(),
                "client_ip=127.0.0.1", "reason=wrong_password")));
        assertThat(lines, hasItem(stringContainsInOrder("event=password_changed", "user_id=" + user.id())));
        assertThat(lines, hasItem(stringContainsInOrder("event=sessions_revoked", "user_id=" + user.id(), "scope=others")));
        assertThat(lines, hasItem(stringContainsInOrder("event=sessions_revoked", "user_id=" + user.id(), "scope=all")));
        assertThat(lines, hasItem(stringContainsInOrder("event=logout", "user_id=" + user.id(), "client_ip=127.0.0.1")));
        assertThat(lines, hasItem(stringContainsInOrder("event=sessions_purged", "count=", "duration_ms=")));
        for (String secret : List.of(user.token(), second, Api.PASSWORD, newPassword, "wrong password guess",
                user.email())) {
            assertThat(lines, not(hasItem(containsString(secret))));
        }
    }
}
