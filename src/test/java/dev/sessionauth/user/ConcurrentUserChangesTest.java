package dev.sessionauth.user;

import static dev.sessionauth.support.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Together;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Two administrators acting on the same user at once: one wins, the other gets a 404, nobody gets a 500. */
@QuarkusTest
class ConcurrentUserChangesTest {

    private static final int ROUNDS = 15;

    @Test
    void shouldDeleteAUserOnceWhenTwoDeletesArriveAtOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            String id = Api.createUser(Api.uniqueEmail());

            List<Integer> statuses = Together.run(() -> delete(id), () -> delete(id));

            assertTrue(statuses.contains(200) && Set.of(200, 404).containsAll(statuses), "two deletes: " + statuses);
            assertEquals(404, asAdmin().get("/api/v1/users/" + id).statusCode());
        }
    }

    @Test
    void shouldAnswer404NotAFailureWhenAUserIsDeletedWhileBeingChanged() {
        for (int round = 0; round < ROUNDS; round++) {
            String id = Api.createUser(Api.uniqueEmail());

            List<Integer> statuses = Together.run(() -> rename(id), () -> delete(id));

            assertTrue(Set.of(200, 404).contains(statuses.get(0)), "update racing a delete: " + statuses);
            assertEquals(200, statuses.get(1), "delete racing an update: " + statuses);
            assertEquals(404, asAdmin().get("/api/v1/users/" + id).statusCode());
        }
    }

    private static int delete(String id) {
        return asAdmin().delete("/api/v1/users/" + id).statusCode();
    }

    private static int rename(String id) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("first_name", "Renamed")).put("/api/v1/users/" + id)
                .statusCode();
    }
}
