package dev.sessionauth.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.account.User;
import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * After BCRYPT_COST changes, a password is re-hashed at the configured cost when its owner next signs in, so
 * response times stop telling old accounts from unknown emails (whose dummy hash has the configured cost).
 */
@QuarkusTest
class PasswordRehashTest {

    /** The test profile's BCRYPT_COST. */
    private static final int CONFIGURED_COST = 4;

    @Inject
    Database database;

    @Inject
    PasswordHasher passwordHasher;

    @Test
    void shouldRehashAtTheConfiguredCostOnLoginAPasswordStoredAtAnotherCost() {
        String email = Api.uniqueEmail();
        UUID id = database.insertUser(email, BcryptUtil.bcryptHash(Api.PASSWORD, CONFIGURED_COST + 1));

        Api.login(email, Api.PASSWORD);

        assertEquals(CONFIGURED_COST, costOf(storedHash(id)));
        Api.login(email, Api.PASSWORD);
        given().formParam("email", email).formParam("password", "not the password")
                .post("/api/v1/auth_session/login").then().statusCode(401);
    }

    @Test
    void shouldRehashOnBasicAndKeepAcceptingTheCredentials() {
        String email = Api.uniqueEmail();
        UUID id = database.insertUser(email, BcryptUtil.bcryptHash(Api.PASSWORD, CONFIGURED_COST + 1));

        given().auth().preemptive().basic(email, Api.PASSWORD).get("/api/v1/users/me")
                .then().statusCode(200).body("id", equalTo(id.toString()));

        assertEquals(CONFIGURED_COST, costOf(storedHash(id)));
        given().auth().preemptive().basic(email, Api.PASSWORD).get("/api/v1/users/me").then().statusCode(200);
        Api.login(email, Api.PASSWORD);
    }

    @Test
    void shouldLeaveAHashAtTheConfiguredCostAsItIs() {
        String email = Api.uniqueEmail();
        UUID id = UUID.fromString(Api.createUser(email));
        String before = storedHash(id);

        Api.login(email, Api.PASSWORD);

        assertEquals(before, storedHash(id));
    }

    @Test
    void shouldNotRehashOnAWrongPassword() {
        String email = Api.uniqueEmail();
        String oldHash = BcryptUtil.bcryptHash(Api.PASSWORD, CONFIGURED_COST + 1);
        UUID id = database.insertUser(email, oldHash);

        given().formParam("email", email).formParam("password", "not the password")
                .post("/api/v1/auth_session/login").then().statusCode(401);

        assertEquals(oldHash, storedHash(id));
    }

    @Test
    void shouldNotStoreTheNewHashWhenThePasswordChangedSinceItWasVerified() {
        String email = Api.uniqueEmail();
        UUID id = UUID.fromString(Api.createUser(email));
        String verifiedHash = storedHash(id);
        String newPassword = "a brand new passphrase";
        given().cookie(Api.COOKIE, Api.login(email, Api.PASSWORD)).contentType(ContentType.JSON)
                .body(Map.of("current_password", Api.PASSWORD, "new_password", newPassword))
                .put("/api/v1/users/me/password").then().statusCode(200);
        String changedHash = storedHash(id);

        boolean replaced = QuarkusTransaction.requiringNew().call(() -> User.replacePasswordHash(id, verifiedHash,
                BcryptUtil.bcryptHash(Api.PASSWORD, CONFIGURED_COST)));

        assertFalse(replaced);
        assertEquals(changedHash, storedHash(id));
        Api.login(email, newPassword);
    }

    @Test
    void shouldMakeTheDummyHashOfUnknownEmailsAtTheConfiguredCost() {
        assertEquals(CONFIGURED_COST, costOf(passwordHasher.dummyHash()));
        assertTrue(passwordHasher.hasConfiguredCost(passwordHasher.dummyHash()));
        assertFalse(passwordHasher.hasConfiguredCost(BcryptUtil.bcryptHash(Api.PASSWORD, CONFIGURED_COST + 1)));
    }

    private String storedHash(UUID id) {
        return (String) database.single("SELECT password_hash FROM users WHERE id = ?", id);
    }

    /** The cost field of a modular-crypt bcrypt hash: $2a$NN$... */
    private static int costOf(String hash) {
        assertNotEquals(null, hash);
        return Integer.parseInt(hash.split("\\$")[2]);
    }
}
