package dev.sessionauth.web;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.HardenedProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Where the session cookie is Secure (here through the __Host- prefix), the page tells browsers to use HTTPS only. */
@QuarkusTest
@TestProfile(HardenedProfile.class)
class SecureCookiePageTest {

    @Test
    void shouldSendStrictTransportSecurityWithThePage() {
        for (String path : StaticPageTest.PAGE_FILES) {
            given().get(path).then().statusCode(200)
                    .header("Strict-Transport-Security", "max-age=31536000")
                    .header("Content-Security-Policy", StaticPageTest.POLICY);
        }
    }
}
