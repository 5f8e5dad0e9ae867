package dev.sessionauth.user;

import static dev.sessionauth.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import dev.sessionauth.support.EmailSpellings;
import dev.sessionauth.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class UserResourceTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    private static final String TIMESTAMP_PATTERN = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}";

    @Inject
    Database database;

    @Inject
    TestClock clock;

    @Test
    void shouldCreateUserWithRandomIdAndNoSecretsInTheAnswer() {
        String email = Api.uniqueEmail();

        String id = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Api.PASSWORD, "first_name", "Bob"))
                .post("/api/v1/users")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("id", matchesPattern(UUID_PATTERN))
                .body("email", equalTo(email))
                .body("first_name", equalTo("Bob"))
                .body("$", hasKey("last_name"))
                .body("last_name", nullValue())
                .body("role", equalTo("user"))
                .body("created_at", matchesPattern(TIMESTAMP_PATTERN))
                .body("updated_at", matchesPattern(TIMESTAMP_PATTERN))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("password_hash")))
                .extract().path("id");

        String storedHash = (String) database.single("SELECT password_hash FROM users WHERE id = ?", UUID.fromString(id));
        assertTrue(storedHash.startsWith("$2"), "password stored as a bcrypt hash");
        assertTrue(!storedHash.contains(Api.PASSWORD));
    }

    @Test
    void shouldReportMissingEmailThenMissingPassword() {
        createExpecting(Map.of("password", Api.PASSWORD), "email missing");
        createExpecting(Map.of("email", "", "password", Api.PASSWORD), "email missing");
        createExpecting(Map.of("email", Api.uniqueEmail()), "password missing");
        createExpecting(Map.of("email", Api.uniqueEmail(), "password", ""), "password missing");
    }

    @Test
    void shouldAnswerWrongFormatForBodiesThatAreNotAUserObject() {
        for (String body : new String[] { "{not json", "[]", "\"text\"", "null", "{\"email\": 123, \"password\": \"x\"}",
                "{\"email\": \"a@b.co\", \"password\": [\"x\"]}" }) {
            asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/users")
                    .then().statusCode(400).body("error", equalTo("Wrong format"));
        }
        asAdmin().post("/api/v1/users").then().statusCode(400).body("error", equalTo("Wrong format"));
        asAdmin().formParam("email", Api.uniqueEmail()).formParam("password", Api.PASSWORD).post("/api/v1/users")
                .then().statusCode(400).body("error", equalTo("Wrong format"));
    }

    @Test
    void shouldRefuseASecondAccountForTheSameEmailInAnyCase() {
        String email = Api.uniqueEmail();
        Api.createUser(email);

        createExpecting(Map.of("email", email.toUpperCase(Locale.ROOT), "password", Api.PASSWORD),
                "Can't create User: email already registered");
        assertEquals(1, database.count("SELECT count(*) FROM users WHERE email = ?", email));
    }

    @Test
    void shouldRefuseASecondAccountForAnySpellingOfTheSameEmail() {
        EmailSpellings spellings = EmailSpellings.fresh();
        Api.createUser(spellings.canonical());
        long users = database.count("SELECT count(*) FROM users");

        for (String variant : spellings.variants()) {
            createExpecting(Map.of("email", variant, "password", Api.PASSWORD),
                    "Can't create User: email already registered");
        }
        assertEquals(users, database.count("SELECT count(*) FROM users"));
    }

    @Test
    void shouldStoreAndAnswerTheCanonicalFormOfAnEmail() {
        EmailSpellings spellings = EmailSpellings.fresh();
        for (String variant : spellings.variants()) {
            String id = asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("email", variant, "password", Api.PASSWORD))
                    .post("/api/v1/users")
                    .then().statusCode(201).body("email", equalTo(spellings.canonical()))
                    .extract().path("id");

            assertEquals(spellings.canonical(), database.single("SELECT email FROM users WHERE id = ?", UUID.fromString(id)));
            asAdmin().get("/api/v1/users/" + id).then().statusCode(200).body("email", equalTo(spellings.canonical()));
            asAdmin().delete("/api/v1/users/" + id).then().statusCode(200);
        }
    }

    @Test
    void shouldTreatADottedCapitalIAsAnotherAddress() {
        EmailSpellings spellings = EmailSpellings.fresh();
        Api.createUser(spellings.canonical());

        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("email", spellings.dottedCapitalI(), "password", Api.PASSWORD))
                .post("/api/v1/users")
                .then().statusCode(201).body("email", equalTo(spellings.dottedCapitalICanonical()));
        createExpecting(Map.of("email", spellings.dottedCapitalI().toUpperCase(Locale.ROOT), "password", Api.PASSWORD),
                "Can't create User: email already registered");
    }

    @Test
    void shouldRefuseInvalidEmailsAndPasswords() {
        createExpecting(Map.of("email", "not-an-email", "password", Api.PASSWORD),
                "Can't create User: email is not a valid address");
        createExpecting(Map.of("email", Api.uniqueEmail(), "password", "short"),
                "Can't create User: password must have at least 8 characters");
        createExpecting(Map.of("email", Api.uniqueEmail(), "password", "x".repeat(73)),
                "Can't create User: password must have at most 72 bytes");
        createExpecting(Map.of("email", Api.uniqueEmail(), "password", Api.PASSWORD, "first_name", "a\u0000b"),
                "Can't create User: first_name contains a NUL character");
    }

    @Test
    void shouldStoreInjectionAndMarkupVerbatim() {
        String email = "o'brien;drop-table-users;--" + UUID.randomUUID() + "@test.local";
        String name = "<script>alert('x')</script>";

        String id = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Api.PASSWORD, "first_name", name))
                .post("/api/v1/users")
                .then().statusCode(201).body("email", equalTo(email)).body("first_name", equalTo(name))
                .extract().path("id");

        asAdmin().get("/api/v1/users/" + id).then().statusCode(200).body("first_name", equalTo(name));
    }

    @Test
    void shouldListUsersForAdminsOnly() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        asAdmin().get("/api/v1/users").then().statusCode(200).body("id", hasItem(user.id()))
                .body("[0]", not(hasKey("password_hash")));
        user.request().get("/api/v1/users").then().statusCode(403).body("error", equalTo("Forbidden"));
    }

    @Test
    void shouldGetUsersByIdOr404() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        asAdmin().get("/api/v1/users/" + user.id()).then().statusCode(200).body("email", equalTo(user.email()));
        asAdmin().get("/api/v1/users/" + UUID.randomUUID()).then().statusCode(404).body("error", equalTo("Not found"));
        asAdmin().get("/api/v1/users/not-a-uuid").then().statusCode(404).body("error", equalTo("Not found"));
        asAdmin().get("/api/v1/users/1-1-1-1-1").then().statusCode(404).body("error", equalTo("Not found"));
    }

    @Test
    void shouldReturnTheAuthenticatedUserAsMe() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        user.request().get("/api/v1/users/me").then().statusCode(200)
                .body("id", equalTo(user.id())).body("email", equalTo(user.email()));
        given().auth().preemptive().basic(user.email(), Api.PASSWORD).get("/api/v1/users/me/")
                .then().statusCode(200).body("id", equalTo(user.id()));
    }

    @Test
    void shouldUpdateOnlyTheNames() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        clock.advance(Duration.ofSeconds(5));
        Map<String, Object> body = new HashMap<>();
        body.put("first_name", "Ada");
        body.put("last_name", "Lovelace");
        body.put("email", "changed@test.local");
        body.put("password", "a new password");
        // A plain user's "role" other than their own is 403: AccountRecoveryTest.
        body.put("role", "user");

        String createdAt = asAdmin().get("/api/v1/users/" + user.id()).then().extract().path("created_at");
        user.request().contentType(ContentType.JSON).body(body).put("/api/v1/users/" + user.id())
                .then().statusCode(200)
                .body("first_name", equalTo("Ada"))
                .body("last_name", equalTo("Lovelace"))
                .body("email", equalTo(user.email()))
                .body("role", equalTo("user"))
                .body("updated_at", not(equalTo(createdAt)));

        Api.login(user.email(), Api.PASSWORD);
    }

    @Test
    void shouldKeepANameThatIsAbsentOrNull() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        user.request().contentType(ContentType.JSON).body(Map.of("first_name", "Ada")).put("/api/v1/users/me");

        user.request().contentType(ContentType.JSON).body("{\"first_name\": null, \"last_name\": \"L\"}")
                .put("/api/v1/users/me")
                .then().statusCode(200).body("first_name", equalTo("Ada")).body("last_name", equalTo("L"));
    }

    @Test
    void shouldAnswerWrongFormatOr404OnUpdate() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        user.request().contentType(ContentType.JSON).body("{oops").put("/api/v1/users/" + user.id())
                .then().statusCode(400).body("error", equalTo("Wrong format"));
        user.request().contentType(ContentType.JSON).body("{\"first_name\": 7}").put("/api/v1/users/" + user.id())
                .then().statusCode(400).body("error", equalTo("Wrong format"));
        user.request().put("/api/v1/users/" + user.id()).then().statusCode(400).body("error", equalTo("Wrong format"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("first_name", "x")).put("/api/v1/users/" + UUID.randomUUID())
                .then().statusCode(404).body("error", equalTo("Not found"));
    }

    @Test
    void shouldDeleteAUserTogetherWithTheirSessions() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        asAdmin().delete("/api/v1/users/" + user.id()).then().statusCode(200).body("size()", equalTo(0));

        asAdmin().get("/api/v1/users/" + user.id()).then().statusCode(404);
        user.request().get("/api/v1/users/me").then().statusCode(403);
        assertEquals(0, database.count("SELECT count(*) FROM user_sessions WHERE user_id = ?", UUID.fromString(user.id())));
        asAdmin().delete("/api/v1/users/" + user.id()).then().statusCode(404).body("error", equalTo("Not found"));
    }

    @Test
    void shouldLetAPlainUserManageOnlyTheirOwnRecord() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        Api.LoggedInUser other = Api.newLoggedInUser();

        user.request().get("/api/v1/users/" + user.id()).then().statusCode(200);
        user.request().get("/api/v1/users/" + other.id()).then().statusCode(403).body("error", equalTo("Forbidden"));
        user.request().get("/api/v1/users/" + UUID.randomUUID()).then().statusCode(403);
        user.request().get("/api/v1/users/not-a-uuid").then().statusCode(403);
        user.request().contentType(ContentType.JSON).body(Map.of("first_name", "x"))
                .put("/api/v1/users/" + other.id()).then().statusCode(403);
        user.request().delete("/api/v1/users/" + other.id()).then().statusCode(403);
        user.request().contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail(), "password", Api.PASSWORD))
                .post("/api/v1/users").then().statusCode(403).body("error", equalTo("Forbidden"));

        asAdmin().get("/api/v1/users/" + other.id()).then().statusCode(200).body("first_name", nullValue());
        user.request().delete("/api/v1/users/me").then().statusCode(200);
        asAdmin().get("/api/v1/users/" + user.id()).then().statusCode(404);
    }

    private static void createExpecting(Map<String, String> body, String error) {
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/users")
                .then().statusCode(400).body("error", equalTo(error));
    }
}
