package dev.sessionauth.gate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** verify?group=...&role=...: the decision a reverse proxy asks for, made from membership as it is now. */
@QuarkusTest
class GroupPolicyVerificationTest {

    private static final String VERIFY = "/api/v1/auth_session/verify";

    @Test
    void shouldAdmitAMemberWithTheirGroupsInAHeaderAndRefuseANonMember() {
        Api.LoggedInUser member = Api.newLoggedInUser();
        Api.LoggedInUser outsider = Api.newLoggedInUser();
        String a = Api.createGroup("a-" + java.util.UUID.randomUUID());
        String b = Api.createGroup("b-" + java.util.UUID.randomUUID());
        Api.addMember(b, member.id());
        Api.addMember(a, member.id());

        member.request().queryParam("group", a).get(VERIFY)
                .then().statusCode(200).header("X-User-Groups", a + "," + b).body("groups", contains(a, b));
        outsider.request().queryParam("group", a).get(VERIFY)
                .then().statusCode(403).body("error", equalTo("Forbidden"));
        outsider.request().get(VERIFY).then().statusCode(200).header("X-User-Groups", "");
        given().queryParam("group", a).get(VERIFY).then().statusCode(401);
        given().cookie(Api.COOKIE, "not-a-session").queryParam("group", a).get(VERIFY).then().statusCode(401);
    }

    @Test
    void shouldAdmitAMemberOfAnyOfRepeatedGroups() {
        Api.LoggedInUser member = Api.newLoggedInUser();
        String mine = Api.newGroupWith(member.id());
        String other = Api.createGroup(Api.uniqueGroupName());

        member.request().queryParam("group", other).queryParam("group", mine).get(VERIFY).then().statusCode(200);
        member.request().queryParam("group", other).get(VERIFY).then().statusCode(403);
    }

    @Test
    void shouldRefuseEverybodyForAnUnknownOrMalformedGroupName() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        Api.newGroupWith(user.id());

        for (String name : List.of("no-such-group", "NOT VALID", "", "%00", "a".repeat(500))) {
            user.request().queryParam("group", name).get(VERIFY).then().statusCode(403);
            Api.asAdmin().queryParam("group", name).get(VERIFY).then().statusCode(403);
        }
    }

    @Test
    void shouldRequireTheAdminRoleWhenAsked() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        Api.asAdmin().queryParam("role", "admin").get(VERIFY).then().statusCode(200).header("X-User-Roles", "admin");
        user.request().queryParam("role", "admin").get(VERIFY).then().statusCode(403);
        user.request().queryParam("role", "user").get(VERIFY).then().statusCode(200);
        user.request().queryParam("role", "superuser").get(VERIFY).then().statusCode(403);
        given().queryParam("role", "admin").get(VERIFY).then().statusCode(401);
    }

    @Test
    void shouldRefuseTheNextRequestOnceRemovedWhateverTheCredential() {
        Api.LoggedInUser member = Api.newLoggedInUser();
        String group = Api.newGroupWith(member.id());
        RequestSpecification basic = given().auth().preemptive().basic(member.email(), Api.PASSWORD);
        String token = member.request().contentType(ContentType.JSON).body(Map.of("name", "proxy"))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");

        // The second Basic request is answered from the verified-credentials cache.
        basic.queryParam("group", group).get(VERIFY).then().statusCode(200);
        basic.queryParam("group", group).get(VERIFY).then().statusCode(200);
        member.request().queryParam("group", group).get(VERIFY).then().statusCode(200);
        bearer(token).queryParam("group", group).get(VERIFY).then().statusCode(200);
        Api.removeMember(group, member.id());

        basic.queryParam("group", group).get(VERIFY).then().statusCode(403);
        member.request().queryParam("group", group).get(VERIFY).then().statusCode(403);
        bearer(token).queryParam("group", group).get(VERIFY).then().statusCode(403);
        Api.addMember(group, member.id());
        basic.queryParam("group", group).get(VERIFY).then().statusCode(200);
    }

    @Test
    void shouldRefuseTheNextRequestOnceTheGroupIsDeleted() {
        Api.LoggedInUser member = Api.newLoggedInUser();
        String group = Api.newGroupWith(member.id());
        member.request().queryParam("group", group).get(VERIFY).then().statusCode(200);

        Api.asAdmin().delete("/api/v1/groups/" + group).then().statusCode(200);

        member.request().queryParam("group", group).get(VERIFY).then().statusCode(403);
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
