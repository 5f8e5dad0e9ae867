package dev.sessionauth.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.LogCapture;
import dev.sessionauth.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class FreshLoginTest {

    private static final String TOKENS = "/api/v1/tokens";
    private static final String REAUTHENTICATE = "/api/v1/auth_session/reauthenticate";
    private static final String SESSIONS = "/api/v1/auth_session/sessions";
    private static final String VERIFY = "/api/v1/auth_session/verify";

    @Inject
    TestClock clock;

    private static RequestSpecification withCookie(String token) {
        return given().cookie(Api.COOKIE, token);
    }

    private static String reauthenticate(String token) {
        return withCookie(token).formParam("password", Api.PASSWORD).post(REAUTHENTICATE)
                .then().statusCode(200)
                .header("Set-Cookie", containsString("Max-Age="))
                .extract().cookie(Api.COOKIE);
    }

    private static void assertReauthenticationRequired(io.restassured.response.Response response) {
        response.then().statusCode(401)
                .header("X-Reauthenticate", equalTo("true"))
                .body("error", equalTo("Reauthentication required"));
    }

    @Test
    void shouldAskForAReauthenticationBeforeATokenAfterTenMinutesAndAcceptTheNewCookieOnly() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        clock.advance(Duration.ofMinutes(11));

        try (LogCapture audit = LogCapture.audit()) {
            assertReauthenticationRequired(user.request().contentType(ContentType.JSON)
                    .body(Map.of("name", "script")).post(TOKENS));
            assertThat(audit.lines(), hasItem(matchesPattern("event=reauthentication_required user_id=" + user.id()
                    + " session_id=\\S+ path=/api/v1/tokens client_ip=\\S+")));
        }

        String renewed;
        try (LogCapture audit = LogCapture.audit()) {
            renewed = reauthenticate(user.token());
            assertThat(audit.lines(), hasItem(matchesPattern("event=reauthenticated user_id=" + user.id()
                    + " session_id=\\S+ client_ip=\\S+")));
        }
        assertNotEquals(user.token(), renewed);
        withCookie(renewed).contentType(ContentType.JSON).body(Map.of("name", "script")).post(TOKENS)
                .then().statusCode(201);
        user.request().get("/api/v1/users/me").then().statusCode(403);
        withCookie(renewed).get("/api/v1/users/me").then().statusCode(200).body("email", equalTo(user.email()));
    }

    @Test
    void shouldKeepTheSessionsIdCreationAndRememberAcrossAReauthentication() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        String token = given().formParam("email", email).formParam("password", Api.PASSWORD)
                .formParam("remember", "true").post("/api/v1/auth_session/login")
                .then().statusCode(200).extract().cookie(Api.COOKIE);
        JsonPath before = withCookie(token).get(SESSIONS).then().statusCode(200).extract().jsonPath();
        clock.advance(Duration.ofMinutes(20));

        String renewed = reauthenticate(token);

        JsonPath after = withCookie(renewed).get(SESSIONS).then().statusCode(200).extract().jsonPath();
        assertEquals(before.getString("[0].id"), after.getString("[0].id"));
        assertEquals(before.getString("[0].created_at"), after.getString("[0].created_at"));
        assertEquals(true, after.getBoolean("[0].remember"));
        assertNotEquals(before.getString("[0].authenticated_at"), after.getString("[0].authenticated_at"));
    }

    @Test
    void shouldRefuseAWrongPasswordOnReauthenticationAndKeepTheSession() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        user.request().formParam("password", "not the password").post(REAUTHENTICATE)
                .then().statusCode(401).body("error", equalTo("wrong password")).header("Set-Cookie", nullValue());
        user.request().post(REAUTHENTICATE).then().statusCode(400).body("error", equalTo("password missing"));
        user.request().get("/api/v1/users/me").then().statusCode(200);
    }

    @Test
    void shouldCountBasicAsFreshAndAnswer404ToItsReauthentication() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        clock.advance(Duration.ofMinutes(30));

        given().auth().preemptive().basic(user.email(), Api.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("name", "basic")).post(TOKENS).then().statusCode(201);
        given().auth().preemptive().basic(user.email(), Api.PASSWORD).formParam("password", Api.PASSWORD)
                .post(REAUTHENTICATE).then().statusCode(404);
    }

    @Test
    void shouldAskAStaleSessionToReauthenticateBeforeEndingOtherSessionsOrDeletingTheAccount() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        Api.login(user.email(), Api.PASSWORD);
        clock.advance(Duration.ofMinutes(11));

        assertReauthenticationRequired(user.request().delete(SESSIONS));
        assertReauthenticationRequired(user.request().delete("/api/v1/users/me"));
        user.request().contentType(ContentType.JSON).body(Map.of("first_name", "Still")).put("/api/v1/users/me")
                .then().statusCode(200);

        String renewed = reauthenticate(user.token());
        withCookie(renewed).delete(SESSIONS).then().statusCode(200).body("revoked", equalTo(1));
    }

    @Test
    void shouldAskAStaleAdministratorSessionToReauthenticateBeforeAnyAdministratorWrite() {
        String admin = Api.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        String userId = Api.createUser(Api.uniqueEmail());
        clock.advance(Duration.ofMinutes(11));

        assertReauthenticationRequired(withCookie(admin).contentType(ContentType.JSON)
                .body(Map.of("first_name", "X")).put("/api/v1/users/" + userId));
        assertReauthenticationRequired(withCookie(admin).contentType(ContentType.JSON)
                .body(Map.of("email", Api.uniqueEmail(), "password", Api.PASSWORD)).post("/api/v1/users"));
        assertReauthenticationRequired(withCookie(admin).delete("/api/v1/users/" + userId + "/sessions"));
        assertReauthenticationRequired(withCookie(admin).delete("/api/v1/users/" + userId + "/tokens"));
        withCookie(admin).get("/api/v1/users/" + userId).then().statusCode(200);

        String renewed = withCookie(admin).formParam("password", Api.ADMIN_PASSWORD).post(REAUTHENTICATE)
                .then().statusCode(200).extract().cookie(Api.COOKIE);
        withCookie(renewed).contentType(ContentType.JSON).body(Map.of("first_name", "X"))
                .put("/api/v1/users/" + userId).then().statusCode(200);
    }

    @Test
    void shouldRefuseAnOldProofAtVerifyWithMaxAuthAgeAndAcceptItRightAfterReauthentication() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        withCookie(user.token()).queryParam("max_auth_age", 300).get(VERIFY)
                .then().statusCode(200).header("X-Auth-Time", notNullValue());
        clock.advance(Duration.ofMinutes(10));

        withCookie(user.token()).queryParam("max_auth_age", 300).get(VERIFY)
                .then().statusCode(401).header("X-Reauthenticate", equalTo("true"));
        withCookie(user.token()).get(VERIFY).then().statusCode(200);

        String renewed = reauthenticate(user.token());
        long authTime = Long.parseLong(withCookie(renewed).queryParam("max_auth_age", 300).get(VERIFY)
                .then().statusCode(200).extract().header("X-Auth-Time"));
        assertEquals(clock.instant().getEpochSecond(), authTime, 5);
        withCookie(renewed).queryParam("max_auth_age", "ten").get(VERIFY).then().statusCode(400);
    }
}
