package dev.sessionauth.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.stringContainsInOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
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
import dev.sessionauth.support.TestClock;
import dev.sessionauth.support.Together;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(SessionLimitTest.SmallSessionLimit.class)
class SessionLimitTest {

    private static final int LIMIT = 3;
    private static final String ME = "/api/v1/users/me";
    private static final String SESSIONS_OF_USER = "SELECT count(*) FROM user_sessions WHERE user_id = ?";

    /** A limit small enough to reach with a few logins, under the environment name a deployment would use. */
    public static class SmallSessionLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("MAX_SESSIONS_PER_USER", String.valueOf(LIMIT));
        }
    }

    @Inject
    Database database;

    @Inject
    TestClock clock;

    @Test
    void shouldEndTheLeastRecentlyUsedSessionOnTheLoginBeyondTheLimit() {
        String email = Api.uniqueEmail();
        String userId = Api.createUser(email);
        String oldestButInUse = Api.login(email, Api.PASSWORD);
        clock.advance(Duration.ofMinutes(2));
        String leastRecentlyUsed = Api.login(email, Api.PASSWORD);
        clock.advance(Duration.ofMinutes(2));
        String newest = Api.login(email, Api.PASSWORD);
        clock.advance(Duration.ofMinutes(2));
        // Used after the touch interval: its idle clock moves past the second session's.
        given().cookie(Api.COOKIE, oldestButInUse).get(ME).then().statusCode(200);
        String evictedId = sessionIdOf(newest, 1);

        String beyond;
        try (LogCapture audit = LogCapture.audit()) {
            beyond = Api.login(email, Api.PASSWORD);
            assertThat(audit.lines(), hasItem(stringContainsInOrder("event=session_evicted", "user_id=" + userId,
                    "session_id=" + evictedId, "client_ip=127.0.0.1")));
            assertThat(audit.lines(), not(hasItem(containsString(leastRecentlyUsed))));
            assertEquals(1, audit.lines().stream().filter(line -> line.contains("event=session_evicted")).count());
        }

        given().cookie(Api.COOKIE, leastRecentlyUsed).get(ME).then().statusCode(403);
        for (String alive : List.of(oldestButInUse, newest, beyond)) {
            given().cookie(Api.COOKIE, alive).get(ME).then().statusCode(200);
        }
        assertEquals(LIMIT, database.count(SESSIONS_OF_USER, UUID.fromString(userId)));
        assertEquals(0, database.count("SELECT count(*) FROM user_sessions WHERE id = ?", UUID.fromString(evictedId)));
    }

    @Test
    void shouldLetAnExpiredSessionGoBeforeALiveOne() {
        String email = Api.uniqueEmail();
        String userId = Api.createUser(email);
        String first = Api.login(email, Api.PASSWORD);
        clock.advance(Duration.ofMinutes(2));
        String second = Api.login(email, Api.PASSWORD);
        clock.advance(Duration.ofMinutes(2));
        String expired = Api.login(email, Api.PASSWORD);
        // The most recently used, yet past its absolute expiry: it holds no place worth keeping.
        database.update("UPDATE user_sessions SET expires_at = now() - interval '1 second' WHERE id = ?",
                UUID.fromString(sessionIdOf(expired, 0)));

        try (LogCapture audit = LogCapture.audit()) {
            String beyond = Api.login(email, Api.PASSWORD);
            assertThat(audit.lines(), not(hasItem(containsString("event=session_evicted"))));
            for (String alive : List.of(first, second, beyond)) {
                given().cookie(Api.COOKIE, alive).get(ME).then().statusCode(200);
            }
        }
        assertEquals(LIMIT, database.count(SESSIONS_OF_USER, UUID.fromString(userId)));
    }

    @Test
    void shouldKeepExactlyTheLimitWhenOneUserLogsInManyTimesAtOnce() {
        String email = Api.uniqueEmail();
        String userId = Api.createUser(email);
        Api.LoggedInUser bystander = Api.newLoggedInUser();
        // Fewer than the account's lockout limit (10): attempts in flight count towards it.
        int logins = 8;
        List<Supplier<String>> calls = new ArrayList<>();
        for (int i = 0; i < logins; i++) {
            calls.add(() -> Api.login(email, Api.PASSWORD));
        }

        List<String> tokens;
        try (LogCapture audit = LogCapture.audit()) {
            @SuppressWarnings("unchecked")
            Supplier<String>[] racing = calls.toArray(Supplier[]::new);
            tokens = Together.run(racing);
            assertEquals(logins - LIMIT,
                    audit.lines().stream().filter(line -> line.contains("event=session_evicted")).count());
        }

        assertEquals(LIMIT, database.count(SESSIONS_OF_USER, UUID.fromString(userId)));
        long working = tokens.stream()
                .filter(token -> given().cookie(Api.COOKIE, token).get(ME).then().extract().statusCode() == 200)
                .count();
        assertEquals(LIMIT, working);
        bystander.request().get(ME).then().statusCode(200);
    }

    @Test
    void shouldListAtMostTheLimit() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < LIMIT + 2; i++) {
            tokens.add(Api.login(email, Api.PASSWORD));
        }
        String current = tokens.get(tokens.size() - 1);

        List<Boolean> listed = given().cookie(Api.COOKIE, current).get("/api/v1/auth_session/sessions").then()
                .statusCode(200).body("$", hasSize(LIMIT)).extract().jsonPath().getList("current");
        assertThat(listed, containsInAnyOrder(true, false, false));
    }

    /** The id of the session at this position of the list (newest first), as the owner of {@code token} sees it. */
    private static String sessionIdOf(String token, int position) {
        return given().cookie(Api.COOKIE, token).get("/api/v1/auth_session/sessions").then().statusCode(200)
                .extract().jsonPath().getString("[" + position + "].id");
    }
}
