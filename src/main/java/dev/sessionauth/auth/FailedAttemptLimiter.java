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

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.sessionauth.config.SessionAuthConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;

/**
 * Limits sign-in attempts per account and per client address in PostgreSQL, so the limit holds across instances.
 * Each attempt is counted before its password is checked, so guesses sent in parallel cannot overtake the limit;
 * a success takes its attempt back and clears the account. Reaching the limit locks the subject for a fixed time,
 * during which attempts are refused without being checked: an attacker can hold an account locked, but never
 * lock it for longer, and sessions already open keep working.
 */
@ApplicationScoped
public class FailedAttemptLimiter {

    /** An attempt the limits let through, with its place in each count. */
    public record Attempt(String accountSubject, String addressSubject, int accountAttempts, int addressAttempts) {
    }

    /**
     * Counts one attempt unless the subject is locked, and locks it when the count reaches the limit. The count
     * starts again when its window has passed or its lock has ended, so a lock never outlasts its duration.
     */
    private static final String COUNT_ATTEMPT = """
            INSERT INTO auth_failures AS f (subject, failures, window_started_at, locked_until)
            VALUES (:subject, 1, :now, CASE WHEN :maxAttempts <= 1 THEN CAST(:lockedUntil AS timestamptz) END)
            ON CONFLICT (subject) DO UPDATE SET
                failures = CASE WHEN f.window_started_at <= :windowStart OR f.locked_until <= :now
                    THEN 1 ELSE f.failures + 1 END,
                window_started_at = CASE WHEN f.window_started_at <= :windowStart OR f.locked_until <= :now
                    THEN :now ELSE f.window_started_at END,
                locked_until = CASE
                    WHEN (CASE WHEN f.window_started_at <= :windowStart OR f.locked_until <= :now
                        THEN 1 ELSE f.failures + 1 END) >= :maxAttempts
                    THEN CAST(:lockedUntil AS timestamptz) END
            WHERE f.locked_until IS NULL OR f.locked_until <= :now
            RETURNING failures""";

    private static final String FIND_LOCK = "SELECT locked_until FROM auth_failures WHERE subject = :subject";

    /** A success takes its own attempt back from the address; it does not vouch for the address's other attempts. */
    private static final String TAKE_BACK_ATTEMPT = """
            UPDATE auth_failures SET failures = failures - 1,
                locked_until = CASE WHEN failures - 1 >= :maxAttempts THEN locked_until END
            WHERE subject = :subject AND failures > 0""";

    private static final String DELETE_EXPIRED = """
            DELETE FROM auth_failures
            WHERE window_started_at <= :windowStart AND (locked_until IS NULL OR locked_until <= :now)""";

    private final EntityManager entityManager;
    private final SessionAuthConfig.BruteForce config;

    public FailedAttemptLimiter(EntityManager entityManager, SessionAuthConfig config) {
        this.entityManager = entityManager;
        this.config = config.bruteForce();
    }

    /**
     * Counts an attempt for the account and the address before the password is checked.
     *
     * @throws TooManyAttemptsException while either is locked, or when this attempt goes over a limit
     */
    public Attempt begin(String email, String clientAddress, Instant now) {
        String account = accountSubject(email);
        String address = addressSubject(clientAddress);
        // Counted in its own transaction, committed before the slow check, so parallel attempts see each other.
        // A refusal rolls the transaction back: an attempt refused for one subject is not counted for the other.
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Integer accountAttempts = count(account, config.accountMaxFailures(), now);
                if (accountAttempts == null) {
                    throw new TooManyAttemptsException(Duration.between(now, lockedUntil(account, now)));
                }
                Integer addressAttempts = count(address, config.addressMaxFailures(), now);
                if (addressAttempts == null) {
                    throw new TooManyAttemptsException(Duration.between(now, lockedUntil(address, now)));
                }
                return new Attempt(account, address, accountAttempts, addressAttempts);
            });
        } catch (QuarkusTransactionException wrapped) {
            if (wrapped.getCause() instanceof TooManyAttemptsException refused) {
                throw refused;
            }
            throw wrapped;
        }
    }

    /** The attempt proved the password: the account starts afresh and the address gets its attempt back. */
    public void succeeded(Attempt attempt) {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("DELETE FROM auth_failures WHERE subject = :subject")
                    .setParameter("subject", attempt.accountSubject())
                    .executeUpdate();
            entityManager.createNativeQuery(TAKE_BACK_ATTEMPT)
                    .setParameter("subject", attempt.addressSubject())
                    .setParameter("maxAttempts", config.addressMaxFailures())
                    .executeUpdate();
        });
    }

    /** Whether this failed attempt is the one that locked the account. */
    public boolean lockedAccount(Attempt attempt) {
        return attempt.accountAttempts() == config.accountMaxFailures();
    }

    /** Whether this failed attempt is the one that locked the address. */
    public boolean lockedAddress(Attempt attempt) {
        return attempt.addressAttempts() == config.addressMaxFailures();
    }

    public Duration lockout() {
        return config.lockout();
    }

    /** Deletes counters whose window and lock have both passed; returns how many. */
    public int purgeExpired(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(DELETE_EXPIRED)
                .setParameter("windowStart", now.minus(config.window()))
                .setParameter("now", now)
                .executeUpdate());
    }

    /** The subject's count including this attempt, or null when it is locked and nothing was counted. */
    private Integer count(String subject, int maxAttempts, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> counted = entityManager.createNativeQuery(COUNT_ATTEMPT)
                .setParameter("subject", subject)
                .setParameter("now", now)
                .setParameter("windowStart", now.minus(config.window()))
                .setParameter("maxAttempts", maxAttempts)
                .setParameter("lockedUntil", now.plus(config.lockout()))
                .getResultList();
        return counted.isEmpty() ? null : ((Number) counted.get(0)).intValue();
    }

    private Instant lockedUntil(String subject, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> lock = entityManager.createNativeQuery(FIND_LOCK).setParameter("subject", subject).getResultList();
        return lock.isEmpty() || lock.get(0) == null ? now.plus(config.lockout()) : toInstant(lock.get(0));
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
