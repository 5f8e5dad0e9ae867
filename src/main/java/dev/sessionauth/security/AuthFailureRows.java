package dev.sessionauth.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import dev.sessionauth.config.SessionAuthConfig;

/**
 * The statements {@link FailedAttemptLimiter} runs on auth_failures, in plain JDBC: each one round trip, on a
 * connection (and transaction) the limiter holds.
 */
final class AuthFailureRows {

    /**
     * Counts one attempt for the account and the address (in that order) unless a subject is locked, and locks a
     * subject whose count reaches its limit. A count starts again when its window has passed or its lock has
     * ended, so a lock never outlasts its duration. A locked subject is left alone and returns no row. The time
     * of the attempt is the proposed window_started_at (EXCLUDED.window_started_at).
     */
    static final String COUNT_ATTEMPT = """
            INSERT INTO auth_failures AS f (subject, failures, window_started_at, locked_until)
            VALUES (?, 1, ?, CASE WHEN ? <= 1 THEN CAST(? AS timestamptz) END),
                   (?, 1, ?, CASE WHEN ? <= 1 THEN CAST(? AS timestamptz) END)
            ON CONFLICT (subject) DO UPDATE SET
                failures = CASE WHEN f.window_started_at <= ? OR f.locked_until <= EXCLUDED.window_started_at
                    THEN 1 ELSE f.failures + 1 END,
                window_started_at = CASE WHEN f.window_started_at <= ? OR f.locked_until <= EXCLUDED.window_started_at
                    THEN EXCLUDED.window_started_at ELSE f.window_started_at END,
                locked_until = CASE
                    WHEN (CASE WHEN f.window_started_at <= ? OR f.locked_until <= EXCLUDED.window_started_at
                        THEN 1 ELSE f.failures + 1 END) >= (CASE WHEN f.subject = ? THEN ? ELSE ? END)
                    THEN CAST(? AS timestamptz) END
            WHERE f.locked_until IS NULL OR f.locked_until <= EXCLUDED.window_started_at
            RETURNING subject, failures""";

    static final String FIND_LOCK = "SELECT locked_until FROM auth_failures WHERE subject = ?";

    /** The start of the account's success window, if it is still open and has had all its successes. */
    static final String FIND_SUCCESS_LIMIT = """
            SELECT window_started_at FROM auth_failures
            WHERE subject = ? AND failures >= ? AND window_started_at > ?""";

    /**
     * The account starts afresh; the address gets back only this attempt, since a success does not vouch for the
     * address's other attempts; and the success is counted in the account's success window (the failures column
     * holds the successes in such a row), which starts again once it has passed. Three statements sent together:
     * one round trip, run in order (account first) in one implicit transaction.
     */
    static final String CLEAR_ATTEMPT_AND_COUNT_SUCCESS = """
            DELETE FROM auth_failures WHERE subject = ?;
            UPDATE auth_failures SET failures = failures - 1,
                locked_until = CASE WHEN failures - 1 >= ? THEN locked_until END
            WHERE subject = ? AND failures > 0;
            INSERT INTO auth_failures AS f (subject, failures, window_started_at)
            VALUES (?, 1, ?)
            ON CONFLICT (subject) DO UPDATE SET
                failures = CASE WHEN f.window_started_at <= ? THEN 1 ELSE f.failures + 1 END,
                window_started_at = CASE WHEN f.window_started_at <= ? THEN EXCLUDED.window_started_at
                    ELSE f.window_started_at END
            RETURNING failures, window_started_at""";

    static final String DELETE_EXPIRED = """
            DELETE FROM auth_failures
            WHERE window_started_at <= ? AND (locked_until IS NULL OR locked_until <= ?)""";

    /** One attempt's place in the account's and the address's counts; null for a subject that is locked. */
    record Counted(Integer accountAttempts, Integer addressAttempts) {
    }

    private AuthFailureRows() {
    }

    /** Counts the attempt at {@code now} for both subjects, locking one whose count reaches its limit. */
    static Counted countAttempt(Connection connection, String account, String address, Instant now,
            SessionAuthConfig.BruteForce config) throws SQLException {
        Integer accountAttempts = null;
        Integer addressAttempts = null;
        try (PreparedStatement count = connection.prepareStatement(COUNT_ATTEMPT)) {
            Timestamp at = Timestamp.from(now);
            Timestamp windowStart = Timestamp.from(now.minus(config.window()));
            Timestamp lockEnd = Timestamp.from(now.plus(config.lockout()));
            bind(count, account, at, config.accountMaxFailures(), lockEnd,
                    address, at, config.addressMaxFailures(), lockEnd,
                    windowStart, windowStart, windowStart,
                    account, config.accountMaxFailures(), config.addressMaxFailures(), lockEnd);
            try (ResultSet counted = count.executeQuery()) {
                while (counted.next()) {
                    if (account.equals(counted.getString(1))) {
                        accountAttempts = counted.getInt(2);
                    } else {
                        addressAttempts = counted.getInt(2);
                    }
                }
            }
        }
        return new Counted(accountAttempts, addressAttempts);
    }

    /** The start of the subject's success window if it began after {@code windowStart} and is full. */
    static Optional<Instant> fullSuccessWindow(Connection connection, String successes, int maxSuccesses,
            Instant windowStart) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(FIND_SUCCESS_LIMIT)) {
            bind(find, successes, maxSuccesses, Timestamp.from(windowStart));
            try (ResultSet window = find.executeQuery()) {
                return window.next() ? Optional.of(window.getObject(1, OffsetDateTime.class).toInstant()) : Optional.empty();
            }
        }
    }

    /** When the subject's lock ends, if it has one. */
    static Optional<Instant> lockedUntil(Connection connection, String subject) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(FIND_LOCK)) {
            find.setString(1, subject);
            try (ResultSet lock = find.executeQuery()) {
                OffsetDateTime lockedUntil = lock.next() ? lock.getObject(1, OffsetDateTime.class) : null;
                return Optional.ofNullable(lockedUntil).map(OffsetDateTime::toInstant);
            }
        }
    }

    static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }
}
