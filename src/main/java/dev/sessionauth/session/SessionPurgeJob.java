package dev.sessionauth.session;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/** Runs the purge of expired sessions on the configured interval (session-auth.purge.interval). */
@ApplicationScoped
public class SessionPurgeJob {

    private final SessionPurger purger;
    private final Clock clock;

    public SessionPurgeJob(SessionPurger purger, Clock clock) {
        this.purger = purger;
        this.clock = clock;
    }

    @Scheduled(identity = "session-purge", every = "${session-auth.purge.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        purger.purgeExpired(clock.instant());
    }
}
