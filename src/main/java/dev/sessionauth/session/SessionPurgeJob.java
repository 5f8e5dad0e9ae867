package dev.sessionauth.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

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
     * single instance that fired a little early would miss every other run.
     */
    static Duration spacing(String interval) {
        Duration every = parse(interval);
        return every.minus(every.dividedBy(10));
    }

    /**
     * The interval in the scheduler's own syntax: ISO-8601, or a number and unit such as 30s, 5m or 1d. "off" (the
     * schedule is disabled) still gives a run started by hand a spacing: the default five minutes.
     */
    private static Duration parse(String interval) {
        String value = interval.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("off") || lower.equals("disabled")) {
            return Duration.ofMinutes(5);
        }
        if (Character.isDigit(value.charAt(0))) {
            return Duration.parse(lower.endsWith("d") ? "P" + value : "PT" + value);
        }
        return Duration.parse(value);
    }
}
