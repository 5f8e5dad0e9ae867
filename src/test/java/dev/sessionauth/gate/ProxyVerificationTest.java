package dev.sessionauth.gate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** GET /api/v1/auth_session/verify as nginx auth_request calls it: 200 with identity headers, or 401. */
@QuarkusTest
class ProxyVerificationTest {

    private static final String VERIFY = "/api/v1/auth_session/verify";

    @Inject
    TestClock clock;

    @Test
    void shouldNameTheUserOfAValidSessionInHeaders() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        user.request().get(VERIFY)
                .then().statusCode(200)
                .header("X-User-Id", user.id())
                .header("X-User-Email", user.email())
                .header("X-User-Roles", "user")
                .header("Cache-Control", "no-store")
                .body("id", equalTo(user.id()));
    }

    @Test
    void shouldNameTheUserOfValidBasicCredentials() {
        Api.asAdmin().get(VERIFY)
                .then().statusCode(200)
                .header("X-User-Email", Api.ADMIN_EMAIL)
                .header("X-User-Roles", "admin");
    }

    @Test
    void shouldAnswer401ForEveryKindOfMissingOrInvalidCredential() {
        given().get(VERIFY).then().statusCode(401).body("error", equalTo("Unauthorized")).header("X-User-Id", nullValue());
        given().cookie(Api.COOKIE, "not-a-session").get(VERIFY).then().statusCode(401).header("X-User-Id", nullValue());
        given().auth().preemptive().basic(Api.ADMIN_EMAIL, "wrong password").get(VERIFY).then().statusCode(401);
        given().header("Authorization", "Basic %%%").get(VERIFY).then().statusCode(401);
    }

    @Test
    void shouldRefuseASessionOnceLoggedOutOrExpired() {
        Api.LoggedInUser loggedOut = Api.newLoggedInUser();
        loggedOut.request().delete("/api/v1/auth_session/logout").then().statusCode(200);
        loggedOut.request().get(VERIFY).then().statusCode(401);

        Api.LoggedInUser idle = Api.newLoggedInUser();
        idle.request().get(VERIFY).then().statusCode(200);
        clock.advance(Duration.ofMinutes(31));
        idle.request().get(VERIFY).then().statusCode(401);
    }

    @Test
    void shouldAnswer401NotTooManyRequestsForALockedAccount() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        for (int i = 0; i < 10; i++) {
            given().formParam("email", email).formParam("password", "wrong password " + i)
                    .post("/api/v1/auth_session/login").then().statusCode(401);
        }

        given().auth().preemptive().basic(email, Api.PASSWORD).get(VERIFY).then().statusCode(401);
        given().auth().preemptive().basic(email, Api.PASSWORD).get("/api/v1/users/me").then().statusCode(429);
    }

    @Test
    void shouldRefuseAnUnsafeCrossSiteRequestRidingOnTheCookie() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        user.request().header("X-Original-Method", "POST").header("Origin", "https://evil.example")
                .get(VERIFY).then().statusCode(403).body("error", equalTo("Forbidden"));
        user.request().header("X-Original-Method", "post").header("Sec-Fetch-Site", "cross-site")
                .get(VERIFY).then().statusCode(403);
        user.request().header("X-Original-Method", "GET").header("Origin", "https://evil.example")
                .get(VERIFY).then().statusCode(200);
        given().auth().preemptive().basic(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD)
                .header("X-Original-Method", "POST").header("Origin", "https://evil.example")
                .get(VERIFY).then().statusCode(200);
    }

    @Test
    void shouldPercentEncodeEveryCharacterOfTheEmailButLettersDigitsAndDotUnderscoreTildeHyphenAt() {
        String email = "zoë.o'brien+tag_" + System.nanoTime() + "~x-y@test.local";
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("email", email, "password", Api.PASSWORD))
                .post("/api/v1/users").then().statusCode(201);

        String header = given().cookie(Api.COOKIE, Api.login(email, Api.PASSWORD)).get(VERIFY)
                .then().statusCode(200)
                .extract().header("X-User-Email");

        assertEquals(email.replace("ë", "%C3%AB").replace("'", "%27").replace("+", "%2B"), header);
        // Even a backend that decodes it form-style, where a '+' means a space, reads the address back.
        assertEquals(email, URLDecoder.decode(header, StandardCharsets.UTF_8));
    }
}
