package dev.sessionauth.group;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.stringContainsInOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import dev.sessionauth.support.LogCapture;
import dev.sessionauth.support.ProblemLogCapture;
import dev.sessionauth.support.Together;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** /api/v1/groups: administrators manage groups and members; the user JSON names the user's groups. */
@QuarkusTest
class GroupResourceTest {

    private static final String GROUPS = "/api/v1/groups";
    private static final String NAME_PATTERN = "Can't create group: name must match [a-z0-9][a-z0-9_-]{0,63}";

    @Inject
    Database database;

    @Test
    void shouldCreateAGroupAndRefuseItsNameTwice() {
        String name = Api.uniqueGroupName();

        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", name, "description", "Reporting team"))
                .post(GROUPS)
                .then().statusCode(201)
                .body("name", equalTo(name))
                .body("description", equalTo("Reporting team"))
                .body("id", notNullValue())
                .body("created_at", notNullValue());
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", name))
                .post(GROUPS)
                .then().statusCode(409).body("error", equalTo("Can't create group: name already used"));
        Api.asAdmin().get(GROUPS + "/" + name).then().statusCode(200).body("name", equalTo(name))
                .body("description", equalTo("Reporting team"));
    }

    @Test
    void shouldRefuseNamesOutsideThePattern() {
        for (String bad : List.of("Upper", "-leading-dash", "_x", "has space", "dot.ted", "é", "a".repeat(65), "x\u0000")) {
            Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", bad, "description", "d".repeat(501)))
                    .post(GROUPS).then().log().ifValidationFails().statusCode(400).body("error", equalTo(NAME_PATTERN));
        }
        for (String missing : List.of("", "  ")) {
            Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", missing, "description", "d".repeat(501)))
                    .post(GROUPS).then().statusCode(400).body("error", equalTo("name missing"));
        }
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("description", "no name"))
                .post(GROUPS).then().statusCode(400).body("error", equalTo("name missing"));
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", 12))
                .post(GROUPS).then().statusCode(400).body("error", equalTo("Wrong format"));
        String longest = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "") + "_-_-";
        assertEquals(68, longest.length());
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", longest.substring(0, 64)))
                .post(GROUPS).then().statusCode(201);
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", longest.substring(0, 65)))
                .post(GROUPS).then().statusCode(400);
    }

    @Test
    void shouldKeepTheDescriptionWithinItsLimit() {
        String limit = "Can't create group: description must be at most 500 characters, without control characters";
        for (String bad : List.of("d".repeat(501), "line\nbreak", "nul\u0000")) {
            Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", Api.uniqueGroupName(), "description", bad))
                    .post(GROUPS).then().log().ifValidationFails().statusCode(400).body("error", equalTo(limit));
        }
        Api.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", Api.uniqueGroupName(), "description", "  " + "d".repeat(500) + " "))
                .post(GROUPS).then().statusCode(201).body("description", equalTo("d".repeat(500)));
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", Api.uniqueGroupName(), "description", "   "))
                .post(GROUPS).then().statusCode(201).body("description", nullValue());
    }

    @Test
    void shouldRefuseANonAdministratorBeforeLookingAtTheBody() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        user.request().contentType(ContentType.JSON).body(Map.of("name", "Not A Name"))
                .post(GROUPS).then().statusCode(403).body("error", equalTo("Forbidden"));
        user.request().contentType(ContentType.JSON).body(Map.of())
                .post(GROUPS).then().statusCode(403).body("error", equalTo("Forbidden"));
    }

    @Test
    void shouldAnswer404ForPathNamesOutsideThePattern() {
        String userId = Api.createUser(Api.uniqueEmail());
        for (String bad : List.of("Upper", "-x", "dot.ted", "has%20space", "%C3%A9", "a".repeat(65), "x".repeat(2000))) {
            Api.asAdmin().urlEncodingEnabled(false).get(GROUPS + "/" + bad).then().statusCode(404).body("error",
                    equalTo("Not found"));
            Api.asAdmin().urlEncodingEnabled(false).delete(GROUPS + "/" + bad).then().statusCode(404);
            Api.asAdmin().urlEncodingEnabled(false).get(GROUPS + "/" + bad + "/members").then().statusCode(404);
            Api.asAdmin().urlEncodingEnabled(false).put(GROUPS + "/" + bad + "/members/" + userId).then().statusCode(404);
            Api.asAdmin().urlEncodingEnabled(false).delete(GROUPS + "/" + bad + "/members/" + userId).then().statusCode(404);
        }
    }

    @Test
    void shouldLetOnlyAdministratorsManageGroups() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        String name = Api.newGroupWith(user.id());

        user.request().contentType(ContentType.JSON).body(Map.of("name", Api.uniqueGroupName()))
                .post(GROUPS).then().statusCode(403).body("error", equalTo("Forbidden"));
        user.request().get(GROUPS).then().statusCode(403);
        user.request().get(GROUPS + "/" + name).then().statusCode(403);
        user.request().get(GROUPS + "/" + name + "/members").then().statusCode(403);
        user.request().put(GROUPS + "/" + name + "/members/" + user.id()).then().statusCode(403);
        user.request().delete(GROUPS + "/" + name + "/members/" + user.id()).then().statusCode(403);
        user.request().delete(GROUPS + "/" + name).then().statusCode(403);
        given().get(GROUPS).then().statusCode(401);
        assertEquals(1, database.count("SELECT count(*) FROM group_members m JOIN user_groups g ON g.id = m.group_id "
                + "WHERE g.name = ?", name));
    }

    @Test
    void shouldAnswer404ForUnknownGroupsAndUsers() {
        String userId = Api.createUser(Api.uniqueEmail());
        String name = Api.createGroup(Api.uniqueGroupName());

        Api.asAdmin().get(GROUPS + "/no-such-group").then().statusCode(404).body("error", equalTo("Not found"));
        Api.asAdmin().get(GROUPS + "/Not%20A%20Name").then().statusCode(404);
        Api.asAdmin().delete(GROUPS + "/no-such-group").then().statusCode(404);
        Api.asAdmin().get(GROUPS + "/no-such-group/members").then().statusCode(404);
        Api.asAdmin().put(GROUPS + "/no-such-group/members/" + userId).then().statusCode(404);
        Api.asAdmin().put(GROUPS + "/" + name + "/members/" + UUID.randomUUID()).then().statusCode(404);
        Api.asAdmin().put(GROUPS + "/" + name + "/members/not-a-uuid").then().statusCode(404);
        Api.asAdmin().delete(GROUPS + "/" + name + "/members/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void shouldAddAndRemoveMembersIdempotentlyAndShowGroupsInTheUserJson() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        String second = Api.createGroup("zz-" + UUID.randomUUID());
        String first = Api.createGroup("aa-" + UUID.randomUUID());

        Api.asAdmin().put(GROUPS + "/" + second + "/members/" + user.id()).then().statusCode(200)
                .body("id", equalTo(user.id())).body("groups", contains(second));
        Api.asAdmin().put(GROUPS + "/" + first + "/members/" + user.id()).then().statusCode(200);
        Api.asAdmin().put(GROUPS + "/" + first + "/members/" + user.id()).then().statusCode(200)
                .body("groups", contains(first, second));
        user.request().get("/api/v1/users/me").then().statusCode(200).body("groups", contains(first, second));
        Api.asAdmin().get("/api/v1/users/" + user.id()).then().body("groups", contains(first, second));
        Api.asAdmin().get(GROUPS + "/" + first + "/members").then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo(user.id())).body("[0].email", equalTo(user.email()))
                .body("[0].added_at", notNullValue());

        Api.asAdmin().delete(GROUPS + "/" + first + "/members/" + user.id()).then().statusCode(200).body("size()", equalTo(0));
        Api.asAdmin().delete(GROUPS + "/" + first + "/members/" + user.id()).then().statusCode(200);
        user.request().get("/api/v1/users/me").then().body("groups", contains(second));
        Api.asAdmin().get(GROUPS + "/" + first + "/members").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void shouldLeaveExactlyOneRowWhenTheSameMemberIsAddedInParallel() {
        String userId = Api.createUser(Api.uniqueEmail());
        String name = Api.createGroup(Api.uniqueGroupName());
        List<Supplier<Integer>> puts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            puts.add(() -> Api.asAdmin().put(GROUPS + "/" + name + "/members/" + userId).statusCode());
        }

        @SuppressWarnings("unchecked")
        List<Integer> statuses = Together.run(puts.toArray(Supplier[]::new));

        assertThat(statuses, everyItem(equalTo(200)));
        assertEquals(1, database.count("SELECT count(*) FROM group_members WHERE user_id = ?", UUID.fromString(userId)));
    }

    @Test
    void shouldRemoveMembershipsWithTheGroupOrTheUser() {
        String kept = Api.createUser(Api.uniqueEmail());
        String deleted = Api.createUser(Api.uniqueEmail());
        String name = Api.newGroupWith(kept, deleted);
        String other = Api.newGroupWith(kept);

        Api.asAdmin().delete("/api/v1/users/" + deleted).then().statusCode(200);
        assertEquals(0, database.count("SELECT count(*) FROM group_members WHERE user_id = ?", UUID.fromString(deleted)));
        Api.asAdmin().get(GROUPS + "/" + name + "/members").then().body("id", contains(kept));

        Api.asAdmin().delete(GROUPS + "/" + name).then().statusCode(200).body("size()", equalTo(0));
        Api.asAdmin().get(GROUPS + "/" + name).then().statusCode(404);
        assertEquals(1, database.count("SELECT count(*) FROM group_members WHERE user_id = ?", UUID.fromString(kept)));
        Api.asAdmin().get("/api/v1/users/" + kept).then().body("groups", contains(other));
    }

    @Test
    void shouldPageGroupsAndMembersWithACursor() {
        String prefix = "p-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> userIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            userIds.add(Api.createUser(Api.uniqueEmail()));
        }
        String name = Api.newGroupWith(userIds.toArray(String[]::new));
        Api.createGroup(prefix + "-1");

        List<String> seen = new ArrayList<>();
        Response page = Api.asAdmin().queryParam("limit", 2).get(GROUPS + "/" + name + "/members");
        seen.addAll(page.then().statusCode(200).body("", hasSize(2)).extract().path("id"));
        String cursor = page.header("X-Next-Cursor");
        Api.asAdmin().queryParam("limit", 2).queryParam("cursor", cursor).get(GROUPS + "/" + name + "/members")
                .then().statusCode(200).header("X-Next-Cursor", nullValue())
                .body("", hasSize(1)).extract().<List<String>> path("id").forEach(seen::add);
        assertEquals(userIds.stream().sorted().toList(), seen);

        Response groups = Api.asAdmin().queryParam("limit", 1).get(GROUPS);
        groups.then().statusCode(200).body("", hasSize(1));
        Api.asAdmin().queryParam("cursor", groups.header("X-Next-Cursor")).get(GROUPS).then().statusCode(200)
                .body("name", hasItem(prefix + "-1"));
        Api.asAdmin().queryParam("limit", 0).get(GROUPS).then().statusCode(400);
        Api.asAdmin().queryParam("cursor", "%%%").get(GROUPS).then().statusCode(400);
        Api.asAdmin().queryParam("cursor", "bm90IGEgdXVpZA").get(GROUPS + "/" + name + "/members").then().statusCode(400);
    }

    @Test
    void shouldRefuseHostilePageSizesAndCursorsOfBothListsWithoutAProblem() {
        String name = Api.createGroup(Api.uniqueGroupName());
        List<String> lists = List.of(GROUPS, GROUPS + "/" + name + "/members");
        // Non-ASCII digits (Arabic-Indic three, full-width five) are not whole numbers here either.
        List<String> limits = List.of("0", "101", "-1", "abc", "1.5", "99999999999999999999", " 5", "0x10",
                "\u0663", "\uFF15", "1e2");

        try (ProblemLogCapture problems = ProblemLogCapture.start()) {
            for (String list : lists) {
                for (String limit : limits) {
                    Api.asAdmin().queryParam("limit", limit).get(list).then().statusCode(400)
                            .contentType(ContentType.JSON)
                            .body("error", equalTo("Can't list: limit must be a whole number from 1 to 100"));
                }
                for (String cursor : List.of("%%%", "x".repeat(300), "\u00e9t\u00e9")) {
                    Api.asAdmin().queryParam("cursor", cursor).get(list).then().statusCode(400)
                            .contentType(ContentType.JSON).body("error", equalTo("Can't list: invalid cursor"));
                }
                Api.asAdmin().queryParam("limit", "").queryParam("cursor", "").get(list).then().statusCode(200);
            }
            assertThat(problems.problems(), hasSize(0));
        }
    }

    @Test
    void shouldRecordEveryChangeAsAnAuditEvent() {
        String userId = Api.createUser(Api.uniqueEmail());
        LogCapture audit = LogCapture.audit();
        String name = Api.newGroupWith(userId);
        Api.removeMember(name, userId);
        Api.asAdmin().delete(GROUPS + "/" + name).then().statusCode(200);
        audit.close();

        List<String> lines = audit.lines();
        assertThat(lines, hasItem(stringContainsInOrder("event=group_created", "group=" + name)));
        assertThat(lines, hasItem(stringContainsInOrder("event=group_member_added", "group=" + name, "user_id=" + userId)));
        assertThat(lines, hasItem(stringContainsInOrder("event=group_member_removed", "group=" + name, "user_id=" + userId)));
        assertThat(lines, hasItem(stringContainsInOrder("event=group_deleted", "group=" + name)));
    }
}
