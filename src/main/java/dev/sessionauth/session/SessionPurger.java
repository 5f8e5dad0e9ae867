package dev.sessionauth.session;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.sessionauth.config.SessionAuthConfig;
import dev.sessionauth.security.FailedAttemptLimiter;
import dev.sessionauth.security.SecurityEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Deletes expired sessions in bounded batches, one short transaction each. Batches pick their rows with
 * {@code FOR UPDATE SKIP LOCKED}, so purges running at once on several instances split the work instead of
 * waiting on each other, and nothing holds a lock on the table for long. Expired API tokens (in the same batches)
 * and expired failed-attempt counters go too.
 */
@ApplicationScoped
public class SessionPurger {

    /**
     * One batch per statement and per expiry kind, each walking its own index in order, so a batch costs the same
     * however large the table and however stale its statistics (an OR of both conditions can fall back to a scan).
     */
    private static final String DELETE_PAST_ABSOLUTE_EXPIRY = """
            DELETE FROM user_sessions WHERE id IN (
                SELECT id FROM user_sessions WHERE expires_at <= :cutoff
                ORDER BY expires_at LIMIT :batchSize
                FOR UPDATE SKIP LOCKED)
            """;

    private static final String DELETE_IDLE = """
            DELETE FROM user_sessions WHERE id IN (
                SELECT id FROM user_sessions WHERE last_seen_at <= :cutoff
                ORDER BY last_seen_at LIMIT :batchSize
                FOR UPDATE SKIP LOCKED)
            """;

    private static final String DELETE_EXPIRED_API_TOKENS = """
            DELETE FROM api_tokens WHERE id IN (
                SELECT id FROM api_tokens WHERE expires_at <= :cutoff
                ORDER BY expires_at LIMIT :batchSize
                FOR UPDATE SKIP LOCKED)
            """;

    private final EntityManager entityManager;
    private final FailedAttemptLimiter limiter;
    private final SecurityEvents securityEvents;
    private final Duration idleTimeout;
    private final int batchSize;
    private final Duration batchPause;

    public SessionPurger(EntityManager entityManager, FailedAttemptLimiter limiter, SecurityEvents securityEvents,
            SessionAuthConfig config) {
        this.entityManager = entityManager;
        this.limiter = limiter;
        this.securityEvents = securityEvents;
        this.idleTimeout = config.session().idleTimeout();
        this.batchSize = config.purge().batchSize();
        this.batchPause = config.purge().batchPause();
    }

    /** Deletes every session and API token expired at {@code now}; returns how many sessions this call deleted. */
    public long purgeExpired(Instant now) {
        long started = System.nanoTime();
        long deleted = deleteInBatches(DELETE_PAST_ABSOLUTE_EXPIRY, now);
        if (!idleTimeout.isZero()) {
            deleted += deleteInBatches(DELETE_IDLE, now.minus(idleTimeout));
        }
        long deletedTokens = deleteInBatches(DELETE_EXPIRED_API_TOKENS, now);
        limiter.purgeExpired(now);
        securityEvents.purged(deleted, deletedTokens, Duration.ofNanos(System.nanoTime() - started));
        return deleted;
    }

    private long deleteInBatches(String statement, Instant cutoff) {
        long deleted = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(statement)
                    .setParameter("cutoff", cutoff)
                    .setParameter("batchSize", batchSize)
                    .executeUpdate());
            deleted += batch;
            if (batch == batchSize) {
                pauseBetweenBatches();
            }
        } while (batch == batchSize);
        return deleted;
    }

    /** Leaves the database room for the requests being served while a large backlog is purged. */
    private void pauseBetweenBatches() {
        if (batchPause.isZero()) {
            return;
        }
        try {
            Thread.sleep(batchPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
