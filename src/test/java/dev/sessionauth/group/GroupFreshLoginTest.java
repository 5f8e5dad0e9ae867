package dev.sessionauth.group;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Group writes are administrator writes: a cookie session must have proven the password recently (issue 13). */
@QuarkusTest
class GroupFreshLoginTest {

    private static final String GROUPS = "/api/v1/groups";
    private static final String REAUTHENTICATE = "/api/v1/auth_session/reauthenticate";

    @Inject
    TestClock clock;

    private static RequestSpecification withCookie(String token) {
        return given().cookie(Api.COOKIE, token);
    }

    private static void assertReauthenticationRequired(Response response) {
        response.then().statusCode(401)
                .header("X-Reauthenticate", equalTo("true"))
                .body("error", equalTo("Reauthentication required"));
    }

    @Test
    void shouldAskAStaleAdministratorSessionToReauthenticateBeforeCreatingAGroup() {
        String admin = Api.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        clock.advance(Duration.ofMinutes(11));
        String name = Api.uniqueGroupName();

        assertReauthenticationRequired(withCookie(admin).contentType(ContentType.JSON).body(Map.of("name", name))
                .post(GROUPS));
        Api.asAdmin().get(GROUPS + "/" + name).then().statusCode(404);

        String renewed = withCookie(admin).formParam("password", Api.ADMIN_PASSWORD).post(REAUTHENTICATE)
                .then().statusCode(200).extract().cookie(Api.COOKIE);
        withCookie(renewed).contentType(ContentType.JSON).body(Map.of("name", name)).post(GROUPS)
                .then().statusCode(201).body("name", equalTo(name));
    }

    @Test
    void shouldAskAStaleAdministratorSessionToReauthenticateBeforeEveryOtherGroupWriteButNoRead() {
        String memberId = Api.createUser(Api.uniqueEmail());
        String kept = Api.newGroupWith(memberId);
        String other = Api.createGroup(Api.uniqueGroupName());
        String admin = Api.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        clock.advance(Duration.ofMinutes(11));

        assertReauthenticationRequired(withCookie(admin).delete(GROUPS + "/" + kept));
        assertReauthenticationRequired(withCookie(admin).put(GROUPS + "/" + other + "/members/" + memberId));
        assertReauthenticationRequired(withCookie(admin).delete(GROUPS + "/" + kept + "/members/" + memberId));
        withCookie(admin).get(GROUPS + "/" + kept).then().statusCode(200);
        withCookie(admin).get(GROUPS + "/" + kept + "/members").then().statusCode(200)
                .body("id", hasItem(memberId));
        Api.asAdmin().get("/api/v1/users/" + memberId).then().statusCode(200).body("groups", equalTo(List.of(kept)));

        String renewed = withCookie(admin).formParam("password", Api.ADMIN_PASSWORD).post(REAUTHENTICATE)
                .then().statusCode(200).extract().cookie(Api.COOKIE);
        withCookie(renewed).put(GROUPS + "/" + other + "/members/" + memberId).then().statusCode(200);
        withCookie(renewed).delete(GROUPS + "/" + kept + "/members/" + memberId).then().statusCode(200);
        withCookie(renewed).delete(GROUPS + "/" + kept).then().statusCode(200);
    }

    @Test
    void shouldLetBasicWriteGroupsAndKeepAPlainUsersAnswerAt403() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        clock.advance(Duration.ofMinutes(11));

        user.request().contentType(ContentType.JSON).body(Map.of("name", Api.uniqueGroupName())).post(GROUPS)
                .then().statusCode(403).body("error", equalTo("Forbidden"));
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", Api.uniqueGroupName())).post(GROUPS)
                .then().statusCode(201);
    }
}
