package dev.sessionauth.gate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A session cookie the service refuses is also cleared, with the status and body the refusal always had, so a
 * browser stops sending a cookie that can never work again.
 */
@QuarkusTest
class RefusedSessionCookieTest {

    private static final String PROTECTED = "/api/v1/users/me";
    private static final String UNKNOWN_PATH = "/api/v1/no-such-route";
    private static final String VERIFY = "/api/v1/auth_session/verify";

    @Inject
    TestClock clock;

    /** The clearing cookie logout sends: a refusal must send exactly the same one. */
    private String clearingCookie;

    @BeforeEach
    void readTheClearingCookieOfLogout() {
        clearingCookie = Api.newLoggedInUser().request().delete("/api/v1/auth_session/logout").then().statusCode(200)
                .extract().header("Set-Cookie");
        assertTrue(clearingCookie.startsWith(Api.COOKIE + "=;") && clearingCookie.contains("Max-Age=0"), clearingCookie);
    }

    @Test
    void shouldClearAnExpiredSessionCookie() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        clock.advance(Duration.ofMinutes(31));

        expectClearedWith403(user.token());
    }

    @Test
    void shouldClearASessionCookieAfterLogout() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        user.request().delete("/api/v1/auth_session/logout").then().statusCode(200);

        expectClearedWith403(user.token());
    }

    @Test
    void shouldClearARevokedSessionCookie() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        Api.asAdmin().delete("/api/v1/users/" + user.id() + "/sessions").then().statusCode(200);

        expectClearedWith403(user.token());
    }

    @Test
    void shouldClearAnUnknownSessionCookie() {
        expectClearedWith403("A".repeat(43));
    }

    @Test
    void shouldClearAMalformedSessionCookie() {
        for (String malformed : List.of("short", "!".repeat(43), "a".repeat(4000), "")) {
            expectClearedWith403(malformed);
        }
    }

    @Test
    void shouldClearARefusedCookieEvenWhenValidBasicCredentialsComeWithIt() {
        Response answer = Api.asAdmin().cookie(Api.COOKIE, "B".repeat(43)).get(PROTECTED);

        answer.then().statusCode(403).body("error", equalTo("Forbidden"));
        assertEquals(clearingCookie, answer.header("Set-Cookie"));
    }

    @Test
    void shouldClearARefusedCookieOnTheProxyVerificationWith401() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        user.request().delete("/api/v1/auth_session/logout").then().statusCode(200);

        Response answer = user.request().get(VERIFY);

        answer.then().statusCode(401).contentType(ContentType.JSON).body("error", equalTo("Unauthorized"));
        assertEquals(clearingCookie, answer.header("Set-Cookie"));
    }

    @Test
    void shouldLeaveCookiesAloneWhenNoSessionCookieIsRefused() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        user.request().get(PROTECTED).then().statusCode(200).header("Set-Cookie", nullValue());
        user.request().get(UNKNOWN_PATH).then().statusCode(404).header("Set-Cookie", nullValue());
        user.request().get(VERIFY).then().statusCode(200).header("Set-Cookie", nullValue());
        // A valid cookie on a write from another site: refused, but the session itself is fine.
        user.request().header("Origin", "https://evil.example").delete("/api/v1/auth_session/sessions").then()
                .statusCode(403).header("Set-Cookie", nullValue());
        // A plain user's valid session on an admin-only route.
        user.request().get("/api/v1/users").then().statusCode(403).header("Set-Cookie", nullValue());
        given().get(PROTECTED).then().statusCode(401).header("Set-Cookie", nullValue());
        given().get(UNKNOWN_PATH).then().statusCode(401).header("Set-Cookie", nullValue());
        given().auth().preemptive().basic(user.email(), "not the password").get(PROTECTED).then().statusCode(403)
                .header("Set-Cookie", nullValue());
        user.request().get(PROTECTED).then().statusCode(200);
    }

    /** A protected route and a path no route matches both refuse the cookie as before, and clear it. */
    private void expectClearedWith403(String cookie) {
        for (String path : List.of(PROTECTED, UNKNOWN_PATH)) {
            Response answer = given().cookie(Api.COOKIE, cookie).get(path);

            answer.then().statusCode(403).contentType(ContentType.JSON).body("error", equalTo("Forbidden"))
                    .header("Clear-Site-Data", nullValue());
            assertEquals(clearingCookie, answer.header("Set-Cookie"), "the clearing cookie on " + path);
        }
    }
}
