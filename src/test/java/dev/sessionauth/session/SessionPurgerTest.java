package dev.sessionauth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SessionPurgerTest {

    private static final String EXPIRED_AT = """
            SELECT count(*) FROM user_sessions
            WHERE expires_at <= ? OR last_seen_at <= ?""";

    @Inject
    SessionPurger purger;

    @Inject
    Database database;

    @Test
    void shouldDeleteSessionsPastEitherExpiryAndKeepActiveOnes() {
        Instant now = Instant.now().plus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
        UUID userId = UUID.fromString(Api.createUser(Api.uniqueEmail()));
        UUID pastAbsolute = insertSession(userId, now.minusSeconds(10), now.minusSeconds(60));
        UUID idle = insertSession(userId, now.plus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(31)));
        UUID active = insertSession(userId, now.plus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(5)));
        UUID noAbsoluteExpiry = insertSession(userId, null, now.minus(Duration.ofMinutes(5)));

        long deleted = purger.purgeExpired(now);

        assertTrue(deleted >= 2);
        assertEquals(Set.of(active, noAbsoluteExpiry),
                Set.copyOf(database.column("SELECT id FROM user_sessions WHERE user_id = ?", userId)));
        assertEquals(0, database.count("SELECT count(*) FROM user_sessions WHERE id IN (?, ?)", pastAbsolute, idle));
    }

    @Test
    void shouldApplyTheRememberMeIdleTimeoutToRememberedSessions() {
        Instant now = Instant.now().plus(Duration.ofDays(450)).truncatedTo(ChronoUnit.SECONDS);
        UUID userId = UUID.fromString(Api.createUser(Api.uniqueEmail()));
        UUID remembered = insertSession(userId, now.plus(Duration.ofDays(20)), now.minus(Duration.ofDays(2)));
        UUID rememberedIdle = insertSession(userId, now.plus(Duration.ofDays(20)), now.minus(Duration.ofDays(8)));
        database.update("UPDATE user_sessions SET remember = true WHERE id IN (?, ?)", remembered, rememberedIdle);

        purger.purgeExpired(now);

        assertEquals(List.of(remembered), database.column("SELECT id FROM user_sessions WHERE user_id = ?", userId));
    }

    @Test
    void shouldDeleteExpiredPasswordResetSecretsAndKeepTheOthers() {
        Instant now = Instant.now().plus(Duration.ofDays(460)).truncatedTo(ChronoUnit.SECONDS);
        UUID userId = UUID.fromString(Api.createUser(Api.uniqueEmail()));
        UUID expired = UUID.randomUUID();
        UUID live = UUID.randomUUID();
        for (UUID id : List.of(expired, live)) {
            database.update("""
                    INSERT INTO password_reset_secrets (id, user_id, secret_hash, created_at, expires_at)
                    VALUES (?, ?, sha256(?::bytea), ?, ?)""", id, userId, id.toString(),
                    Timestamp.from(now.minus(Duration.ofHours(1))),
                    Timestamp.from(id == expired ? now.minusSeconds(1) : now.plusSeconds(60)));
        }

        purger.purgeExpired(now);

        assertEquals(List.of(live), database.column("SELECT id FROM password_reset_secrets WHERE user_id = ?", userId));
    }

    @Test
    void shouldDeleteExpiredApiTokensAndKeepTheOthers() {
        Instant now = Instant.now().plus(Duration.ofDays(500)).truncatedTo(ChronoUnit.SECONDS);
        UUID userId = UUID.fromString(Api.createUser(Api.uniqueEmail()));
        UUID expired = insertApiToken(userId, now.minusSeconds(1));
        UUID unexpired = insertApiToken(userId, now.plusSeconds(60));

        purger.purgeExpired(now);

        assertEquals(List.of(unexpired), database.column("SELECT id FROM api_tokens WHERE user_id = ?", userId));
        assertEquals(0, database.count("SELECT count(*) FROM api_tokens WHERE id = ?", expired));
    }

    @Test
    void shouldPurgeMoreThanOneBatch() {
        Instant now = Instant.now().plus(Duration.ofDays(800)).truncatedTo(ChronoUnit.SECONDS);
        UUID userId = UUID.fromString(Api.createUser(Api.uniqueEmail()));
        insertExpiredSessions(userId, 2500, now);

        long deleted = purger.purgeExpired(now);

        assertTrue(deleted >= 2500, "deleted " + deleted);
        assertEquals(0, database.count("SELECT count(*) FROM user_sessions WHERE user_id = ?", userId));
    }

    @Test
    void shouldSplitTheWorkWhenTwoPurgesRace() throws Exception {
        Instant now = Instant.now().plus(Duration.ofDays(1200)).truncatedTo(ChronoUnit.SECONDS);
        UUID userId = UUID.fromString(Api.createUser(Api.uniqueEmail()));
        insertExpiredSessions(userId, 5000, now);
        long expired = database.count(EXPIRED_AT, Timestamp.from(now), Timestamp.from(now.minus(Duration.ofMinutes(30))));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Long> purge = () -> purger.purgeExpired(now);
            List<Future<Long>> results = pool.invokeAll(List.of(purge, purge));

            assertEquals(expired, results.get(0).get() + results.get(1).get(), "every expired row deleted exactly once");
        } finally {
            pool.shutdown();
        }
        assertEquals(0, database.count(EXPIRED_AT, Timestamp.from(now), Timestamp.from(now.minus(Duration.ofMinutes(30)))));
    }

    private UUID insertSession(UUID userId, Instant expiresAt, Instant lastSeenAt) {
        UUID id = UUID.randomUUID();
        database.update("""
                INSERT INTO user_sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at)
                VALUES (?, sha256(?::bytea), ?, ?, ?, ?)""",
                id, id.toString(), userId, Timestamp.from(lastSeenAt), Timestamp.from(lastSeenAt),
                expiresAt == null ? null : Timestamp.from(expiresAt));
        return id;
    }

    private void insertExpiredSessions(UUID userId, int count, Instant now) {
        database.update("""
                INSERT INTO user_sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at)
                SELECT gen_random_uuid(), sha256(convert_to(gen_random_uuid()::text, 'UTF8')), ?, ?, ?, ?
                FROM generate_series(1, ?)""",
                userId, Timestamp.from(now.minus(Duration.ofHours(13))), Timestamp.from(now.minus(Duration.ofHours(2))),
                Timestamp.from(now.minusSeconds(1)), count);
    }

    private UUID insertApiToken(UUID userId, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        database.update("INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, expires_at) "
                + "VALUES (?, ?, ?, sha256(?::bytea), ?, ?)", id, userId, "token " + id, id.toString(),
                Timestamp.from(expiresAt.minus(Duration.ofDays(1))), Timestamp.from(expiresAt));
        return id;
    }
}
