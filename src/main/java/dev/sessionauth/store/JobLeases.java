package dev.sessionauth.store;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

/**
 * Lets a scheduled job run at most once per interval across every instance sharing the database: each instance
 * fires on its own schedule and only the one whose claim moves the job's {@code next_run_at} forward runs it.
 */
@ApplicationScoped
public class JobLeases {

    private static final Logger LOG = Logger.getLogger(JobLeases.class);

    private static final String CREATE_IF_MISSING = """
            INSERT INTO job_leases (name, next_run_at) VALUES (:name, :now)
            ON CONFLICT (name) DO NOTHING
            """;

    /**
     * PostgreSQL locks the row for the first UPDATE; a concurrent one re-checks its WHERE against the committed row
     * and so no longer matches: of several instances claiming the same run, exactly one gets a row back.
     */
    private static final String CLAIM = """
            UPDATE job_leases SET next_run_at = :nextRunAt, last_run_by = :instance, last_run_at = :now
            WHERE name = :name AND next_run_at <= :now
            RETURNING name
            """;

    private final EntityManager entityManager;
    private final InstanceId instanceId;

    public JobLeases(EntityManager entityManager, InstanceId instanceId) {
        this.entityManager = entityManager;
        this.instanceId = instanceId;
    }

    /**
     * Claims the run of {@code job} due at {@code time}; true when this instance won it and must run the job, false
     * when another run (here or elsewhere) started less than {@code spacing} ago.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claim(String job, Instant time, Duration spacing) {
        // What PostgreSQL stores, so the log line names the very instant in the row.
        Instant now = time.truncatedTo(ChronoUnit.MICROS);
        Timestamp at = Timestamp.from(now);
        entityManager.createNativeQuery(CREATE_IF_MISSING)
                .setParameter("name", job)
                .setParameter("now", at)
                .executeUpdate();
        boolean claimed = !entityManager.createNativeQuery(CLAIM)
                .setParameter("nextRunAt", Timestamp.from(now.plus(spacing)))
                .setParameter("instance", instanceId.value())
                .setParameter("now", at)
                .setParameter("name", job)
                .getResultList()
                .isEmpty();
        if (claimed) {
            LOG.infof("event=job_lease_claimed job=%s instance=%s claimed_at=%s next_run_at=%s", job, instanceId.value(),
                    now, now.plus(spacing));
        } else {
            LOG.debugf("event=job_lease_skipped job=%s instance=%s at=%s", job, instanceId.value(), now);
        }
        return claimed;
    }
}
