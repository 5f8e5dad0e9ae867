package dev.sessionauth.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.stringContainsInOrder;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import dev.sessionauth.support.LogCapture;
import dev.sessionauth.support.TestClock;
import dev.sessionauth.support.Together;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class ApiTokenTest {

    private static final String TOKENS = "/api/v1/tokens";
    private static final String ME = "/api/v1/users/me";

    @Inject
    Database database;

    @Inject
    TestClock clock;

    @Test
    void shouldShowTheSecretOnceAndStoreOnlyItsHash() throws Exception {
        Api.LoggedInUser user = Api.newLoggedInUser();

        ValidatableResponse created = create(user.request(), Map.of("name", "ci deploy"))
                .statusCode(201)
                .body("name", equalTo("ci deploy"))
                .body("token", matchesPattern("sat_[A-Za-z0-9_-]{43}"));
        String token = created.extract().path("token");
        UUID id = UUID.fromString(created.extract().path("id"));

        byte[] storedHash = (byte[]) database.single("SELECT token_hash FROM api_tokens WHERE id = ?", id);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)), storedHash);
        assertEquals(0,
                database.count("SELECT count(*) FROM api_tokens t WHERE t::text LIKE ?", "%" + token.substring(4) + "%"));
        user.request().get(TOKENS).then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].id", equalTo(id.toString()))
                .body("[0].name", equalTo("ci deploy"))
                .body("[0]", not(hasKey("token")));
    }

    @Test
    void shouldAuthenticateBearerRequestsAsTheOwnerAndRecordTheUse() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        String token = createToken(user.request(), "reports");

        bearer(token).get(ME).then().statusCode(200).body("id", equalTo(user.id()));
        bearer(token).get("/api/v1/auth_session/verify").then().statusCode(200).header("X-User-Id", user.id());
        assertNotNull(database.single("SELECT last_used_at FROM api_tokens WHERE user_id = ?", UUID.fromString(user.id())));
        user.request().get(TOKENS).then().body("[0].last_used_at", notNullValue());
    }

    @Test
    void shouldExpireAfterItsLifetime() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        ValidatableResponse created = create(user.request(), Map.of("name", "short", "expires_in_days", 1)).statusCode(201);
        String token = created.extract().path("token");
        String createdAt = created.extract().path("created_at");
        String expiresAt = created.extract().path("expires_at");
        assertEquals(Duration.ofDays(1), Duration.between(LocalDateTime.parse(createdAt), LocalDateTime.parse(expiresAt)));

        clock.advance(Duration.ofHours(23));
        bearer(token).get(ME).then().statusCode(200);
        clock.advance(Duration.ofHours(1));
        bearer(token).get(ME).then().statusCode(403).body("error", equalTo("Forbidden"));
        // The day also ended the session it was created with.
        given().cookie(Api.COOKIE, Api.login(user.email(), Api.PASSWORD)).get(TOKENS).then().statusCode(200)
                .body("", hasSize(0));
    }

    @Test
    void shouldDefaultToThirtyDays() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        String token = createToken(user.request(), "default lifetime");

        clock.advance(Duration.ofDays(30).minusMinutes(1));
        bearer(token).get(ME).then().statusCode(200);
        clock.advance(Duration.ofMinutes(1));
        bearer(token).get(ME).then().statusCode(403);
    }

    @Test
    void shouldRefuseARevokedTokenAtOnce() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        ValidatableResponse created = create(user.request(), Map.of("name", "laptop")).statusCode(201);
        String token = created.extract().path("token");
        String id = created.extract().path("id");
        bearer(token).get(ME).then().statusCode(200);

        try (LogCapture audit = LogCapture.audit()) {
            user.request().delete(TOKENS + "/" + id).then().statusCode(200).body(equalTo("{}"));
            bearer(token).get(ME).then().statusCode(403);
            assertThat(audit.lines(), hasItem(stringContainsInOrder("event=api_tokens_revoked", "user_id=" + user.id(),
                    "count=1", "scope=one")));
            assertThat(audit.lines(), hasItem(stringContainsInOrder("event=authentication_failed", "method=token")));
            assertThat(audit.lines(), everyItem(not(containsString(token.substring(4)))));
        }
        user.request().delete(TOKENS + "/" + id).then().statusCode(404);
    }

    @Test
    void shouldLetATokenRevokeItselfButNotMintAnother() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        ValidatableResponse created = create(user.request(), Map.of("name", "automation")).statusCode(201);
        String token = created.extract().path("token");

        create(bearer(token), Map.of("name", "successor")).statusCode(403).body("error", equalTo("Forbidden"));
        bearer(token).get(TOKENS).then().statusCode(200).body("", hasSize(1));
        bearer(token).delete(TOKENS + "/" + created.extract().path("id")).then().statusCode(200);
        bearer(token).get(ME).then().statusCode(403);
    }

    @Test
    void shouldAcceptCreationWithBasicCredentials() {
        String token = createToken(Api.asAdmin(), "admin automation " + UUID.randomUUID());

        bearer(token).get(ME).then().statusCode(200).body("email", equalTo(Api.ADMIN_EMAIL));
    }

    @Test
    void shouldRefuseBadNamesAndLifetimesWithoutWritingAnything() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        create(user.request(), Map.of("name", "taken")).statusCode(201);

        create(user.request(), Map.of()).statusCode(400).body("error", equalTo("name missing"));
        create(user.request(), Map.of("name", "  ")).statusCode(400).body("error", equalTo("name missing"));
        create(user.request(), Map.of("name", "taken")).statusCode(400)
                .body("error", equalTo("Can't create token: name already used"));
        create(user.request(), Map.of("name", "x".repeat(101))).statusCode(400)
                .body("error", equalTo("Can't create token: name must be at most 100 characters, without control characters"));
        create(user.request(), Map.of("name", "bell\u0007")).statusCode(400);
        create(user.request(), Map.of("name", "zero", "expires_in_days", 0)).statusCode(400)
                .body("error", equalTo("Can't create token: expires_in_days must be between 1 and 365"));
        create(user.request(), Map.of("name", "too long", "expires_in_days", 366)).statusCode(400);
        create(user.request(), Map.of("name", "text", "expires_in_days", "thirty")).statusCode(400)
                .body("error", equalTo("Wrong format"));
        create(user.request(), Map.of("name", 42)).statusCode(400).body("error", equalTo("Wrong format"));
        user.request().contentType(ContentType.JSON).body("{not json").post(TOKENS).then().statusCode(400)
                .body("error", equalTo("Wrong format"));

        assertEquals(1, database.count("SELECT count(*) FROM api_tokens WHERE user_id = ?", UUID.fromString(user.id())));
    }

    @Test
    void shouldLimitTheTokensOfOneUser() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        for (int i = 0; i < 50; i++) {
            create(user.request(), Map.of("name", "token " + i)).statusCode(201);
        }

        create(user.request(), Map.of("name", "one too many")).statusCode(400)
                .body("error", equalTo("Can't create token: a user may hold at most 50 tokens"));
        assertEquals(50, database.count("SELECT count(*) FROM api_tokens WHERE user_id = ?", UUID.fromString(user.id())));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldNotLetParallelCreationsPassTheLimitOrShareAName() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        for (int i = 0; i < 45; i++) {
            create(user.request(), Map.of("name", "token " + i)).statusCode(201);
        }

        Supplier<Integer>[] creations = IntStream.range(0, 12)
                .mapToObj(i -> (Supplier<Integer>) () -> create(user.request(), Map.of("name", "racer " + (i % 6)))
                        .extract().statusCode())
                .toArray(Supplier[]::new);
        List<Integer> statuses = Together.run(creations);

        assertEquals(5, statuses.stream().filter(status -> status == 201).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(status -> status == 400).count(), statuses.toString());
        assertEquals(50, database.count("SELECT count(*) FROM api_tokens WHERE user_id = ?", UUID.fromString(user.id())));
        assertEquals(50, database.count("SELECT count(DISTINCT name) FROM api_tokens WHERE user_id = ?",
                UUID.fromString(user.id())));
    }

    @Test
    void shouldNotRevokeAnotherUsersToken() {
        Api.LoggedInUser owner = Api.newLoggedInUser();
        ValidatableResponse created = create(owner.request(), Map.of("name", "mine")).statusCode(201);
        Api.LoggedInUser other = Api.newLoggedInUser();

        other.request().delete(TOKENS + "/" + created.extract().path("id")).then().statusCode(404);
        other.request().delete(TOKENS + "/not-a-uuid").then().statusCode(404);
        bearer(created.extract().path("token")).get(ME).then().statusCode(200);
    }

    @Test
    void shouldEndEveryTokenWhenAnAdminRevokesThemOrDisablesTheUser() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        String first = createToken(user.request(), "first");
        String second = createToken(user.request(), "second");

        Api.asAdmin().delete("/api/v1/users/" + user.id() + "/tokens").then().statusCode(200).body("revoked", equalTo(2));
        bearer(first).get(ME).then().statusCode(403);
        bearer(second).get(ME).then().statusCode(403);

        Api.LoggedInUser disabled = Api.newLoggedInUser();
        String token = createToken(disabled.request(), "before disabling");
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("disabled", true))
                .put("/api/v1/users/" + disabled.id()).then().statusCode(200);
        bearer(token).get(ME).then().statusCode(403);
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("disabled", false))
                .put("/api/v1/users/" + disabled.id()).then().statusCode(200);
        bearer(token).get(ME).then().statusCode(403);
        assertEquals(0, database.count("SELECT count(*) FROM api_tokens WHERE user_id = ?", UUID.fromString(disabled.id())));
    }

    @Test
    void shouldRefuseMalformedAndUnknownBearerTokens() {
        given().header("Authorization", "Bearer").get(ME).then().statusCode(403);
        given().header("Authorization", "Bearer ").get(ME).then().statusCode(403);
        given().header("Authorization", "Bearer not-a-token").get(ME).then().statusCode(403);
        given().header("Authorization", "Bearer sat_" + "A".repeat(43)).get(ME).then().statusCode(403)
                .body("error", equalTo("Forbidden"));
        given().header("Authorization", "Bearer sat_" + "é".repeat(43)).get(ME).then().statusCode(403);
    }

    @Test
    void shouldLetTheSessionCookieTakePrecedenceOverABearerToken() {
        Api.LoggedInUser cookieUser = Api.newLoggedInUser();
        Api.LoggedInUser tokenUser = Api.newLoggedInUser();
        String token = createToken(tokenUser.request(), "other");

        cookieUser.request().header("Authorization", "Bearer " + token).get(ME).then().statusCode(200)
                .body("id", equalTo(cookieUser.id()));
    }

    @Test
    void shouldNotApplyTheCrossSiteCheckToBearerRequests() {
        String token = createToken(Api.asAdmin(), "cross-site " + UUID.randomUUID());

        bearer(token).header("Origin", "https://other.example").contentType(ContentType.JSON)
                .body(Map.of("email", Api.uniqueEmail(), "password", Api.PASSWORD))
                .post("/api/v1/users").then().statusCode(201);
    }

    @Test
    void shouldNeverListAnotherUsersTokens() {
        Api.LoggedInUser owner = Api.newLoggedInUser();
        createToken(owner.request(), "private");

        Api.newLoggedInUser().request().get(TOKENS).then().statusCode(200).body("", hasSize(0));
        given().get(TOKENS).then().statusCode(401).body("error", equalTo("Unauthorized"));
        given().cookie(Api.COOKIE, owner.token()).get(TOKENS).then().body("[0].token", nullValue());
    }

    private static ValidatableResponse create(RequestSpecification request, Map<String, ?> body) {
        return request.contentType(ContentType.JSON).body(body).post(TOKENS).then();
    }

    private static String createToken(RequestSpecification request, String name) {
        return create(request, Map.of("name", name)).statusCode(201).extract().path("token");
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
