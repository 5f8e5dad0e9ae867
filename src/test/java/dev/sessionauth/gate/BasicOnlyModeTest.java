package dev.sessionauth.gate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@TestProfile(BasicOnlyModeTest.BasicAuthType.class)
class BasicOnlyModeTest {

    /** AUTH_TYPE=basic_auth, set under the contract's name. */
    public static class BasicAuthType implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("AUTH_TYPE", "basic_auth");
        }
    }

    @Test
    void shouldAcceptBasicCredentials() {
        Api.asAdmin().get("/api/v1/users/me").then().statusCode(200).body("email", equalTo(Api.ADMIN_EMAIL));
    }

    @Test
    void shouldRefuseSessionCookiesAsInvalidCredentials() {
        // Not a refused session (none is looked up in this mode), so the cookie is left alone.
        given().cookie(Api.COOKIE, "x".repeat(43)).get("/api/v1/users/me").then().statusCode(403)
                .body("error", equalTo("Forbidden")).header("Set-Cookie", nullValue());
        given().get("/api/v1/users/me").then().statusCode(401);
    }

    @Test
    void shouldRefuseApiTokensAsInvalidCredentials() {
        String token = Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", "refused " + UUID.randomUUID()))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");

        given().header("Authorization", "Bearer " + token).get("/api/v1/users/me").then().statusCode(403)
                .body("error", equalTo("Forbidden"));
    }

    @Test
    void shouldNotIssueSessionsItWouldNeverAccept() {
        given().formParam("email", Api.ADMIN_EMAIL).formParam("password", Api.ADMIN_PASSWORD)
                .post("/api/v1/auth_session/login")
                .then().statusCode(404).body("error", equalTo("Not found"));
    }
}
