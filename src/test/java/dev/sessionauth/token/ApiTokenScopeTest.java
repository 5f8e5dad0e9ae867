package dev.sessionauth.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** API tokens limited to some of their owner's groups, and to reading. */
@QuarkusTest
class ApiTokenScopeTest {

    private static final String TOKENS = "/api/v1/tokens";
    private static final String VERIFY = "/api/v1/auth_session/verify";

    @Test
    void shouldCarryOnlyItsGroupsEvenWhenItsOwnerIsInOthers() {
        Api.LoggedInUser owner = Api.newLoggedInUser();
        String a = Api.createGroup("a-" + java.util.UUID.randomUUID());
        String b = Api.createGroup("b-" + java.util.UUID.randomUUID());
        Api.addMember(a, owner.id());
        Api.addMember(b, owner.id());
        String token = create(owner, Map.of("name", "report reader", "groups", List.of(a)))
                .then().statusCode(201).body("groups", contains(a)).body("read_only", equalTo(false))
                .extract().path("token");

        bearer(token).queryParam("group", a).get(VERIFY).then().statusCode(200).header("X-User-Groups", a);
        bearer(token).queryParam("group", b).get(VERIFY).then().statusCode(403);
        owner.request().queryParam("group", b).get(VERIFY).then().statusCode(200);
        bearer(token).get("/api/v1/users/me").then().statusCode(200).body("groups", contains(a));
    }

    @Test
    void shouldNarrowAtOnceWhenItsOwnerLeavesAGroupAndNotWidenWhenTheyJoinAnother() {
        Api.LoggedInUser owner = Api.newLoggedInUser();
        String a = Api.newGroupWith(owner.id());
        String token = create(owner, Map.of("name", "limited", "groups", List.of(a))).then().statusCode(201)
                .extract().path("token");
        String unlimited = create(owner, Map.of("name", "all groups")).then().statusCode(201)
                .body("groups", nullValue()).extract().path("token");
        String later = Api.newGroupWith(owner.id());

        bearer(token).queryParam("group", later).get(VERIFY).then().statusCode(403);
        bearer(unlimited).queryParam("group", later).get(VERIFY).then().statusCode(200);
        Api.removeMember(a, owner.id());
        bearer(token).queryParam("group", a).get(VERIFY).then().statusCode(403);
        Api.addMember(a, owner.id());
        bearer(token).queryParam("group", a).get(VERIFY).then().statusCode(200);
        Api.asAdmin().delete("/api/v1/groups/" + a).then().statusCode(200);
        Api.createGroup(a);
        Api.addMember(a, owner.id());
        // The group of the same name is another group: the token named the deleted one.
        bearer(token).queryParam("group", a).get(VERIFY).then().statusCode(403);
    }

    @Test
    void shouldRefuseGroupsTheOwnerIsNotInAndBadNames() {
        Api.LoggedInUser owner = Api.newLoggedInUser();
        String mine = Api.newGroupWith(owner.id());
        String notMine = Api.createGroup(Api.uniqueGroupName());

        create(owner, Map.of("name", "x", "groups", List.of(notMine))).then().statusCode(400)
                .body("error", equalTo("Can't create token: not a member of group " + notMine));
        create(owner, Map.of("name", "x", "groups", List.of("no-such-group"))).then().statusCode(400)
                .body("error", equalTo("Can't create token: not a member of group no-such-group"));
        create(owner, Map.of("name", "x", "groups", List.of("Bad Name"))).then().statusCode(400);
        create(owner, Map.of("name", "x", "groups", mine)).then().statusCode(400).body("error", equalTo("Wrong format"));
        create(owner, Map.of("name", "x", "groups", List.of(1))).then().statusCode(400);
        Map<String, Object> withNull = new HashMap<>(Map.of("name", "x"));
        withNull.put("groups", Arrays.asList(mine, null));
        create(owner, withNull).then().statusCode(400);
        create(owner, Map.of("name", "x", "read_only", "yes")).then().statusCode(400);
        owner.request().get(TOKENS).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void shouldLetAReadOnlyTokenOnlyReadDirectlyAndThroughVerify() {
        Api.LoggedInUser owner = Api.newLoggedInUser();
        String token = create(owner, Map.of("name", "read only", "read_only", true)).then().statusCode(201)
                .body("read_only", equalTo(true)).extract().path("token");
        String id = owner.request().get(TOKENS).then().statusCode(200)
                .body("[0].read_only", equalTo(true)).body("[0].groups", nullValue()).extract().path("[0].id");

        bearer(token).get("/api/v1/users/me").then().statusCode(200);
        bearer(token).head("/api/v1/users/me").then().statusCode(200);
        bearer(token).contentType(ContentType.JSON).body(Map.of("first_name", "X"))
                .put("/api/v1/users/me").then().statusCode(403).body("error", equalTo("Forbidden"));
        bearer(token).delete(TOKENS + "/" + id).then().statusCode(403);
        bearer(token).header("X-Original-Method", "GET").get(VERIFY).then().statusCode(200);
        bearer(token).header("X-Original-Method", "head").get(VERIFY).then().statusCode(200);
        bearer(token).header("X-Original-Method", "POST").get(VERIFY).then().statusCode(403);
        bearer(token).get(VERIFY).then().statusCode(403);
        owner.request().get(TOKENS).then().body("size()", equalTo(1));
    }

    @Test
    void shouldLetAFullTokenWrite() {
        Api.LoggedInUser owner = Api.newLoggedInUser();
        String token = create(owner, Map.of("name", "full")).then().statusCode(201).extract().path("token");

        bearer(token).header("X-Original-Method", "POST").get(VERIFY).then().statusCode(200);
        bearer(token).contentType(ContentType.JSON).body(Map.of("first_name", "X"))
                .put("/api/v1/users/me").then().statusCode(200);
    }

    private static io.restassured.response.Response create(Api.LoggedInUser owner, Map<String, ?> body) {
        return owner.request().contentType(ContentType.JSON).body(body).post(TOKENS);
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
