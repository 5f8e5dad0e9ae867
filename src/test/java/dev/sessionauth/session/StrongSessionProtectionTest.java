package dev.sessionauth.session;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** SESSION_PROTECTION=strong: a session used from another /24 or browser family ends at once. */
@QuarkusTest
@TestProfile(StrongSessionProtectionTest.Strong.class)
class StrongSessionProtectionTest {

    /** Session protection in strong mode, set through its environment name. */
    public static class Strong implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("SESSION_PROTECTION", "strong");
        }
    }

    @Inject
    Database database;

    @Test
    void shouldEndASessionUsedFromAnotherNetwork() {
        String email = Api.uniqueEmail();
        String id = Api.createUser(email);
        String token = SessionProtectionTest.loginFrom(email, "198.51.100.7", SessionProtectionTest.FIREFOX);
        SessionProtectionTest.from(token, "198.51.100.42", SessionProtectionTest.FIREFOX).get("/api/v1/users/me")
                .then().statusCode(200);

        SessionProtectionTest.from(token, "203.0.113.5", SessionProtectionTest.FIREFOX).get("/api/v1/users/me")
                .then().statusCode(403)
                .header("Set-Cookie", containsString("Max-Age=0"));

        assertEquals(0, database.count("SELECT count(*) FROM user_sessions WHERE user_id = ?", UUID.fromString(id)));
        SessionProtectionTest.from(token, "198.51.100.7", SessionProtectionTest.FIREFOX).get("/api/v1/users/me")
                .then().statusCode(403);
    }

    @Test
    void shouldEndASessionUsedFromAnotherBrowserFamily() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        String token = SessionProtectionTest.loginFrom(email, "198.51.100.7", SessionProtectionTest.FIREFOX);

        SessionProtectionTest.from(token, "198.51.100.7", SessionProtectionTest.CHROME).get("/api/v1/users/me")
                .then().statusCode(403);
    }
}
