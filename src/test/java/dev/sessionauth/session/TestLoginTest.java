package dev.sessionauth.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.LogCapture;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The test build has the password-free login; NoTestLoginInPackagedJarIT shows that the production jar does not. */
@QuarkusTest
class TestLoginTest {

    private static final String TEST_LOGIN = "/api/v1/auth_session/test_login";

    @Test
    void shouldOpenASessionForAnEmailWithoutItsPasswordAndRecordIt() {
        String email = Api.uniqueEmail();
        String id = Api.createUser(email);

        try (LogCapture audit = LogCapture.audit()) {
            String token = given().contentType(ContentType.JSON).body(Map.of("email", email.toUpperCase()))
                    .post(TEST_LOGIN)
                    .then().statusCode(200).body("id", equalTo(id))
                    .extract().cookie(Api.COOKIE);
            given().cookie(Api.COOKIE, token).get("/api/v1/users/me").then().statusCode(200).body("email", equalTo(email));
            assertThat(audit.lines(),
                    hasItem(matchesPattern("event=test_login user_id=" + id + " session_id=\\S+ client_ip=\\S+")));
        }
    }

    @Test
    void shouldAnswerAnUnknownEmailLikeTheLogin() {
        given().contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail())).post(TEST_LOGIN)
                .then().statusCode(404).body("error", equalTo("no user found for this email"));
        given().contentType(ContentType.JSON).body(Map.of()).post(TEST_LOGIN)
                .then().statusCode(400).body("error", equalTo("email missing"));
    }

    @Test
    void shouldBeABeanOfTheTestBuild() {
        assertTrue(Arc.container().instance(TestLoginResource.class).isAvailable());
    }
}
