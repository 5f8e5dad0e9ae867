package dev.sessionauth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SessionLookupTest {

    @Inject
    SessionLookup sessionLookup;

    @Inject
    Database database;

    @Test
    void shouldNeverMoveTheIdleClockBackwards() {
        UUID sessionId = sessionOfNewUser();
        Instant later = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        assertEquals(1, sessionLookup.touch(sessionId, later));

        assertEquals(0, sessionLookup.touch(sessionId, later.minusSeconds(60)), "a late, older touch changes nothing");
        assertEquals(Timestamp.from(later), database.single("SELECT last_seen_at FROM user_sessions WHERE id = ?", sessionId));
    }

    @Test
    void shouldNotBringBackARevokedSessionWhenTouching() {
        UUID sessionId = sessionOfNewUser();
        database.update("DELETE FROM user_sessions WHERE id = ?", sessionId);

        assertEquals(0, sessionLookup.touch(sessionId, Instant.now().plusSeconds(120)));
        assertEquals(0, database.count("SELECT count(*) FROM user_sessions WHERE id = ?", sessionId));
    }

    private UUID sessionOfNewUser() {
        Api.LoggedInUser user = Api.newLoggedInUser();
        return (UUID) database.single("SELECT id FROM user_sessions WHERE user_id = ?", UUID.fromString(user.id()));
    }
}
