package dev.sessionauth.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import dev.sessionauth.support.ProblemLogCapture;
import dev.sessionauth.support.Together;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The service never lets its last enabled administrator go: deleting or disabling them is refused, also when two
 * administrators remove each other at the same moment. Each test makes its own administrators and, for its
 * duration, sets aside every other enabled one (the bootstrap administrator, those of other tests).
 */
@QuarkusTest
class LastAdministratorTest {

    private static final String LAST_ADMIN = "Can't remove the last administrator";
    private static final int ROUNDS = 10;
    private static final Random RANDOM = new Random();

    @Inject
    Database database;

    private final List<UUID> setAside = new ArrayList<>();

    @AfterEach
    void bringBackTheAdministratorsSetAside() {
        for (UUID id : setAside) {
            database.update("UPDATE users SET disabled_at = NULL WHERE id = ?", id);
        }
        setAside.clear();
    }

    @Test
    void shouldRefuseToDeleteTheLastAdministratorWhoDeletesThemselves() {
        Admin admin = onlyEnabledAdmins(1).get(0);

        try (ProblemLogCapture logs = ProblemLogCapture.start()) {
            admin.request().delete("/api/v1/users/" + admin.id()).then()
                    .statusCode(409)
                    .contentType(ContentType.JSON)
                    .body("error", equalTo(LAST_ADMIN));
            admin.request().delete("/api/v1/users/me").then().statusCode(409).body("error", equalTo(LAST_ADMIN));
            assertEquals(List.of(), logs.problems());
        }

        assertEquals(1, enabledAdmins(admin.id()));
        admin.request().get("/api/v1/users/me").then().statusCode(200).body("role", equalTo("admin"));
    }

    @Test
    void shouldRefuseToDemoteTheLastAdministrator() {
        Admin admin = onlyEnabledAdmins(1).get(0);

        admin.request().contentType(ContentType.JSON).body(Map.of("role", "user")).put("/api/v1/users/me")
                .then().statusCode(409).body("error", equalTo(LAST_ADMIN));
        assertEquals(1, enabledAdmins(admin.id()));
    }

    @Test
    void shouldStillRefuseTheLastAdministratorDisablingThemselves() {
        Admin admin = onlyEnabledAdmins(1).get(0);

        admin.request().contentType(ContentType.JSON).body(Map.of("disabled", true)).put("/api/v1/users/me").then()
                .statusCode(400)
                .body("error", equalTo("Can't update User: an administrator cannot disable their own account"));

        assertEquals(1, enabledAdmins(admin.id()));
    }

    @Test
    void shouldLetAnAdministratorGoWhileAnotherRemains() {
        List<Admin> admins = onlyEnabledAdmins(2);

        admins.get(0).request().delete("/api/v1/users/me").then().statusCode(200);

        assertEquals(0, database.count("SELECT count(*) FROM users WHERE id = ?", admins.get(0).id()));
        // The one left cannot follow, and the deleted one can no longer sign in to try.
        admins.get(1).request().delete("/api/v1/users/me").then().statusCode(409).body("error", equalTo(LAST_ADMIN));
        admins.get(0).request().delete("/api/v1/users/" + admins.get(1).id()).then().statusCode(403);
        assertEquals(1, enabledAdmins(admins.get(1).id()));
    }

    @Test
    void shouldDeleteOnlyOneOfTwoAdministratorsDeletingEachOtherAtOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            List<Admin> admins = onlyEnabledAdmins(2);
            Admin first = admins.get(0);
            Admin second = admins.get(1);

            List<Integer> statuses = Together.run(() -> first.delete(second.id()), () -> second.delete(first.id()));

            assertExactlyOneRemains(admins, statuses);
            bringBackTheAdministratorsSetAside();
        }
    }

    @Test
    void shouldDeleteOnlyOneOfTwoAdministratorsDeletingThemselvesAtOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            List<Admin> admins = onlyEnabledAdmins(2);
            Admin first = admins.get(0);
            Admin second = admins.get(1);

            List<Integer> statuses = Together.run(() -> first.delete(first.id()), () -> second.delete(second.id()));

            assertExactlyOneRemains(admins, statuses);
            bringBackTheAdministratorsSetAside();
        }
    }

    @Test
    void shouldDisableOnlyOneOfTwoAdministratorsDisablingEachOtherAtOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            List<Admin> admins = onlyEnabledAdmins(2);
            Admin first = admins.get(0);
            Admin second = admins.get(1);

            List<Integer> statuses = Together.run(() -> first.disable(second.id()), () -> second.disable(first.id()));

            assertTrue(statuses.contains(200), "one of the two disables goes through: " + statuses);
            assertEquals(1, database.count("SELECT count(*) FROM users WHERE role = 'ADMIN' AND disabled_at IS NULL"),
                    "enabled administrators after " + statuses);
            assertTrue(List.of(200, 409).containsAll(statuses) || List.of(200, 403).containsAll(statuses),
                    "the other is refused: " + statuses);
            bringBackTheAdministratorsSetAside();
        }
    }

    /** Exactly one of the two administrators is left, enabled; the other request was refused, never a 5xx. */
    private void assertExactlyOneRemains(List<Admin> admins, List<Integer> statuses) {
        assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "one delete succeeds: " + statuses);
        assertTrue(statuses.stream().allMatch(status -> status == 200 || status == 409 || status == 403),
                "the other is refused: " + statuses);
        long remaining = database.count("SELECT count(*) FROM users WHERE role = 'ADMIN' AND disabled_at IS NULL");
        assertEquals(1, remaining, "enabled administrators after " + statuses);
        assertEquals(1, database.count("SELECT count(*) FROM users WHERE id IN (?, ?)", admins.get(0).id(),
                admins.get(1).id()), "one of the two is deleted");
    }

    /** How many enabled administrators there are; asserts that the given one is among them. */
    private long enabledAdmins(UUID expected) {
        assertEquals(1, database.count("SELECT count(*) FROM users WHERE id = ? AND role = 'ADMIN' AND disabled_at IS NULL",
                expected), "still an enabled administrator");
        return database.count("SELECT count(*) FROM users WHERE role = 'ADMIN' AND disabled_at IS NULL");
    }

    /**
     * Makes this many new administrators (plain users promoted in the database: the API only creates plain users)
     * and sets aside every other enabled administrator until the test ends.
     */
    private List<Admin> onlyEnabledAdmins(int count) {
        List<Admin> admins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = Api.uniqueEmail();
            UUID id = UUID.fromString(Api.createUser(email));
            database.update("UPDATE users SET role = 'ADMIN' WHERE id = ?", id);
            admins.add(new Admin(id, email, "198.51.100." + (1 + RANDOM.nextInt(254))));
        }
        for (Object id : database.column("SELECT id FROM users WHERE role = 'ADMIN' AND disabled_at IS NULL")) {
            UUID adminId = (UUID) id;
            if (admins.stream().noneMatch(admin -> admin.id().equals(adminId))) {
                database.update("UPDATE users SET disabled_at = now() WHERE id = ?", adminId);
                setAside.add(adminId);
            }
        }
        return admins;
    }

    /**
     * An administrator of this test, signing in with Basic credentials from an address of its own (the test profile
     * trusts X-Forwarded-For from 127.0.0.1): the sign-ins refused here, of administrators already deleted or
     * disabled, must not count against 127.0.0.1, which tests of a stricter profile sign in from.
     */
    private record Admin(UUID id, String email, String address) {

        RequestSpecification request() {
            return given().auth().preemptive().basic(email, Api.PASSWORD).header("X-Forwarded-For", address);
        }

        int delete(UUID target) {
            return request().delete("/api/v1/users/" + target).statusCode();
        }

        int disable(UUID target) {
            return request().contentType(ContentType.JSON).body(Map.of("disabled", true)).put("/api/v1/users/" + target)
                    .statusCode();
        }
    }
}
