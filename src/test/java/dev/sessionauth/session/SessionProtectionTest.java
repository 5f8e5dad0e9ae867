package dev.sessionauth.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** SESSION_PROTECTION=basic, the default: a moved session is recorded and no longer fresh, but keeps working. */
@QuarkusTest
class SessionProtectionTest {

    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
    static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.0.0 Safari/537.36";

    static String loginFrom(String email, String address, String userAgent) {
        return given().header("X-Forwarded-For", address).header("User-Agent", userAgent)
                .formParam("email", email).formParam("password", Api.PASSWORD)
                .post("/api/v1/auth_session/login")
                .then().statusCode(200).extract().cookie(Api.COOKIE);
    }

    static RequestSpecification from(String token, String address, String userAgent) {
        return given().cookie(Api.COOKIE, token).header("X-Forwarded-For", address).header("User-Agent", userAgent);
    }

    private static void createToken(RequestSpecification request, int status) {
        request.contentType(ContentType.JSON).body(Map.of("name", "t" + System.nanoTime())).post("/api/v1/tokens")
                .then().statusCode(status);
    }

    @Test
    void shouldLetTheSameNetworkAndBrowserFamilyThroughUntouched() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        String token = loginFrom(email, "198.51.100.7", FIREFOX);

        createToken(from(token, "198.51.100.99", FIREFOX.replace("121.0", "122.0")), 201);
    }

    @Test
    void shouldOnlyMarkASessionFromAnotherNetworkNotFreshAndRecordIt() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        String token = loginFrom(email, "198.51.100.7", FIREFOX);

        try (LogCapture audit = LogCapture.audit()) {
            from(token, "203.0.113.5", FIREFOX).get("/api/v1/users/me").then().statusCode(200);
            assertThat(audit.lines(), hasItem(matchesPattern(
                    "event=session_moved user_id=\\S+ session_id=\\S+ change=network action=marked_not_fresh client_ip=203\\.0\\.113\\.5")));
        }
        createToken(from(token, "203.0.113.5", FIREFOX), 401);
        createToken(from(token, "198.51.100.7", FIREFOX), 401);

        String renewed = from(token, "203.0.113.5", FIREFOX).formParam("password", Api.PASSWORD)
                .post("/api/v1/auth_session/reauthenticate").then().statusCode(200).extract().cookie(Api.COOKIE);
        createToken(from(renewed, "203.0.113.5", FIREFOX), 201);
    }

    @Test
    void shouldMarkASessionFromAnotherBrowserFamilyNotFresh() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        String token = loginFrom(email, "198.51.100.7", FIREFOX);

        from(token, "198.51.100.7", CHROME).get("/api/v1/auth_session/sessions")
                .then().statusCode(200).body("[0].current", equalTo(true));
        createToken(from(token, "198.51.100.7", FIREFOX), 401);
    }
}
