package dev.sessionauth.session;

import static dev.sessionauth.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class SessionManagementTest {

    private static final String SESSIONS = "/api/v1/auth_session/sessions";
    private static final String ME = "/api/v1/users/me";

    @Test
    void shouldListTheCallersActiveSessionsWithoutTokens() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        String phone = loginWithAgent(email, "Phone/1.0");
        String laptop = loginWithAgent(email, "Laptop/2.0");

        String body = given().cookie(Api.COOKIE, laptop).get(SESSIONS).then()
                .statusCode(200)
                .body("$", hasSize(2))
                .body("user_agent", containsInAnyOrder("Phone/1.0", "Laptop/2.0"))
                .body("find { it.user_agent == 'Laptop/2.0' }.current", equalTo(true))
                .body("find { it.user_agent == 'Phone/1.0' }.current", equalTo(false))
                .body("[0].ip_address", equalTo("127.0.0.1"))
                .body("[0].id", notNullValue())
                .body("[0].created_at", notNullValue())
                .body("[0].last_seen_at", notNullValue())
                .body("[0].expires_at", notNullValue())
                .extract().asString();

        assertThat(body, not(containsString(phone)));
        assertThat(body, not(containsString(laptop)));
    }

    @Test
    void shouldRevokeOneOwnSessionById() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        String phone = loginWithAgent(email, "Phone/1.0");
        String laptop = loginWithAgent(email, "Laptop/2.0");
        String phoneId = sessionIdByAgent(laptop, "Phone/1.0");

        given().cookie(Api.COOKIE, laptop).delete(SESSIONS + "/" + phoneId).then().statusCode(200);

        given().cookie(Api.COOKIE, phone).get(ME).then().statusCode(403);
        given().cookie(Api.COOKIE, laptop).get(ME).then().statusCode(200);
        given().cookie(Api.COOKIE, laptop).delete(SESSIONS + "/" + phoneId).then().statusCode(404)
                .body("error", equalTo("Not found"));
    }

    @Test
    void shouldNotRevokeSomeoneElsesSession() {
        Api.LoggedInUser victim = Api.newLoggedInUser();
        Api.LoggedInUser attacker = Api.newLoggedInUser();
        String victimSessionId = sessionIdByAgent(victim.token(), null);

        attacker.request().delete(SESSIONS + "/" + victimSessionId).then().statusCode(404);
        attacker.request().delete(SESSIONS + "/not-a-uuid").then().statusCode(404);
        victim.request().get(ME).then().statusCode(200);
    }

    @Test
    void shouldClearTheCookieWhenRevokingTheCurrentSession() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        String currentId = sessionIdByAgent(user.token(), null);

        user.request().delete(SESSIONS + "/" + currentId).then().statusCode(200)
                .header("Set-Cookie", containsString("Max-Age=0"))
                .header("Clear-Site-Data", equalTo("\"cookies\""));
        user.request().get(ME).then().statusCode(403);
    }

    @Test
    void shouldRevokeAllOtherSessionsButTheCurrentOne() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        String first = Api.login(email, Api.PASSWORD);
        String second = Api.login(email, Api.PASSWORD);
        String current = Api.login(email, Api.PASSWORD);

        given().cookie(Api.COOKIE, current).delete(SESSIONS).then().statusCode(200).body("revoked", equalTo(2));

        given().cookie(Api.COOKIE, first).get(ME).then().statusCode(403);
        given().cookie(Api.COOKIE, second).get(ME).then().statusCode(403);
        given().cookie(Api.COOKIE, current).get(SESSIONS).then().statusCode(200).body("$", hasSize(1))
                .body("[0].current", equalTo(true));
    }

    @Test
    void shouldLetAnAdminEndAllSessionsOfAUser() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        Api.login(user.email(), Api.PASSWORD);
        Api.LoggedInUser other = Api.newLoggedInUser();

        other.request().delete("/api/v1/users/" + user.id() + "/sessions").then().statusCode(403);
        asAdmin().delete("/api/v1/users/" + user.id() + "/sessions").then().statusCode(200).body("revoked", equalTo(2));

        user.request().get(ME).then().statusCode(403);
        asAdmin().delete("/api/v1/users/" + UUID.randomUUID() + "/sessions").then().statusCode(404);
    }

    @Test
    void shouldClearTheCookieWhenUsersEndTheirOwnSessionsOrAccount() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        user.request().delete("/api/v1/users/me/sessions").then().statusCode(200).body("revoked", equalTo(1))
                .header("Set-Cookie", containsString("Max-Age=0"));

        Api.LoggedInUser leaving = Api.newLoggedInUser();
        leaving.request().delete("/api/v1/users/me").then().statusCode(200)
                .header("Set-Cookie", containsString("Max-Age=0"))
                .header("Clear-Site-Data", equalTo("\"cookies\""));
    }

    @Test
    void shouldSendClearSiteDataOnLogout() {
        Api.newLoggedInUser().request().delete("/api/v1/auth_session/logout").then().statusCode(200)
                .header("Clear-Site-Data", equalTo("\"cookies\""));
    }

    @Test
    void shouldChangeThePasswordAndEndEveryOtherSession() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        String otherDevice = Api.login(user.email(), Api.PASSWORD);
        String newPassword = "a completely new passphrase";

        user.request().contentType(ContentType.JSON)
                .body(Map.of("current_password", Api.PASSWORD, "new_password", newPassword))
                .put("/api/v1/users/me/password")
                .then().statusCode(200).body("revoked", equalTo(1));

        user.request().get(ME).then().statusCode(200);
        given().cookie(Api.COOKIE, otherDevice).get(ME).then().statusCode(403);
        given().formParam("email", user.email()).formParam("password", Api.PASSWORD).post("/api/v1/auth_session/login")
                .then().statusCode(401);
        given().auth().preemptive().basic(user.email(), Api.PASSWORD).get(ME).then().statusCode(403);
        given().auth().preemptive().basic(user.email(), newPassword).get(ME).then().statusCode(200);
    }

    @Test
    void shouldRefuseAPasswordChangeWithoutTheCurrentPasswordOrToAWeakOne() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        changePassword(user, Map.of("new_password", "another fine passphrase"))
                .statusCode(400).body("error", equalTo("current_password missing"));
        changePassword(user, Map.of("current_password", Api.PASSWORD))
                .statusCode(400).body("error", equalTo("new_password missing"));
        changePassword(user, Map.of("current_password", Api.PASSWORD, "new_password", "Password123"))
                .statusCode(400).body("error", equalTo("Can't change password: password is too common"));
        changePassword(user, Map.of("current_password", Api.PASSWORD, "new_password", "short"))
                .statusCode(400).body("error", equalTo("Can't change password: password must have at least 8 characters"));
        changePassword(user, Map.of("current_password", "not my password", "new_password", "another fine passphrase"))
                .statusCode(401).body("error", equalTo("wrong password"));

        user.request().get(ME).then().statusCode(200);
        Api.login(user.email(), Api.PASSWORD);
    }

    @Test
    void shouldEndEverySessionOfADisabledUserAndRefuseTheirSignIns() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        asAdmin().contentType(ContentType.JSON).body(Map.of("disabled", true)).put("/api/v1/users/" + user.id())
                .then().statusCode(200).body("disabled", equalTo(true));

        user.request().get(ME).then().statusCode(403);
        given().formParam("email", user.email()).formParam("password", Api.PASSWORD).post("/api/v1/auth_session/login")
                .then().statusCode(401).body("error", equalTo("wrong password"));
        given().auth().preemptive().basic(user.email(), Api.PASSWORD).get(ME).then().statusCode(403);

        asAdmin().contentType(ContentType.JSON).body(Map.of("disabled", false)).put("/api/v1/users/" + user.id())
                .then().statusCode(200).body("disabled", equalTo(false));
        Api.login(user.email(), Api.PASSWORD);
    }

    @Test
    void shouldLetOnlyAdminsDisableAndNeverThemselves() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        String adminId = asAdmin().get(ME).then().extract().path("id");

        user.request().contentType(ContentType.JSON).body(Map.of("disabled", true)).put("/api/v1/users/me")
                .then().statusCode(403);
        user.request().contentType(ContentType.JSON).body(Map.of("disabled", false, "first_name", "Echo"))
                .put("/api/v1/users/me").then().statusCode(200).body("first_name", equalTo("Echo"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("disabled", true)).put("/api/v1/users/" + adminId)
                .then().statusCode(400)
                .body("error", equalTo("Can't update User: an administrator cannot disable their own account"));
        user.request().get(ME).then().statusCode(200).body("disabled", equalTo(false));
    }

    @Test
    void shouldRefuseCommonPasswordsForNewUsers() {
        asAdmin().contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail(), "password", "Passw0rd"))
                .post("/api/v1/users").then().statusCode(400)
                .body("error", equalTo("Can't create User: password is too common"));
    }

    private static ValidatableResponse changePassword(Api.LoggedInUser user,
            Map<String, String> body) {
        return user.request().contentType(ContentType.JSON).body(body).put("/api/v1/users/me/password").then();
    }

    private static String loginWithAgent(String email, String userAgent) {
        return given().header("User-Agent", userAgent).formParam("email", email).formParam("password", Api.PASSWORD)
                .post("/api/v1/auth_session/login").then().statusCode(200).extract().cookie(Api.COOKIE);
    }

    /** The public id of the session with this user agent (or the only session, for null), as its owner lists it. */
    private static String sessionIdByAgent(String token, String userAgent) {
        List<Map<String, Object>> sessions = given().cookie(Api.COOKIE, token).get(SESSIONS).then().statusCode(200)
                .extract().jsonPath().getList("$");
        return sessions.stream()
                .filter(session -> userAgent == null || userAgent.equals(session.get("user_agent")))
                .map(session -> (String) session.get("id"))
                .findFirst().orElseThrow();
    }
}
