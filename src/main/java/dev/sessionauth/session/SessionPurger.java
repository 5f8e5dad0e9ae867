package dev.sessionauth.session;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import dev.sessionauth.config.SessionAuthConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Deletes expired sessions in bounded batches, one short transaction each. Batches pick their rows with
 * {@code FOR UPDATE SKIP LOCKED}, so purges running at once on several instances split the work instead of
 * waiting on each other, and nothing holds a lock on the table for long.
 */
@ApplicationScoped
public class SessionPurger {

    private static final Logger LOG = Logger.getLogger(SessionPurger.class);

    private static final String DELETE_EXPIRED_BATCH = """
            DELETE FROM user_sessions WHERE id IN (
                SELECT id FROM user_sessions
                WHERE expires_at <= :now OR last_seen_at <= :idleCutoff
                LIMIT :batchSize
                FOR UPDATE SKIP LOCKED)
            """;

    private final EntityManager entityManager;
    private final Duration idleTimeout;
    private final int batchSize;

    public SessionPurger(EntityManager entityManager, SessionAuthConfig config) {
        this.entityManager = entityManager;
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
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        LOG.infof("Session purge deleted %d expired sessions in %d ms", deleted, millis);
        return deleted;
    }
}
