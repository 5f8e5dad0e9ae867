package dev.sessionauth.session;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import dev.sessionauth.support.ProblemLogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class SessionListPagingTest {

    private static final String SESSIONS = "/api/v1/auth_session/sessions";
    private static final String NEXT_CURSOR = "X-Next-Cursor";

    @Inject
    Database database;

    @Test
    void shouldWalkEverySessionExactlyOnceNewestFirstWithTheCursor() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        Instant base = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MICROS);
        // Several sessions share a creation time, so the order must fall back on the id to stay stable.
        for (int i = 0; i < 10; i++) {
            database.insertSession(UUID.fromString(user.id()), base.plusSeconds(i / 3));
        }
        List<String> expected = database.column(
                "SELECT id::text FROM user_sessions WHERE user_id = ? ORDER BY created_at DESC, id", UUID.fromString(user.id()))
                .stream().map(String.class::cast).toList();
        assertEquals(11, expected.size());

        List<String> walked = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = user.request().queryParam("limit", 3);
            Response page = (cursor == null ? request : request.queryParam("cursor", cursor)).get(SESSIONS);
            page.then().statusCode(200).contentType(ContentType.JSON);
            List<String> ids = page.jsonPath().getList("id");
            walked.addAll(ids);
            pageSizes.add(ids.size());
            cursor = page.header(NEXT_CURSOR);
        } while (cursor != null && walked.size() <= expected.size());

        assertEquals(expected, walked);
        assertThat(pageSizes, contains(3, 3, 3, 2));
        assertEquals(walked.size(), new HashSet<>(walked).size(), "no session twice");
    }

    @Test
    void shouldAnswerAtMostOneHundredSessionsByDefault() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        Instant base = Instant.now().minus(Duration.ofMinutes(5));
        for (int i = 0; i < 120; i++) {
            database.insertSession(UUID.fromString(user.id()), base.plusMillis(i));
        }

        Response first = user.request().get(SESSIONS);
        first.then().statusCode(200).body("$", hasSize(100)).header(NEXT_CURSOR, notNullValue())
                // The current session is the newest.
                .body("[0].current", equalTo(true));
        user.request().queryParam("limit", 100).queryParam("cursor", first.header(NEXT_CURSOR)).get(SESSIONS).then()
                .statusCode(200).body("$", hasSize(21)).header(NEXT_CURSOR, nullValue());
        user.request().queryParam("limit", 121).get(SESSIONS).then().statusCode(400);
    }

    @Test
    void shouldSendNoCursorWhenEverythingFitsOnePage() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        user.request().queryParam("limit", 1).get(SESSIONS).then().statusCode(200).body("$", hasSize(1))
                .header(NEXT_CURSOR, nullValue());
    }

    @Test
    void shouldRefuseALimitOutsideOneToOneHundredOrNotANumber() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        try (ProblemLogCapture problems = ProblemLogCapture.start()) {
            for (String limit : List.of("0", "101", "-1", "abc", "1.5", "99999999999999999999", " 5", "0x10", "\u0663",
                    "\uFF15", "1e2")) {
                user.request().queryParam("limit", limit).get(SESSIONS).then()
                        .statusCode(400).contentType(ContentType.JSON)
                        .body("error", equalTo("Can't list sessions: limit must be a whole number from 1 to 100"));
            }
            assertThat(problems.problems(), hasSize(0));
        }
    }

    @Test
    void shouldTreatAnEmptyLimitOrCursorAsAbsent() {
        Api.LoggedInUser user = Api.newLoggedInUser();

        user.request().queryParam("limit", "").queryParam("cursor", "").get(SESSIONS).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].current", equalTo(true)).header(NEXT_CURSOR, nullValue());
    }

    @Test
    void shouldRefuseACursorItDidNotIssueWithoutA500() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        List<String> cursors = List.of("not a cursor", "%%%", "x".repeat(300),
                base64.encodeToString("garbage".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString(("2026-01-01T00:00:00Z/" + "not-a-uuid").getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString(("+999999999-12-31T23:59:59Z/" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString(("-999999999-01-01T00:00:00Z/" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString(new byte[] { (byte) 0xff, (byte) 0xfe, 0, 1 }));

        try (ProblemLogCapture problems = ProblemLogCapture.start()) {
            for (String cursor : cursors) {
                user.request().queryParam("cursor", cursor).get(SESSIONS).then()
                        .statusCode(400).contentType(ContentType.JSON)
                        .body("error", equalTo("Can't list sessions: invalid cursor"));
            }
            assertThat(problems.problems(), hasSize(0));
        }
    }

    @Test
    void shouldShowAnotherUsersCursorNothingButTheCallersOwnSessions() {
        Api.LoggedInUser owner = Api.newLoggedInUser();
        Api.LoggedInUser other = Api.newLoggedInUser();
        database.insertSession(UUID.fromString(owner.id()), Instant.now().minus(Duration.ofMinutes(1)));
        String cursor = owner.request().queryParam("limit", 1).get(SESSIONS).then().statusCode(200)
                .extract().header(NEXT_CURSOR);
        assertTrue(cursor != null && cursor.matches("[A-Za-z0-9_-]+"), "an opaque URL-safe cursor: " + cursor);
        List<Object> ownersSessions = database.column("SELECT id::text FROM user_sessions WHERE user_id = ?",
                UUID.fromString(owner.id()));

        List<String> shown = other.request().queryParam("cursor", cursor).get(SESSIONS).then().statusCode(200)
                .extract().jsonPath().getList("id");

        assertTrue(shown.stream().noneMatch(ownersSessions::contains), "the owner's sessions stay hidden: " + shown);
    }
}
