package dev.sessionauth.gate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.EmailSpellings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class BasicAuthenticationTest {

    private static final String ME = "/api/v1/users/me";

    @Test
    void shouldSplitOnTheFirstColonSoPasswordsMayContainColons() {
        String email = Api.uniqueEmail();
        String password = "pass:word:with:colons";
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/users").then().statusCode(201);

        given().header("Authorization", basic(email + ":" + password)).get(ME)
                .then().statusCode(200).body("email", equalTo(email));
    }

    @Test
    void shouldAuthenticateAnySpellingOfTheEmail() {
        EmailSpellings spellings = EmailSpellings.fresh();
        String id = Api.createUser(spellings.canonical());

        for (String variant : spellings.variants()) {
            given().header("Authorization", EmailSpellings.basic(variant, Api.PASSWORD)).get(ME)
                    .then().statusCode(200)
                    .body("id", equalTo(id))
                    .body("email", equalTo(spellings.canonical()));
        }
        given().header("Authorization", EmailSpellings.basic(spellings.dottedCapitalI(), Api.PASSWORD)).get(ME)
                .then().statusCode(403);
    }

    @Test
    void shouldReturn403ForMalformedBasicHeaders() {
        String[] malformed = {
                "Basic",
                "Basic ",
                "Basic !!!not-base64!!!",
                basic("no-colon-here"),
                basic(":password-without-email"),
                "Basic " + Base64.getEncoder().encodeToString(new byte[] { (byte) 0xff, (byte) 0xfe, ':', 'x' }),
                "Bearer abc",
                "Test",
        };
        for (String header : malformed) {
            given().header("Authorization", header).get(ME).then().statusCode(403).body("error", equalTo("Forbidden"));
        }
    }

    @Test
    void shouldReturn403ForWrongPasswordOrUnknownEmail() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        given().header("Authorization", basic(user.email() + ":wrong password")).get(ME).then().statusCode(403);
        given().header("Authorization", basic(Api.uniqueEmail() + ":" + Api.PASSWORD)).get(ME).then().statusCode(403);
    }

    @Test
    void shouldAcceptTheSchemeInAnyCase() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        given().header("Authorization", basic(user.email() + ":" + Api.PASSWORD).replace("Basic", "basic")).get(ME)
                .then().statusCode(200);
    }

    @Test
    void shouldLetASessionCookieTakePrecedenceOverBasic() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        given().cookie(Api.COOKIE, "x".repeat(43)).header("Authorization", basic(user.email() + ":" + Api.PASSWORD))
                .get(ME).then().statusCode(403);
        user.request().header("Authorization", "Basic garbage").get(ME).then().statusCode(200)
                .body("id", equalTo(user.id()));
    }

    @Test
    void shouldRefuseRememberedCredentialsAtOnceAfterAPasswordChange() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        String oldCredentials = basic(user.email() + ":" + Api.PASSWORD);
        given().header("Authorization", oldCredentials).get(ME).then().statusCode(200);
        given().header("Authorization", oldCredentials).get(ME).then().statusCode(200);

        user.request().contentType(ContentType.JSON)
                .body(Map.of("current_password", Api.PASSWORD, "new_password", "the next passphrase"))
                .put("/api/v1/users/me/password").then().statusCode(200);

        given().header("Authorization", oldCredentials).get(ME).then().statusCode(403);
        given().header("Authorization", basic(user.email() + ":the next passphrase")).get(ME).then().statusCode(200);
    }

    @Test
    void shouldRefuseRememberedCredentialsOfADisabledUser() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        String credentials = basic(user.email() + ":" + Api.PASSWORD);
        given().header("Authorization", credentials).get(ME).then().statusCode(200);

        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("disabled", true)).put("/api/v1/users/" + user.id())
                .then().statusCode(200);

        given().header("Authorization", credentials).get(ME).then().statusCode(403);
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
