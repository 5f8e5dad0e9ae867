package dev.sessionauth.group;

import static dev.sessionauth.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import dev.sessionauth.support.ProblemLogCapture;
import dev.sessionauth.support.Together;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Group changes racing each other: a member added while the group or the user is deleted, a name created twice at
 * once. One side wins, the other gets 404 or 409, and nothing answers 500 or logs an error.
 */
@QuarkusTest
class ConcurrentGroupChangesTest {

    private static final String GROUPS = "/api/v1/groups/";
    private static final int ROUNDS = 20;
    private static final int USERS = 4;

    @Inject
    Database database;

    @Test
    void shouldAnswer404NotAFailureWhenAGroupIsDeletedWhileMembersAreAdded() {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(database.insertUser(Api.uniqueEmail(), "not-a-hash"));
        }
        try (ProblemLogCapture logs = ProblemLogCapture.start()) {
            for (int round = 0; round < ROUNDS; round++) {
                String name = Api.createGroup(Api.uniqueGroupName());
                List<Supplier<Integer>> calls = new ArrayList<>();
                users.forEach(user -> calls.add(() -> addMember(name, user)));
                calls.add(() -> asAdmin().delete(GROUPS + name).statusCode());

                List<Integer> statuses = runTogether(calls);

                assertTrue(Set.of(200, 404).containsAll(statuses.subList(0, USERS)), "adds racing a delete: " + statuses);
                assertEquals(200, statuses.get(USERS), "delete racing adds: " + statuses);
                assertEquals(404, asAdmin().get(GROUPS + name).statusCode());
                for (UUID user : users) {
                    assertEquals(0, database.count("SELECT count(*) FROM group_members WHERE user_id = ?", user),
                            "memberships left in round " + round);
                }
            }
            assertEquals(List.of(), logs.problems());
        }
    }

    @Test
    void shouldAnswer404NotAFailureWhenAUserIsDeletedWhileAddedToGroups() {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            groups.add(Api.createGroup(Api.uniqueGroupName()));
        }
        try (ProblemLogCapture logs = ProblemLogCapture.start()) {
            for (int round = 0; round < ROUNDS; round++) {
                UUID user = database.insertUser(Api.uniqueEmail(), "not-a-hash");
                List<Supplier<Integer>> calls = new ArrayList<>();
                groups.forEach(group -> calls.add(() -> addMember(group, user)));
                calls.add(() -> asAdmin().delete("/api/v1/users/" + user).statusCode());

                List<Integer> statuses = runTogether(calls);

                assertTrue(Set.of(200, 404).containsAll(statuses.subList(0, USERS)), "adds racing a delete: " + statuses);
                assertEquals(200, statuses.get(USERS), "delete racing adds: " + statuses);
                assertEquals(0, database.count("SELECT count(*) FROM group_members WHERE user_id = ?", user),
                        "memberships left in round " + round);
            }
            assertEquals(List.of(), logs.problems());
        }
    }

    @Test
    void shouldCreateAGroupOnceWhenTwoCreatesOfTheNameArriveAtOnce() {
        try (ProblemLogCapture logs = ProblemLogCapture.start()) {
            for (int round = 0; round < ROUNDS; round++) {
                String name = Api.uniqueGroupName();

                List<Integer> statuses = Together.run(() -> create(name), () -> create(name));

                assertEquals(List.of(201, 409), statuses.stream().sorted().toList(), "two creates: " + statuses);
                assertEquals(1, database.count("SELECT count(*) FROM user_groups WHERE name = ?", name));
            }
            assertEquals(List.of(), logs.problems());
        }
    }

    @Test
    void shouldDeleteAGroupOnceWhenTwoDeletesArriveAtOnce() {
        try (ProblemLogCapture logs = ProblemLogCapture.start()) {
            for (int round = 0; round < ROUNDS; round++) {
                String name = Api.newGroupWith(database.insertUser(Api.uniqueEmail(), "not-a-hash").toString());

                List<Integer> statuses = Together.run(() -> asAdmin().delete(GROUPS + name).statusCode(),
                        () -> asAdmin().delete(GROUPS + name).statusCode());

                assertEquals(List.of(200, 404), statuses.stream().sorted().toList(), "two deletes: " + statuses);
                assertEquals(0, database.count("SELECT count(*) FROM user_groups WHERE name = ?", name));
            }
            assertEquals(List.of(), logs.problems());
        }
    }

    @Test
    void shouldAnswer400NotAFailureWhenAGroupIsDeletedWhileATokenIsLimitedToIt() {
        try (ProblemLogCapture logs = ProblemLogCapture.start()) {
            for (int round = 0; round < ROUNDS / 2; round++) {
                String email = Api.uniqueEmail();
                String user = Api.createUser(email);
                String name = Api.newGroupWith(user);

                List<Integer> statuses = Together.run(() -> given().auth().preemptive().basic(email, Api.PASSWORD)
                        .contentType(ContentType.JSON).body(Map.of("name", "limited", "groups", List.of(name)))
                        .post("/api/v1/tokens").statusCode(), () -> asAdmin().delete(GROUPS + name).statusCode());

                assertTrue(Set.of(201, 400).contains(statuses.get(0)), "token racing a delete: " + statuses);
                assertEquals(200, statuses.get(1), "delete racing a token: " + statuses);
                assertEquals(0, database.count("SELECT count(*) FROM api_token_groups t JOIN api_tokens a ON a.id = t.token_id "
                        + "WHERE a.user_id = ?", UUID.fromString(user)), "token groups left in round " + round);
            }
            assertEquals(List.of(), logs.problems());
        }
    }

    private static int addMember(String group, UUID user) {
        return asAdmin().put(GROUPS + group + "/members/" + user).statusCode();
    }

    private static int create(String name) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("name", name)).post(GROUPS).statusCode();
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> runTogether(List<Supplier<Integer>> calls) {
        return Together.run(calls.toArray(Supplier[]::new));
    }
}
