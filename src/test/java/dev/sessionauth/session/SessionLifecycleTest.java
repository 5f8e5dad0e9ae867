package dev.sessionauth.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import dev.sessionauth.support.EmailSpellings;
import dev.sessionauth.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class SessionLifecycleTest {

    private static final String LOGIN = "/api/v1/auth_session/login";
    private static final String LOGOUT = "/api/v1/auth_session/logout";
    private static final String ME = "/api/v1/users/me";

    @Inject
    Database database;

    @Inject
    TestClock clock;

    @Test
    void shouldCheckLoginFieldsInTheContractOrder() {
        String email = Api.uniqueEmail();
        Api.createUser(email);

        given().post(LOGIN).then().statusCode(400).body("error", equalTo("email missing"));
        given().formParam("email", "").formParam("password", "x").post(LOGIN)
                .then().statusCode(400).body("error", equalTo("email missing"));
        given().formParam("email", email).post(LOGIN).then().statusCode(400).body("error", equalTo("password missing"));
        given().formParam("email", email).formParam("password", "").post(LOGIN)
                .then().statusCode(400).body("error", equalTo("password missing"));
        given().formParam("email", Api.uniqueEmail()).formParam("password", "whatever1").post(LOGIN)
                .then().statusCode(404).body("error", equalTo("no user found for this email"));
        given().formParam("email", email).formParam("password", "not the password").post(LOGIN)
                .then().statusCode(401).body("error", equalTo("wrong password"))
                .header("Set-Cookie", nullValue());
    }

    @Test
    void shouldAnswerTheUserAndAHardenedCookieOnLogin() {
        String email = Api.uniqueEmail();
        String id = Api.createUser(email);

        String token = given().formParam("email", email.toUpperCase()).formParam("password", Api.PASSWORD).post(LOGIN)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("id", equalTo(id))
                .body("email", equalTo(email))
                .body("$", not(hasKey("password_hash")))
                .header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", containsString("SameSite=Lax"))
                .header("Set-Cookie", containsString("Path=/"))
                .header("Set-Cookie", containsString("Max-Age=43200"))
                .extract().cookie(Api.COOKIE);

        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "256-bit URL-safe base64 token");
        given().cookie(Api.COOKIE, token).get(ME).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void shouldLogInWithAnySpellingOfTheEmail() {
        EmailSpellings spellings = EmailSpellings.fresh();
        String id = Api.createUser(spellings.canonical());

        for (String variant : spellings.variants()) {
            EmailSpellings.loginForm(variant, Api.PASSWORD).post(LOGIN)
                    .then().statusCode(200)
                    .body("id", equalTo(id))
                    .body("email", equalTo(spellings.canonical()));
        }
        EmailSpellings.loginForm(spellings.dottedCapitalI(), Api.PASSWORD).post(LOGIN)
                .then().statusCode(404).body("error", equalTo("no user found for this email"))
                .header("Set-Cookie", nullValue());
    }

    @Test
    void shouldOpenANewSessionOnEveryLogin() {
        String email = Api.uniqueEmail();
        String id = Api.createUser(email);

        String first = Api.login(email, Api.PASSWORD);
        String second = given().cookie(Api.COOKIE, first)
                .formParam("email", email).formParam("password", Api.PASSWORD).post(LOGIN)
                .then().statusCode(200).extract().cookie(Api.COOKIE);

        assertNotEquals(first, second);
        given().cookie(Api.COOKIE, first).get(ME).then().statusCode(200);
        given().cookie(Api.COOKIE, second).get(ME).then().statusCode(200);
        assertEquals(2, database.count("SELECT count(*) FROM user_sessions WHERE user_id = ?", UUID.fromString(id)));
    }

    @Test
    void shouldStoreOnlyTheSha256OfTheToken() throws Exception {
        Api.LoggedInUser user = Api.newLoggedInUser();

        byte[] stored = (byte[]) database.single("SELECT token_hash FROM user_sessions WHERE user_id = ?",
                UUID.fromString(user.id()));

        byte[] expected = MessageDigest.getInstance("SHA-256").digest(user.token().getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(expected, stored);
        assertEquals(0, database.count("SELECT count(*) FROM user_sessions s WHERE s::text LIKE '%' || ? || '%'",
                user.token()), "the raw token appears in no column");
    }

    @Test
    void shouldEndTheSessionAndClearTheCookieOnLogout() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        user.request().delete(LOGOUT).then()
                .statusCode(200)
                .body("size()", equalTo(0))
                .header("Set-Cookie", containsString(Api.COOKIE + "=;"))
                .header("Set-Cookie", containsString("Max-Age=0"));

        user.request().get(ME).then().statusCode(403).body("error", equalTo("Forbidden"));
        user.request().delete(LOGOUT).then().statusCode(403).body("error", equalTo("Forbidden"));
        assertEquals(0, database.count("SELECT count(*) FROM user_sessions WHERE user_id = ?", UUID.fromString(user.id())));
    }

    @Test
    void shouldRequireASessionToLogOut() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        given().delete(LOGOUT).then().statusCode(401).body("error", equalTo("Unauthorized"));
        given().cookie(Api.COOKIE, "x".repeat(43)).delete(LOGOUT).then().statusCode(403).body("error", equalTo("Forbidden"));
        given().auth().preemptive().basic(user.email(), Api.PASSWORD).delete(LOGOUT)
                .then().statusCode(404).body("error", equalTo("Not found"));
        user.request().get(ME).then().statusCode(200);
    }

    @Test
    void shouldRejectMalformedCookiesAsForbidden() {
        for (String value : new String[] { "", "short", "!".repeat(43), "a".repeat(4000) }) {
            given().cookie(Api.COOKIE, value).get(ME).then().statusCode(403).body("error", equalTo("Forbidden"));
        }
    }

    @Test
    void shouldRejectASessionPastItsAbsoluteLifetimeEvenWhileInUse() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        // Stay active (well inside the 30 min idle timeout) until the 12 h absolute lifetime runs out.
        for (Duration elapsed = Duration.ZERO; elapsed.compareTo(Duration.ofHours(12).minusMinutes(20)) < 0; elapsed = elapsed
                .plusMinutes(20)) {
            clock.advance(Duration.ofMinutes(20));
            user.request().get(ME).then().statusCode(200);
        }
        clock.advance(Duration.ofMinutes(20));

        user.request().get(ME).then().statusCode(403).body("error", equalTo("Forbidden"));
        assertEquals(1, database.count("SELECT count(*) FROM user_sessions WHERE user_id = ?", UUID.fromString(user.id())),
                "rejected before any purge removed it");
    }

    @Test
    void shouldRejectASessionIdleForLongerThanTheIdleTimeout() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        clock.advance(Duration.ofMinutes(29));
        user.request().get(ME).then().statusCode(200);
        clock.advance(Duration.ofMinutes(29));
        user.request().get(ME).then().statusCode(200);
        clock.advance(Duration.ofMinutes(31));

        user.request().get(ME).then().statusCode(403).body("error", equalTo("Forbidden"));
    }

    @Test
    void shouldWriteTheIdleClockAtMostOncePerTouchInterval() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        UUID userId = UUID.fromString(user.id());
        Timestamp atLogin = lastSeen(userId);

        clock.advance(Duration.ofSeconds(30));
        user.request().get(ME).then().statusCode(200);
        assertEquals(atLogin, lastSeen(userId), "no write inside the touch interval");

        clock.advance(Duration.ofSeconds(40));
        user.request().get(ME).then().statusCode(200);
        Timestamp touched = lastSeen(userId);
        assertTrue(touched.toInstant().isAfter(atLogin.toInstant().plusSeconds(69)), "moved to the request's time");
    }

    private Timestamp lastSeen(UUID userId) {
        return (Timestamp) database.single("SELECT last_seen_at FROM user_sessions WHERE user_id = ?", userId);
    }
}
