package dev.sessionauth.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The probes, on the management interface's port (URLs relative to its root, /q/). */
@QuarkusTest
class HealthTest {

    @TestHTTPResource(value = "health/live", management = true)
    URL liveness;

    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @Test
    void shouldReportLiveWithoutCredentials() {
        given().get(liveness).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldBeReadyOnlyWithTheDatabaseCheck() {
        given().get(readiness).then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }
}
