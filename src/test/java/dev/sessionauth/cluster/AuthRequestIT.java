package dev.sessionauth.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import dev.sessionauth.account.User;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * nginx protects an application it knows nothing about with auth_request against GET /api/v1/auth_session/verify of
 * the packaged service (the /protected/ location of bench/nginx.conf.template): the application sees only callers
 * session-auth vouches for, and learns who they are from the headers nginx sets.
 */
@EnabledIf(value = "dev.sessionauth.cluster.Nginx#installed", disabledReason = "needs /usr/sbin/nginx (apt-get install nginx)")
class AuthRequestIT {

    private static final String COOKIE = "_my_session_id";
    private static final String PASSWORD = "proxy user passphrase";
    private static final String PROTECTED = "/protected/report";

    private static Cluster cluster;

    @BeforeAll
    static void startCluster() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        cluster = Cluster.start("auth-request-it", 1, Map.of("SESSION_PURGE_INTERVAL", "off"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void shouldLetAValidSessionThroughAndTellTheApplicationWhoItIs() {
        User user = createUser();
        String token = login(user.email());

        throughNginx().cookie(COOKIE, token).get(PROTECTED)
                .then().statusCode(200)
                .body(equalTo("protected content\n"))
                .header("X-Seen-User-Id", user.id())
                .header("X-Seen-User-Email", user.email())
                .header("X-Seen-User-Roles", "user")
                .header("Set-Cookie", is((String) null));
    }

    @Test
    void shouldHandTheApplicationAnEmailItCanDecodeEvenFormStyle() {
        User user = createUser("user+reports-" + UUID.randomUUID() + "@proxy.test");
        String token = login(user.email());

        throughNginx().cookie(COOKIE, token).get(PROTECTED)
                .then().statusCode(200)
                .header("X-Seen-User-Email", user.email().replace("+", "%2B"));
    }

    @Test
    void shouldLetValidBasicCredentialsThrough() {
        User user = createUser();

        throughNginx().auth().preemptive().basic(user.email(), PASSWORD).get(PROTECTED)
                .then().statusCode(200)
                .header("X-Seen-User-Id", user.id());
    }

    @Test
    void shouldLetAnApiTokenThroughUntilItIsRevoked() {
        User user = createUser();
        String token = login(user.email());
        Map<String, String> created = throughNginx().cookie(COOKIE, token).contentType(ContentType.JSON)
                .body(Map.of("name", "reporting"))
                .post("/api/v1/tokens")
                .then().statusCode(201)
                .extract().jsonPath().getMap("");
        String bearer = "Bearer " + created.get("token");
        throughNginx().header("Authorization", bearer).get(PROTECTED)
                .then().statusCode(200)
                .header("X-Seen-User-Id", user.id());

        throughNginx().cookie(COOKIE, token).delete("/api/v1/tokens/" + created.get("id")).then().statusCode(200);

        throughNginx().header("Authorization", bearer).get(PROTECTED).then().statusCode(401);
    }

    @Test
    void shouldRefuseARequestWithoutCredentials() {
        throughNginx().get(PROTECTED).then().statusCode(401).header("X-Seen-User-Id", is((String) null))
                .header("Set-Cookie", is((String) null));
    }

    @Test
    void shouldRefuseAnUnknownCookieAndClearIt() {
        throughNginx().cookie(COOKIE, "not-a-session-" + UUID.randomUUID()).get(PROTECTED).then().statusCode(401)
                .header("Set-Cookie", startsWith(COOKIE + "=;"))
                .header("Set-Cookie", containsString("Max-Age=0"));
    }

    @Test
    void shouldRefuseWrongBasicCredentials() {
        User user = createUser();

        throughNginx().auth().preemptive().basic(user.email(), "not the password").get(PROTECTED).then().statusCode(401);
    }

    @Test
    void shouldRefuseASessionOnceLoggedOut() {
        User user = createUser();
        String token = login(user.email());
        throughNginx().cookie(COOKIE, token).get(PROTECTED).then().statusCode(200);

        throughNginx().cookie(COOKIE, token).delete("/api/v1/auth_session/logout").then().statusCode(200);

        throughNginx().cookie(COOKIE, token).get(PROTECTED).then().statusCode(401)
                .header("Set-Cookie", containsString("Max-Age=0"));
    }

    @Test
    void shouldIgnoreUserHeadersTheClientSent() {
        User user = createUser();
        String token = login(user.email());

        throughNginx().cookie(COOKIE, token).header("X-User-Id", "someone-else").header("X-User-Roles", "admin")
                .get(PROTECTED)
                .then().statusCode(200)
                .header("X-Seen-User-Id", user.id())
                .header("X-Seen-User-Roles", "user");
        throughNginx().header("X-User-Id", user.id()).get(PROTECTED).then().statusCode(401);
    }

    @Test
    void shouldRefuseACrossSiteWriteRidingOnTheCookie() {
        User user = createUser();
        String token = login(user.email());

        throughNginx().cookie(COOKIE, token).header("Origin", "https://evil.example").post(PROTECTED)
                .then().statusCode(403);
        throughNginx().cookie(COOKIE, token).header("Origin", "https://evil.example").get(PROTECTED)
                .then().statusCode(200);
    }

    private static RequestSpecification throughNginx() {
        return given().baseUri(cluster.nginx.url());
    }

    private record User(String id, String email) {
    }

    private static User createUser() {
        return createUser("user-" + UUID.randomUUID() + "@proxy.test");
    }

    private static User createUser(String email) {
        String id = given().baseUri(cluster.nginx.url()).auth().preemptive().basic(Cluster.ADMIN_EMAIL, Cluster.ADMIN_PASSWORD)
                .contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD))
                .post("/api/v1/users")
                .then().statusCode(201)
                .extract().path("id");
        return new User(id, email);
    }

    private static String login(String email) {
        return throughNginx().formParam("email", email).formParam("password", PASSWORD)
                .post("/api/v1/auth_session/login")
                .then().statusCode(200).body("email", equalTo(email))
                .extract().cookie(COOKIE);
    }
}
