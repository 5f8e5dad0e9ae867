package dev.sessionauth.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Health and metrics answer only on the management interface's own port; the public port knows nothing of them,
 * while the OpenAPI document and Swagger UI, which describe the public API, stay there.
 */
@QuarkusTest
class ManagementInterfaceTest {

    private static final List<String> MANAGEMENT_PATHS = List.of("/q/health", "/q/health/live", "/q/health/ready",
            "/q/metrics");

    /** Relative to the management interface's root, /q/. */
    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "openapi", management = true)
    URL managementOpenApi;

    @TestHTTPResource("/")
    URL application;

    @Test
    void shouldServeHealthAndMetricsOnTheManagementPort() {
        assertNotEquals(application.getPort(), metrics.getPort());
        given().get(readiness).then().statusCode(200).body("status", equalTo("UP"));
        given().get(metrics).then().statusCode(200).body(containsString("sessionauth_sessions_active"));
    }

    @Test
    void shouldAnswerTheContractsNotFoundOnThePublicPort() {
        for (String path : MANAGEMENT_PATHS) {
            given().get(path).then().statusCode(404)
                    .contentType(ContentType.JSON)
                    .body("error", equalTo("Not found"))
                    .body(not(containsString("sessionauth_")));
            // No credential check either: a probe sent here by mistake costs no bcrypt and counts no failure.
            given().auth().preemptive().basic(Api.ADMIN_EMAIL, "wrong password").get(path).then().statusCode(404)
                    .body("error", equalTo("Not found"));
        }
    }

    @Test
    void shouldStillProtectAnApiPathReachedThroughQuarkusEndpoints() {
        try (RawHttp http = new RawHttp(application.getHost(), application.getPort())) {
            for (String path : List.of("/q/../api/v1/missing", "/q/%2e%2e/api/v1/missing")) {
                RawHttp.Response response = http.exchange(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), false);

                assertEquals(401, response.status(), path + ": " + response.bodyText());
            }
        }
    }

    @Test
    void shouldKeepTheApiDescriptionOnThePublicPortOnly() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("session-auth API"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get(managementOpenApi).then().statusCode(404);
    }
}
