package dev.sessionauth.nativeimage;

import static dev.sessionauth.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.IntegrationTestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The seed contract end to end, through the API only, against the packaged application: the native executable in the
 * native profile. Each JSON answer here, error or not, goes through the serialisation a native image must have been
 * told about; the JVM test classes check the same rules in more depth.
 */
@QuarkusIntegrationTest
@WithTestResource(IntegrationTestDatabase.class)
class SeedContractNativeIT {

    private static final String USERS = "/api/v1/users";
    private static final String ME = "/api/v1/users/me";
    private static final String LOGIN = "/api/v1/auth_session/login";
    private static final String LOGOUT = "/api/v1/auth_session/logout";
    private static final String VERIFY = "/api/v1/auth_session/verify";
    private static final String TOKENS = "/api/v1/tokens";

    @BeforeAll
    static void showFailedExchanges() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void shouldManageUsersAsTheAdministrator() {
        String email = Api.uniqueEmail();
        String id = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Api.PASSWORD, "first_name", "Bob"))
                .post(USERS).then().statusCode(201)
                .body("email", equalTo(email)).body("first_name", equalTo("Bob")).body("last_name", nullValue())
                .body("created_at", matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}"))
                .extract().path("id");

        asAdmin().get(USERS).then().statusCode(200).body("email", hasItem(email));
        asAdmin().contentType(ContentType.JSON).body(Map.of("last_name", "Dylan")).put(USERS + "/" + id)
                .then().statusCode(200).body("last_name", equalTo("Dylan"));
        asAdmin().get("/api/v1/stats").then().statusCode(200);
        asAdmin().delete(USERS + "/" + id).then().statusCode(200).body(equalTo("{}"));
        asAdmin().get(USERS + "/" + id).then().statusCode(404).body("error", equalTo("Not found"));
    }

    @Test
    void shouldAnswerTheContractsErrorsAsJson() {
        given().get(USERS).then().statusCode(401).contentType(ContentType.JSON).body("error", equalTo("Unauthorized"));
        given().header("Authorization", "Basic %%%").get(USERS).then().statusCode(403).body("error", equalTo("Forbidden"));
        asAdmin().contentType(ContentType.JSON).body("{not json").post(USERS)
                .then().statusCode(400).body("error", equalTo("Wrong format"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("password", Api.PASSWORD)).post(USERS)
                .then().statusCode(400).body("error", equalTo("email missing"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail())).post(USERS)
                .then().statusCode(400).body("error", equalTo("password missing"));
        asAdmin().get("/api/v1/nowhere").then().statusCode(404).body("error", equalTo("Not found"));
        asAdmin().delete("/api/v1/status").then().statusCode(405).contentType(ContentType.JSON);
    }

    @Test
    void shouldCheckTheLoginFormInTheContractsOrder() {
        String email = Api.uniqueEmail();
        Api.createUser(email);

        given().post(LOGIN).then().statusCode(400).body("error", equalTo("email missing"));
        given().formParam("email", email).post(LOGIN).then().statusCode(400).body("error", equalTo("password missing"));
        given().formParam("email", Api.uniqueEmail()).formParam("password", "x").post(LOGIN)
                .then().statusCode(404).body("error", equalTo("no user found for this email"));
        given().formParam("email", email).formParam("password", "not it").post(LOGIN)
                .then().statusCode(401).body("error", equalTo("wrong password"));
    }

    @Test
    void shouldSignInWithASessionCookieUntilLogout() {
        String email = Api.uniqueEmail();
        String id = Api.createUser(email);
        String token = given().formParam("email", email).formParam("password", Api.PASSWORD).post(LOGIN)
                .then().statusCode(200).body("id", equalTo(id))
                .cookie(Api.COOKIE, matchesPattern("[A-Za-z0-9_-]{43}"))
                .extract().cookie(Api.COOKIE);

        given().cookie(Api.COOKIE, token).get(ME).then().statusCode(200).body("email", equalTo(email));
        given().cookie(Api.COOKIE, token).get(VERIFY).then().statusCode(200)
                .header("X-User-Id", id).header("X-User-Roles", "user");
        given().cookie(Api.COOKIE, token).delete(LOGOUT).then().statusCode(200).body(equalTo("{}"))
                .cookie(Api.COOKIE, emptyOrNullString());

        given().cookie(Api.COOKIE, token).get(ME).then().statusCode(403).body("error", equalTo("Forbidden"));
        given().cookie(Api.COOKIE, token).get(VERIFY).then().statusCode(401).header("X-User-Id", nullValue());
    }

    @Test
    void shouldSignInWithAnApiTokenUntilItIsRevoked() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        ValidatableResponse created = user.request().contentType(ContentType.JSON).body(Map.of("name", "backup script"))
                .post(TOKENS).then().statusCode(201)
                .body("token", matchesPattern("sat_[A-Za-z0-9_-]{43}"));
        String token = created.extract().path("token");
        String tokenId = created.extract().path("id");

        given().header("Authorization", "Bearer " + token).get(ME).then().statusCode(200).body("id", equalTo(user.id()));
        given().header("Authorization", "Bearer " + token).get(VERIFY).then().statusCode(200)
                .header("X-User-Email", user.email());
        user.request().get(TOKENS).then().statusCode(200).body("name", hasItem("backup script"))
                .body("[0]", not(hasKey("token")));
        user.request().delete(TOKENS + "/" + tokenId).then().statusCode(200);
        given().header("Authorization", "Bearer " + token).get(ME).then().statusCode(403).body("error", equalTo("Forbidden"));
    }
}
