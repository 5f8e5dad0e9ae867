package dev.sessionauth.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The packaged production jar, started as in production, has no test login: its path answers exactly as an unknown
 * path does (401 without credentials, 404 with valid ones), and the build generated no bean for it.
 */
@EnabledIf(value = "dev.sessionauth.cluster.Nginx#installed", disabledReason = "needs /usr/sbin/nginx (apt-get install nginx)")
class NoTestLoginInPackagedJarIT {

    private static final String TEST_LOGIN = "/api/v1/auth_session/test_login";
    private static final String UNKNOWN = "/api/v1/auth_session/no_such_route";

    private static Cluster cluster;

    @BeforeAll
    static void startService() {
        cluster = Cluster.start("test-login-it", 1, Map.of());
    }

    @AfterAll
    static void stopService() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Response post(String path, boolean withCredentials) {
        var request = given().baseUri(cluster.instances.get(0).url()).contentType(ContentType.JSON)
                .body(Map.of("email", Cluster.ADMIN_EMAIL));
        if (withCredentials) {
            request = request.auth().preemptive().basic(Cluster.ADMIN_EMAIL, Cluster.ADMIN_PASSWORD);
        }
        return request.post(path);
    }

    @Test
    void shouldAnswerTheTestLoginAsAnUnknownPathWithoutCredentials() {
        Response unknown = post(UNKNOWN, false);
        Response testLogin = post(TEST_LOGIN, false);

        unknown.then().statusCode(401).body("error", equalTo("Unauthorized"));
        testLogin.then().statusCode(401).body("error", equalTo("Unauthorized"));
        assertTrue(testLogin.getHeader("Set-Cookie") == null);
    }

    @Test
    void shouldAnswerTheTestLoginAsAnUnknownPathWithValidCredentials() {
        post(UNKNOWN, true).then().statusCode(404).body("error", equalTo("Not found"));
        post(TEST_LOGIN, true).then().statusCode(404).body("error", equalTo("Not found"));
    }

    @Test
    void shouldLeaveTheTestLoginOutOfTheApiDocument() {
        given().baseUri(cluster.instances.get(0).url()).queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/auth_session/login"))
                .body("paths", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey(TEST_LOGIN)));
    }

    @Test
    void shouldHaveNoBeanForTheTestLoginInThePackagedJar() throws IOException {
        Path generated = Path.of("target", "quarkus-app", "quarkus", "generated-bytecode.jar");
        try (JarFile jar = new JarFile(generated.toFile())) {
            assertTrue(jar.stream().anyMatch(entry -> entry.getName().contains("SessionOpener_Bean")),
                    "the jar's generated beans are where this test looks");
            assertFalse(jar.stream().anyMatch(entry -> entry.getName().contains("TestLogin")));
        }
    }
}
