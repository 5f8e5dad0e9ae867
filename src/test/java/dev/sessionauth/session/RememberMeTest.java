package dev.sessionauth.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import dev.sessionauth.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RememberMeTest {

    private static final String LOGIN = "/api/v1/auth_session/login";
    private static final String ME = "/api/v1/users/me";
    private static final String SESSIONS = "/api/v1/auth_session/sessions";

    @Inject
    TestClock clock;

    @Inject
    Database database;

    private static String rememberedLogin(String email) {
        return given().formParam("email", email).formParam("password", Api.PASSWORD).formParam("remember", "true")
                .post(LOGIN)
                .then().statusCode(200)
                .header("Set-Cookie", containsString("Max-Age=2592000"))
                .extract().cookie(Api.COOKIE);
    }

    @Test
    void shouldKeepARememberedSessionPastTwiceTheIdleTimeoutButNotANormalOne() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        String remembered = rememberedLogin(email);
        String normal = Api.login(email, Api.PASSWORD);

        clock.advance(Duration.ofMinutes(61));

        given().cookie(Api.COOKIE, remembered).get(ME).then().statusCode(200).body("email", equalTo(email));
        given().cookie(Api.COOKIE, normal).get(ME).then().statusCode(403);
    }

    @Test
    void shouldEndARememberedSessionAfterItsOwnIdleTimeout() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        String remembered = rememberedLogin(email);

        clock.advance(Duration.ofDays(6));
        given().cookie(Api.COOKIE, remembered).get(ME).then().statusCode(200);
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        given().cookie(Api.COOKIE, remembered).get(ME).then().statusCode(403);
    }

    @Test
    void shouldGiveARememberedSessionThirtyDaysAtMost() {
        String email = Api.uniqueEmail();
        String id = Api.createUser(email);
        rememberedLogin(email);

        Object seconds = database.single("SELECT extract(epoch FROM expires_at - created_at) FROM user_sessions "
                + "WHERE user_id = ?", UUID.fromString(id));
        assertEquals(30 * 24 * 3600, ((Number) seconds).longValue());
    }

    @Test
    void shouldShowRememberAndTheProofTimeInTheSessionList() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        String remembered = rememberedLogin(email);
        Api.login(email, Api.PASSWORD);

        given().cookie(Api.COOKIE, remembered).get(SESSIONS)
                .then().statusCode(200)
                .body("find { it.current }.remember", equalTo(true))
                .body("find { !it.current }.remember", equalTo(false))
                .body("find { it.current }.authenticated_at", equalTo(
                        given().cookie(Api.COOKIE, remembered).get(SESSIONS).path("find { it.current }.created_at")));
    }

    @Test
    void shouldTreatAnyOtherRememberValueAsANormalSession() {
        String email = Api.uniqueEmail();
        Api.createUser(email);

        given().formParam("email", email).formParam("password", Api.PASSWORD).formParam("remember", "yes please")
                .post(LOGIN)
                .then().statusCode(200).header("Set-Cookie", containsString("Max-Age=43200"));
    }
}
