package dev.sessionauth.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.sessionauth.config.SessionAuthConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Counts failed sign-ins per account and per client address in PostgreSQL, so the limit holds across instances,
 * and refuses further attempts while either is locked. A lock lasts a fixed time and attempts made during it are
 * not verified or counted, so an attacker can hold an account locked but never lock it for longer.
 */
@ApplicationScoped
public class FailedAttemptLimiter {

    private static final String FIND_COUNTERS = "SELECT subject, locked_until FROM auth_failures WHERE subject IN (:account, :address)";

    private static final String RECORD_FAILURE = """
            INSERT INTO auth_failures AS f (subject, failures, window_started_at, locked_until)
            VALUES (:subject, 1, :now, CASE WHEN :maxFailures <= 1 THEN CAST(:lockedUntil AS timestamptz) END)
            ON CONFLICT (subject) DO UPDATE SET
                failures = CASE WHEN f.window_started_at <= :windowStart THEN 1 ELSE f.failures + 1 END,
                window_started_at = CASE WHEN f.window_started_at <= :windowStart THEN :now ELSE f.window_started_at END,
                locked_until = CASE
                    WHEN (CASE WHEN f.window_started_at <= :windowStart THEN 1 ELSE f.failures + 1 END) >= :maxFailures
                    THEN CAST(:lockedUntil AS timestamptz) ELSE f.locked_until END
            RETURNING failures""";

    private static final String DELETE_EXPIRED = """
            DELETE FROM auth_failures
            WHERE window_started_at <= :windowStart AND (locked_until IS NULL OR locked_until <= :now)""";

    private final EntityManager entityManager;
    private final SessionAuthConfig.BruteForce config;
    private final SecurityEvents securityEvents;

    public FailedAttemptLimiter(EntityManager entityManager, SessionAuthConfig config, SecurityEvents securityEvents) {
        this.entityManager = entityManager;
        this.config = config.bruteForce();
        this.securityEvents = securityEvents;
    }

    /**
     * Throws {@link TooManyAttemptsException} while the account or the address is locked.
     *
     * @return whether the account has failures on record, which a successful sign-in then clears
     */
    public boolean checkNotLocked(String email, String clientAddress, Instant now) {
        String account = accountSubject(email);
        @SuppressWarnings("unchecked")
        List<Object[]> counters = entityManager.createNativeQuery(FIND_COUNTERS)
                .setParameter("account", account)
                .setParameter("address", addressSubject(clientAddress))
                .getResultList();
        Instant lockedUntil = null;
        for (Object[] counter : counters) {
            Instant until = counter[1] == null ? null : toInstant(counter[1]);
            if (until != null && until.isAfter(now) && (lockedUntil == null || until.isAfter(lockedUntil))) {
                lockedUntil = until;
            }
        }
        if (lockedUntil != null) {
            throw new TooManyAttemptsException(Duration.between(now, lockedUntil));
        }
        return counters.stream().anyMatch(counter -> account.equals(counter[0]));
    }

    /** Counts one failure against the account and the address, in its own transaction so it survives the 4xx. */
    public void recordFailure(String email, UUID userId, String clientAddress, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (count(accountSubject(email), config.accountMaxFailures(), now) == config.accountMaxFailures()) {
                securityEvents.lockedOut("account", userId, clientAddress, config.lockout().toSeconds());
            }
            if (count(addressSubject(clientAddress), config.addressMaxFailures(), now) == config.addressMaxFailures()) {
                securityEvents.lockedOut("address", userId, clientAddress, config.lockout().toSeconds());
            }
        });
    }

    /** A successful sign-in clears the account's failures (not the address's: one good password does not vouch for it). */
    public void recordSuccess(String email) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("DELETE FROM auth_failures WHERE subject = :subject")
                .setParameter("subject", accountSubject(email))
                .executeUpdate());
    }

    /** Deletes counters whose window and lock have both passed; returns how many. */
    public int purgeExpired(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(DELETE_EXPIRED)
                .setParameter("windowStart", now.minus(config.window()))
                .setParameter("now", now)
                .executeUpdate());
    }

    private int count(String subject, int maxFailures, Instant now) {
        Object failures = entityManager.createNativeQuery(RECORD_FAILURE)
                .setParameter("subject", subject)
                .setParameter("now", now)
                .setParameter("windowStart", now.minus(config.window()))
                .setParameter("maxFailures", maxFailures)
                .setParameter("lockedUntil", now.plus(config.lockout()))
                .getSingleResult();
        return ((Number) failures).intValue();
    }

    /** Accounts are keyed by a hash of the lower-cased email: fixed size, and the table holds no addresses of people. */
    private static String accountSubject(String email) {
        return "account:" + sha256Hex(email.trim().toLowerCase(Locale.ROOT));
    }

    private static String addressSubject(String clientAddress) {
        return "address:" + (clientAddress == null ? "unknown" : clientAddress);
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", impossible);
        }
    }

    private static Instant toInstant(Object timestamp) {
        if (timestamp instanceof Instant instant) {
            return instant;
        }
        if (timestamp instanceof OffsetDateTime offsetDateTime) {
            return offsetDateTime.toInstant();
        }
        return ((Timestamp) timestamp).toInstant();
    }
}
