package dev.sessionauth.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(AdminBootstrapSpellingTest.WideAdminEmail.class)
class AdminBootstrapSpellingTest {

    /** The administrator's email written in full-width capitals: the same address as the tests' administrator. */
    public static class WideAdminEmail implements QuarkusTestProfile {

        static final String EMAIL = "\uFF21\uFF24\uFF2D\uFF29\uFF2E@Test.Local";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("session-auth.admin.email", EMAIL);
        }
    }

    @Inject
    AdminBootstrap bootstrap;

    @Inject
    Database database;

    @Test
    void shouldBootstrapOneAdministratorUnderTheCanonicalEmail() {
        bootstrap.ensureAdmin();

        assertEquals(List.of(Api.ADMIN_EMAIL), database.column("SELECT email FROM users WHERE email IN (?, ?)",
                Api.ADMIN_EMAIL, WideAdminEmail.EMAIL));
        // An address of its own: 127.0.0.1 may still be locked by the low limits of a profile that ran before.
        given().header("X-Forwarded-For", "192.0.2.17").auth().preemptive().basic(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD)
                .get("/api/v1/users/me")
                .then().statusCode(200).body("email", equalTo(Api.ADMIN_EMAIL)).body("role", equalTo("admin"));
    }
}
