package dev.sessionauth.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.config.SessionAuthConfig;
import dev.sessionauth.store.DatabaseFailures;

/**
 * Limits sign-in attempts per account and per client address in PostgreSQL, so the limit holds across instances.
 * Each attempt is counted before its password is checked, so guesses sent in parallel cannot overtake the limit;
 * a success takes its attempt back and clears the account. Reaching the limit locks the subject for a fixed time,
 * during which attempts are refused without being checked: an attacker can hold an account locked, but never
 * lock it for longer, and sessions already open keep working.
 * <p>
 * Successes are counted too, per account, so that an account signs in only so often per success window: whoever
 * knows a password can make the service hash it only that often.
 * <p>
 * Every login passes through here twice, so each step is one round trip and one commit in plain JDBC, like the
 * session check. Every step touches the account's row before the address's, and both before the account's
 * successes, so two attempts never deadlock. Callers must not hold a transaction: each step commits on its own,
 * before the password is checked.
 */
@ApplicationScoped
public class FailedAttemptLimiter {

    /** An attempt the limits let through, with its place in each count. */
    public record Attempt(String accountSubject, String addressSubject, String successesSubject, int accountAttempts,
            int addressAttempts) {
    }

    /**
     * Counts one attempt for the account and the address (in that order) unless a subject is locked, and locks a
     * subject whose count reaches its limit. A count starts again when its window has passed or its lock has
     * ended, so a lock never outlasts its duration. A locked subject is left alone and returns no row. The time
     * of the attempt is the proposed window_started_at (EXCLUDED.window_started_at).
     */
    private static final String COUNT_ATTEMPT = """
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

    private static final String FIND_LOCK = "SELECT locked_until FROM auth_failures WHERE subject = ?";

    /** The start of the account's success window, if it is still open and has had all its successes. */
    private static final String FIND_SUCCESS_LIMIT = """
            SELECT window_started_at FROM auth_failures
            WHERE subject = ? AND failures >= ? AND window_started_at > ?""";

    /**
     * The account starts afresh; the address gets back only this attempt, since a success does not vouch for the
     * address's other attempts; and the success is counted in the account's success window (the failures column
     * holds the successes in such a row), which starts again once it has passed. Three statements sent together:
     * one round trip, run in order (account first) in one implicit transaction.
     */
    private static final String CLEAR_ATTEMPT_AND_COUNT_SUCCESS = """
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

    private static final String DELETE_EXPIRED = """
            DELETE FROM auth_failures
            WHERE window_started_at <= ? AND (locked_until IS NULL OR locked_until <= ?)""";

    private final DataSource dataSource;
    private final SessionAuthConfig.BruteForce config;
    private final int maxSuccesses;
    private final Duration successWindow;
    private final FullSuccessWindows fullSuccessWindows;

    public FailedAttemptLimiter(DataSource dataSource, SessionAuthConfig config, FullSuccessWindows fullSuccessWindows) {
        this.dataSource = dataSource;
        this.fullSuccessWindows = fullSuccessWindows;
        this.config = config.bruteForce();
        this.maxSuccesses = config.signIn().maxSuccessesPerAccount();
        this.successWindow = config.signIn().successWindow();
    }

    /**
     * Counts an attempt for the account and the address before the password is checked.
     *
     * @throws TooManyAttemptsException while either is locked, when this attempt goes over a limit, or while the
     *         account has had all the successes its window allows
     */
    public Attempt begin(String email, String clientAddress, Instant now) {
        String account = SignInSubjects.account(email);
        String address = SignInSubjects.address(clientAddress);
        String successes = SignInSubjects.successes(email);
        Optional<Instant> knownFullUntil = fullSuccessWindows.fullUntil(successes, now);
        if (knownFullUntil.isPresent()) {
            throw new TooManyAttemptsException(TooManyAttemptsException.Reason.RATE,
                    Duration.between(now, knownFullUntil.get()));
        }
        // Committed before the slow check, so parallel attempts see each other. A refusal rolls the transaction
        // back: an attempt refused for one subject is not counted for the other.
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<Instant> successWindowStart = fullSuccessWindow(connection, successes, now);
                if (successWindowStart.isPresent()) {
                    connection.rollback();
                    Instant windowEnd = successWindowStart.get().plus(successWindow);
                    fullSuccessWindows.remember(successes, windowEnd, now);
                    throw new TooManyAttemptsException(TooManyAttemptsException.Reason.RATE,
                            Duration.between(now, windowEnd));
                }
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
                if (accountAttempts == null || addressAttempts == null) {
                    Instant lockedUntil = lockedUntil(connection, accountAttempts == null ? account : address, now);
                    connection.rollback();
                    throw new TooManyAttemptsException(TooManyAttemptsException.Reason.LOCKED,
                            Duration.between(now, lockedUntil));
                }
                connection.commit();
                return new Attempt(account, address, successes, accountAttempts, addressAttempts);
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw DatabaseFailures.translate("Could not count a sign-in attempt", e);
        }
    }

    /**
     * The attempt proved the password: the account starts afresh, the address gets its attempt back, and the
     * success is counted.
     *
     * @throws TooManyAttemptsException when this success goes over the account's successes per window (successes
     *         that began at the same time as the last one allowed)
     */
    public void succeeded(Attempt attempt, Instant now) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement clear = connection.prepareStatement(CLEAR_ATTEMPT_AND_COUNT_SUCCESS)) {
            Timestamp windowStart = Timestamp.from(now.minus(successWindow));
            bind(clear, attempt.accountSubject(), config.addressMaxFailures(), attempt.addressSubject(),
                    attempt.successesSubject(), Timestamp.from(now), windowStart, windowStart);
            boolean isRows = clear.execute();
            while (isRows || clear.getUpdateCount() != -1) {
                if (isRows) {
                    try (ResultSet counted = clear.getResultSet()) {
                        if (counted.next() && counted.getInt(1) >= maxSuccesses) {
                            Instant windowEnd = counted.getObject(2, OffsetDateTime.class).toInstant().plus(successWindow);
                            fullSuccessWindows.remember(attempt.successesSubject(), windowEnd, now);
                            if (counted.getInt(1) > maxSuccesses) {
                                throw new TooManyAttemptsException(TooManyAttemptsException.Reason.RATE,
                                        Duration.between(now, windowEnd));
                            }
                        }
                    }
                }
                isRows = clear.getMoreResults();
            }
        } catch (SQLException e) {
            throw DatabaseFailures.translate("Could not clear sign-in attempts", e);
        }
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
        // Failures and successes are counted in windows of their own: a row goes once the longer one has passed.
        Duration longerWindow = config.window().compareTo(successWindow) >= 0 ? config.window() : successWindow;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE_EXPIRED)) {
            bind(delete, Timestamp.from(now.minus(longerWindow)), Timestamp.from(now));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailures.translate("Could not purge sign-in attempts", e);
        }
    }

    private Optional<Instant> fullSuccessWindow(Connection connection, String successes, Instant now)
            throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(FIND_SUCCESS_LIMIT)) {
            bind(find, successes, maxSuccesses, Timestamp.from(now.minus(successWindow)));
            try (ResultSet window = find.executeQuery()) {
                return window.next() ? Optional.of(window.getObject(1, OffsetDateTime.class).toInstant()) : Optional.empty();
            }
        }
    }

    private Instant lockedUntil(Connection connection, String subject, Instant now) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(FIND_LOCK)) {
            find.setString(1, subject);
            try (ResultSet lock = find.executeQuery()) {
                OffsetDateTime lockedUntil = lock.next() ? lock.getObject(1, OffsetDateTime.class) : null;
                return lockedUntil == null ? now.plus(config.lockout()) : lockedUntil.toInstant();
            }
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }
}
