package dev.sessionauth.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Drives the real API for test set-up: users created by the bootstrap admin, sessions from real logins. */
public final class Api {

    public static final String ADMIN_EMAIL = "admin@test.local";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String COOKIE = "_my_session_id";
    public static final String PASSWORD = "correct horse battery";

    private Api() {
    }

    /** A fresh address, so tests never depend on each other's data. */
    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@test.local";
    }

    public static RequestSpecification asAdmin() {
        return given().auth().preemptive().basic(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** Creates a plain user with {@link #PASSWORD} and returns their id. */
    public static String createUser(String email) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD))
                .post("/api/v1/users")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** Logs in and returns the session token from the cookie. */
    public static String login(String email, String password) {
        return given().formParam("email", email).formParam("password", password)
                .post("/api/v1/auth_session/login")
                .then().statusCode(200)
                .extract().cookie(COOKIE);
    }

    /** A new user, logged in: their id and session token. */
    public static LoggedInUser newLoggedInUser() {
        String email = uniqueEmail();
        String id = createUser(email);
        return new LoggedInUser(id, email, login(email, PASSWORD));
    }

    /** A fresh group name, so tests never depend on each other's groups. */
    public static String uniqueGroupName() {
        return "g-" + UUID.randomUUID();
    }

    /** Creates a group as the admin and returns its name. */
    public static String createGroup(String name) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/groups").then().statusCode(201);
        return name;
    }

    /** A new group with these users as members; returns its name. */
    public static String newGroupWith(String... userIds) {
        String name = createGroup(uniqueGroupName());
        for (String userId : userIds) {
            addMember(name, userId);
        }
        return name;
    }

    public static void addMember(String group, String userId) {
        asAdmin().put("/api/v1/groups/" + group + "/members/" + userId).then().statusCode(200);
    }

    public static void removeMember(String group, String userId) {
        asAdmin().delete("/api/v1/groups/" + group + "/members/" + userId).then().statusCode(200);
    }

    /** A user with a live session. */
    public record LoggedInUser(String id, String email, String token) {

        public RequestSpecification request() {
            return given().cookie(COOKIE, token);
        }
    }
}
