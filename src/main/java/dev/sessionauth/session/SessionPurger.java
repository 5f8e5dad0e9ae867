package dev.sessionauth.session;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.sessionauth.auth.FailedAttemptLimiter;
import dev.sessionauth.auth.SecurityEvents;
import dev.sessionauth.config.SessionAuthConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Deletes expired sessions in bounded batches, one short transaction each. Batches pick their rows with
 * {@code FOR UPDATE SKIP LOCKED}, so purges running at once on several instances split the work instead of
 * waiting on each other, and nothing holds a lock on the table for long. Expired failed-attempt counters go too.
 */
@ApplicationScoped
public class SessionPurger {

    private static final String DELETE_EXPIRED_BATCH = """
            DELETE FROM user_sessions WHERE id IN (
                SELECT id FROM user_sessions
                WHERE expires_at <= :now OR last_seen_at <= :idleCutoff
                LIMIT :batchSize
                FOR UPDATE SKIP LOCKED)
            """;

    private final EntityManager entityManager;
    private final FailedAttemptLimiter limiter;
    private final SecurityEvents securityEvents;
    private final Duration idleTimeout;
    private final int batchSize;

    public SessionPurger(EntityManager entityManager, FailedAttemptLimiter limiter, SecurityEvents securityEvents,
            SessionAuthConfig config) {
        this.entityManager = entityManager;
        this.limiter = limiter;
        this.securityEvents = securityEvents;
        this.idleTimeout = config.session().idleTimeout();
        this.batchSize = config.purge().batchSize();
    }

    /** Deletes every session expired at {@code now}; returns how many rows this call deleted. */
    public long purgeExpired(Instant now) {
        long started = System.nanoTime();
        // With no idle timeout, only the absolute expiry counts: a cutoff no row can reach.
        Instant idleCutoff = idleTimeout.isZero() ? Instant.EPOCH : now.minus(idleTimeout);
        long deleted = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(DELETE_EXPIRED_BATCH)
                    .setParameter("now", now)
                    .setParameter("idleCutoff", idleCutoff)
                    .setParameter("batchSize", batchSize)
                    .executeUpdate());
            deleted += batch;
        } while (batch == batchSize);
        limiter.purgeExpired(now);
        securityEvents.purged(deleted, Duration.ofNanos(System.nanoTime() - started));
        return deleted;
    }
}
