package dev.sessionauth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sessionauth.store.InstanceId;
import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import dev.sessionauth.support.Together;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The purge runs at most once per interval across instances: each call of the job stands for one instance's
 * scheduler firing at a chosen time. The test profile disables the schedule, so runs started by hand take the default
 * five-minute interval (four and a half minutes between runs).
 */
@QuarkusTest
class SessionPurgeJobTest {

    @Inject
    SessionPurgeJob job;

    @Inject
    InstanceId instanceId;

    @Inject
    Database database;

    @BeforeEach
    void forgetEarlierRuns() {
        database.update("DELETE FROM job_leases WHERE name = ?", SessionPurgeJob.LEASE);
    }

    @Test
    void shouldRunOnceWhenTwoInstancesClaimTheSameRun() {
        Instant now = Instant.now().plus(Duration.ofDays(1600)).truncatedTo(ChronoUnit.SECONDS);
        UUID expired = insertExpiredSession(now);

        List<Boolean> ran = Together.run(() -> job.runIfDue(now), () -> job.runIfDue(now));

        assertEquals(1, ran.stream().filter(Boolean::booleanValue).count(), "runs: " + ran);
        assertEquals(0, database.count("SELECT count(*) FROM user_sessions WHERE id = ?", expired));
        assertLease(now, now.plus(Duration.ofSeconds(270)));
    }

    @Test
    void shouldRunAgainOnlyOnceTheIntervalHasPassed() {
        Instant first = Instant.now().plus(Duration.ofDays(1700)).truncatedTo(ChronoUnit.SECONDS);
        assertTrue(job.runIfDue(first));

        Instant tooSoon = first.plus(Duration.ofMinutes(4));
        UUID expired = insertExpiredSession(tooSoon);
        assertFalse(job.runIfDue(tooSoon));
        assertEquals(1, database.count("SELECT count(*) FROM user_sessions WHERE id = ?", expired),
                "a skipped run deletes nothing");
        assertLease(first, first.plus(Duration.ofSeconds(270)));

        Instant nextInterval = first.plus(Duration.ofMinutes(5));
        assertTrue(job.runIfDue(nextInterval));
        assertFalse(job.runIfDue(nextInterval));
        assertEquals(0, database.count("SELECT count(*) FROM user_sessions WHERE id = ?", expired));
        assertLease(nextInterval, nextInterval.plus(Duration.ofSeconds(270)));
    }

    @Test
    void shouldNameThisInstanceByHostAndProcessWhenNoIdIsConfigured() {
        assertTrue(instanceId.value().endsWith("-" + ProcessHandle.current().pid()), instanceId.value());
    }

    @Test
    void shouldKeepTheSchedulersSyntaxForTheInterval() {
        assertEquals(Duration.ofSeconds(54), SessionPurgeJob.spacing("1m"));
        assertEquals(Duration.ofMillis(900), SessionPurgeJob.spacing("1s"));
        assertEquals(Duration.ofHours(9), SessionPurgeJob.spacing("PT10H"));
        assertEquals(Duration.ofHours(21).plusMinutes(36), SessionPurgeJob.spacing("1d"));
        assertEquals(Duration.ofSeconds(270), SessionPurgeJob.spacing("off"));
    }

    private void assertLease(Instant lastRunAt, Instant nextRunAt) {
        assertEquals(lastRunAt, instant("SELECT last_run_at FROM job_leases WHERE name = ?"));
        assertEquals(nextRunAt, instant("SELECT next_run_at FROM job_leases WHERE name = ?"));
        assertEquals(instanceId.value(), database.single("SELECT last_run_by FROM job_leases WHERE name = ?",
                SessionPurgeJob.LEASE));
    }

    private Instant instant(String sql) {
        Object value = database.single(sql, SessionPurgeJob.LEASE);
        return value instanceof OffsetDateTime offset ? offset.toInstant() : ((Timestamp) value).toInstant();
    }

    /** A session whose absolute expiry has passed at {@code now}. */
    private UUID insertExpiredSession(Instant now) {
        UUID userId = UUID.fromString(Api.createUser(Api.uniqueEmail()));
        UUID id = UUID.randomUUID();
        database.update("""
                INSERT INTO user_sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at)
                VALUES (?, sha256(?::bytea), ?, ?, ?, ?)""",
                id, id.toString(), userId, Timestamp.from(now.minusSeconds(60)), Timestamp.from(now.minusSeconds(60)),
                Timestamp.from(now.minusSeconds(1)));
        return id;
    }
}
