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

import dev.sessionauth.account.EmailAddress;
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
        // Accounts are keyed by a hash of the canonical email, the form lookups find the account by, so every spelling
        // that reaches an account counts against it. A hash: fixed size, and the table holds no addresses of people.
        String hashedEmail = Sha256.hex(EmailAddress.canonical(email));
        String account = "account:" + hashedEmail;
        String address = addressSubject(clientAddress);
        String successes = "successes:" + hashedEmail;
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
                return count(connection, new Attempt(account, address, successes, 0, 0), now);
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw DatabaseFailures.translate("Could not count a sign-in attempt", e);
        }
    }

    /** Counts the attempt (its subjects given, its counts not yet) and commits, or rolls back and refuses it. */
    private Attempt count(Connection connection, Attempt subjects, Instant now) throws SQLException {
        Optional<Instant> successWindowStart = AuthFailureRows.fullSuccessWindow(connection,
                subjects.successesSubject(), maxSuccesses, now.minus(successWindow));
        if (successWindowStart.isPresent()) {
            connection.rollback();
            Instant windowEnd = successWindowStart.get().plus(successWindow);
            fullSuccessWindows.remember(subjects.successesSubject(), windowEnd, now);
            throw new TooManyAttemptsException(TooManyAttemptsException.Reason.RATE, Duration.between(now, windowEnd));
        }
        AuthFailureRows.Counted counted = AuthFailureRows.countAttempt(connection, subjects.accountSubject(),
                subjects.addressSubject(), now, config);
        if (counted.accountAttempts() == null || counted.addressAttempts() == null) {
            String locked = counted.accountAttempts() == null ? subjects.accountSubject() : subjects.addressSubject();
            Instant lockedUntil = AuthFailureRows.lockedUntil(connection, locked).orElse(now.plus(config.lockout()));
            connection.rollback();
            throw new TooManyAttemptsException(TooManyAttemptsException.Reason.LOCKED,
                    Duration.between(now, lockedUntil));
        }
        connection.commit();
        return new Attempt(subjects.accountSubject(), subjects.addressSubject(), subjects.successesSubject(),
                counted.accountAttempts(), counted.addressAttempts());
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
                PreparedStatement clear = connection.prepareStatement(AuthFailureRows.CLEAR_ATTEMPT_AND_COUNT_SUCCESS)) {
            Timestamp windowStart = Timestamp.from(now.minus(successWindow));
            AuthFailureRows.bind(clear, attempt.accountSubject(), config.addressMaxFailures(), attempt.addressSubject(),
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
                PreparedStatement delete = connection.prepareStatement(AuthFailureRows.DELETE_EXPIRED)) {
            AuthFailureRows.bind(delete, Timestamp.from(now.minus(longerWindow)), Timestamp.from(now));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailures.translate("Could not purge sign-in attempts", e);
        }
    }

    private static String addressSubject(String clientAddress) {
        return "address:" + (clientAddress == null ? "unknown" : clientAddress);
    }
}
