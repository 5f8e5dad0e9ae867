package dev.sessionauth.status;

import static dev.sessionauth.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.util.List;

import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class StatusResourceTest {

    @Test
    void shouldAnswerStatusWithoutCredentialsWithOrWithoutTrailingSlash() {
        for (String path : new String[] { "/api/v1/status", "/api/v1/status/" }) {
            given().get(path).then()
                    .statusCode(Status.OK.getStatusCode())
                    .contentType(ContentType.JSON)
                    .header("Access-Control-Allow-Origin", "*")
                    .body("status", equalTo("OK"));
        }
    }

    @Test
    void shouldAlwaysAnswerUnauthorizedAndForbiddenRoutes() {
        given().get("/api/v1/unauthorized").then().statusCode(401).body("error", equalTo("Unauthorized"));
        given().get("/api/v1/unauthorized/").then().statusCode(401).body("error", equalTo("Unauthorized"));
        given().get("/api/v1/forbidden").then().statusCode(403).body("error", equalTo("Forbidden"));
        asAdmin().get("/api/v1/forbidden/").then().statusCode(403).body("error", equalTo("Forbidden"));
    }

    @Test
    void shouldCountUsersForAuthenticatedCallers() {
        int before = asAdmin().get("/api/v1/stats").then().statusCode(200).extract().path("users");
        Api.LoggedInUser user = Api.newLoggedInUser();

        user.request().get("/api/v1/stats/").then()
                .statusCode(200)
                .body("users", greaterThanOrEqualTo(before + 1));
    }

    @Test
    void shouldRequireCredentialsForStats() {
        given().get("/api/v1/stats").then().statusCode(401).body("error", equalTo("Unauthorized"));
        given().header("Authorization", "Test").get("/api/v1/stats").then().statusCode(403).body("error",
                equalTo("Forbidden"));
    }

    @Test
    void shouldTreatUnknownPathsLikeProtectedRoutes() {
        for (String path : new String[] { "/api/v1/nope", "/api/v1/users/a/b", "/not-an-api" }) {
            given().get(path).then().statusCode(401).contentType(ContentType.JSON).body("error", equalTo("Unauthorized"));
            given().auth().preemptive().basic(Api.ADMIN_EMAIL, "wrong").get(path).then()
                    .statusCode(403).body("error", equalTo("Forbidden"));
            asAdmin().get(path).then().statusCode(404).contentType(ContentType.JSON).body("error", equalTo("Not found"));
        }
    }

    @Test
    void shouldAnswerWrongMethodWith405Json() {
        asAdmin().delete("/api/v1/status").then()
                .statusCode(405)
                .contentType(ContentType.JSON)
                .body("error", equalTo("Method not allowed"));
        asAdmin().patch("/api/v1/users").then().statusCode(405).body("error", equalTo("Method not allowed"));
    }

    @Test
    void shouldCarryCorsHeaderOnErrors() {
        given().get("/api/v1/users").then().statusCode(401).header("Access-Control-Allow-Origin", "*");
    }

    @Test
    void shouldForbidCachingAndSniffingOfEveryApiAnswer() {
        String login = Api.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        List<ValidatableResponse> answers = List.of(
                given().get("/api/v1/status").then().statusCode(200),
                given().cookie(Api.COOKIE, login).get("/api/v1/users/me").then().statusCode(200),
                given().cookie(Api.COOKIE, login).get("/api/v1/auth_session/verify").then().statusCode(200),
                given().get("/api/v1/users/me").then().statusCode(401),
                given().cookie(Api.COOKIE, login).get("/api/v1/nothing-here").then().statusCode(404));
        for (ValidatableResponse answer : answers) {
            answer.header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
        }
        given().formParam("email", Api.ADMIN_EMAIL).formParam("password", Api.ADMIN_PASSWORD)
                .post("/api/v1/auth_session/login").then().statusCode(200)
                .header("Cache-Control", "no-store");
    }
}
