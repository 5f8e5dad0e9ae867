package dev.sessionauth.gate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@TestProfile(SessionOnlyModeTest.SessionAuthType.class)
class SessionOnlyModeTest {

    private static final String COOKIE = "custom_sid";

    /** AUTH_TYPE=session_exp_auth, a custom SESSION_NAME and no absolute lifetime, under the contract's names. */
    public static class SessionAuthType implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("AUTH_TYPE", "session_exp_auth", "SESSION_NAME", COOKIE, "SESSION_DURATION", "0");
        }
    }

    @Inject
    TestClock clock;

    @Test
    void shouldRefuseValidBasicCredentials() {
        Api.asAdmin().get("/api/v1/users/me").then().statusCode(403).body("error", equalTo("Forbidden"));
    }

    @Test
    void shouldRefuseApiTokens() {
        String session = given().formParam("email", Api.ADMIN_EMAIL).formParam("password", Api.ADMIN_PASSWORD)
                .post("/api/v1/auth_session/login").then().statusCode(200).extract().cookie(COOKIE);
        String token = given().cookie(COOKIE, session).contentType(ContentType.JSON)
                .body(Map.of("name", "refused " + UUID.randomUUID()))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");

        given().header("Authorization", "Bearer " + token).get("/api/v1/users/me").then().statusCode(403)
                .body("error", equalTo("Forbidden"));
    }

    @Test
    void shouldUseTheConfiguredCookieNameWithoutMaxAge() {
        String token = given().formParam("email", Api.ADMIN_EMAIL).formParam("password", Api.ADMIN_PASSWORD)
                .post("/api/v1/auth_session/login")
                .then().statusCode(200)
                .header("Set-Cookie", containsString(COOKIE + "="))
                .header("Set-Cookie", not(containsString("Max-Age")))
                .extract().cookie(COOKIE);

        given().cookie(COOKIE, token).get("/api/v1/users/me").then().statusCode(200)
                .body("email", equalTo(Api.ADMIN_EMAIL));
        given().cookie(Api.COOKIE, token).get("/api/v1/users/me").then().statusCode(401);
    }

    @Test
    void shouldKeepAnActiveSessionWithoutAbsoluteLifetime() {
        String token = given().formParam("email", Api.ADMIN_EMAIL).formParam("password", Api.ADMIN_PASSWORD)
                .post("/api/v1/auth_session/login").then().statusCode(200).extract().cookie(COOKIE);

        for (int hour = 0; hour < 48; hour++) {
            clock.advance(Duration.ofMinutes(25));
            given().cookie(COOKIE, token).get("/api/v1/users/me").then().statusCode(200);
        }
    }
}
