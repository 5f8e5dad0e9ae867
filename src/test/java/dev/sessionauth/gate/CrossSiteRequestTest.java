package dev.sessionauth.gate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.HardenedProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@TestProfile(HardenedProfile.class)
class CrossSiteRequestTest {

    private static final String EVIL_ORIGIN = "https://evil.example";

    @Test
    void shouldIssueAHostPrefixedStrictSecureCookie() {
        String email = Api.uniqueEmail();
        Api.createUser(email);

        given().formParam("email", email).formParam("password", Api.PASSWORD).post("/api/v1/auth_session/login")
                .then().statusCode(200)
                .header("Set-Cookie", containsString(HardenedProfile.COOKIE + "="))
                .header("Set-Cookie", containsString("Secure"))
                .header("Set-Cookie", containsString("SameSite=Strict"))
                .header("Set-Cookie", containsString("HttpOnly"));
    }

    @Test
    void shouldRefuseCookieAuthenticatedWritesFromAnotherOrigin() {
        String token = newSession();

        rename(token).header("Origin", EVIL_ORIGIN).delete("/api/v1/auth_session/logout")
                .then().statusCode(403).body("error", equalTo("Forbidden"));
        rename(token).header("Origin", EVIL_ORIGIN).contentType(ContentType.JSON).body(Map.of("first_name", "pwned"))
                .put("/api/v1/users/me").then().statusCode(403);
        rename(token).header("Sec-Fetch-Site", "cross-site").contentType(ContentType.JSON)
                .body(Map.of("first_name", "pwned")).put("/api/v1/users/me").then().statusCode(403);

        rename(token).get("/api/v1/users/me").then().statusCode(200).body("first_name", equalTo(null));
    }

    @Test
    void shouldTreatAnotherSchemeOrPortAsAnotherOrigin() {
        String token = newSession();

        rename(token).header("Origin", "https://localhost:" + RestAssured.port).contentType(ContentType.JSON)
                .body(Map.of("first_name", "x")).put("/api/v1/users/me").then().statusCode(403);
        rename(token).header("Origin", "http://localhost:1").contentType(ContentType.JSON)
                .body(Map.of("first_name", "x")).put("/api/v1/users/me").then().statusCode(403);
    }

    @Test
    void shouldLetReadsFromAnotherOriginThrough() {
        rename(newSession()).header("Origin", EVIL_ORIGIN).get("/api/v1/users/me").then().statusCode(200);
    }

    @Test
    void shouldAcceptWritesFromTheOwnOriginAnAllowedOriginOrWithoutOrigin() {
        String token = newSession();

        rename(token).header("Origin", "http://localhost:" + RestAssured.port).contentType(ContentType.JSON)
                .body(Map.of("first_name", "Same")).put("/api/v1/users/me").then().statusCode(200);
        rename(token).header("Origin", HardenedProfile.ALLOWED_ORIGIN).header("Sec-Fetch-Site", "cross-site")
                .contentType(ContentType.JSON).body(Map.of("first_name", "Allowed")).put("/api/v1/users/me")
                .then().statusCode(200);
        rename(token).contentType(ContentType.JSON).body(Map.of("first_name", "Curl")).put("/api/v1/users/me")
                .then().statusCode(200).body("first_name", equalTo("Curl"));
    }

    @Test
    void shouldNotApplyToBasicAuthentication() {
        String email = Api.uniqueEmail();
        Api.createUser(email);

        given().auth().preemptive().basic(email, Api.PASSWORD).header("Origin", EVIL_ORIGIN)
                .contentType(ContentType.JSON).body(Map.of("last_name", "Server")).put("/api/v1/users/me")
                .then().statusCode(200).body("last_name", equalTo("Server"));
    }

    @Test
    void shouldRefuseCrossSiteLoginForms() {
        String email = Api.uniqueEmail();
        Api.createUser(email);

        given().header("Origin", EVIL_ORIGIN).formParam("email", email).formParam("password", Api.PASSWORD)
                .post("/api/v1/auth_session/login").then().statusCode(403).body("error", equalTo("Forbidden"));
    }

    private static String newSession() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        return given().formParam("email", email).formParam("password", Api.PASSWORD).post("/api/v1/auth_session/login")
                .then().statusCode(200).extract().cookie(HardenedProfile.COOKIE);
    }

    private static RequestSpecification rename(String token) {
        return given().cookie(HardenedProfile.COOKIE, token);
    }
}
