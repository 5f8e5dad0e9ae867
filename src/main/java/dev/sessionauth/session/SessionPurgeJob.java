package dev.sessionauth.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.config.ScheduleIntervalConverter;
import dev.sessionauth.config.SessionAuthConfig;
import dev.sessionauth.store.JobLeases;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs the purge of expired sessions on the configured interval (session-auth.purge.interval). Every instance fires
 * on its own schedule; the job lease lets one of them run per interval.
 */
@ApplicationScoped
public class SessionPurgeJob {

    static final String LEASE = "session-purge";

    private final SessionPurger purger;
    private final JobLeases leases;
    private final Clock clock;
    private final Duration spacing;

    public SessionPurgeJob(SessionPurger purger, JobLeases leases, Clock clock, SessionAuthConfig config) {
        this.purger = purger;
        this.leases = leases;
        this.clock = clock;
        this.spacing = spacing(config.purge().interval());
    }

    @Scheduled(identity = "session-purge", every = "${session-auth.purge.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        runIfDue(clock.instant());
    }

    /** Purges if no instance has run the purge within the last interval at {@code now}; true when it ran here. */
    public boolean runIfDue(Instant now) {
        if (!leases.claim(LEASE, now, spacing)) {
            return false;
        }
        purger.purgeExpired(now);
        return true;
    }

    /**
     * The shortest time between two runs: the interval less a tenth. An instance's own next firing comes one
     * interval after its last, give or take the scheduler's few milliseconds of lateness; without the slack a
     * single instance that fired a little early would miss every other run. With the schedule off, a run started by
     * hand still gets a spacing: that of the default five minutes.
     */
    static Duration spacing(Optional<Duration> interval) {
        Duration every = interval.orElse(Duration.ofMinutes(5));
        return every.minus(every.dividedBy(10));
    }

    /** The spacing of an interval written in the scheduler's syntax, read as the configuration reads it. */
    static Duration spacing(String interval) {
        return spacing(Optional.ofNullable(new ScheduleIntervalConverter().convert(interval)));
    }
}
