package dev.sessionauth.security;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * This instance's memory of the accounts whose success window PostgreSQL has reported full, until the window ends,
 * so that a flood of correct sign-ins of such an account is refused without a round trip to the database for each.
 * The database stays the truth: this only repeats what it said, and the end of a full window never moves.
 */
@ApplicationScoped
class FullSuccessWindows {

    /** More accounts at their limit than this at once is an attack on the memory, not a use: forget the expired. */
    private static final int MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<String, Instant> fullUntil = new ConcurrentHashMap<>();

    /** When the account's full window ends, if it is known to be full at {@code now}. */
    Optional<Instant> fullUntil(String successesSubject, Instant now) {
        Instant end = fullUntil.get(successesSubject);
        if (end == null) {
            return Optional.empty();
        }
        if (!end.isAfter(now)) {
            fullUntil.remove(successesSubject, end);
            return Optional.empty();
        }
        return Optional.of(end);
    }

    void remember(String successesSubject, Instant end, Instant now) {
        if (fullUntil.size() >= MAX_ENTRIES) {
            fullUntil.values().removeIf(windowEnd -> !windowEnd.isAfter(now));
        }
        if (fullUntil.size() < MAX_ENTRIES) {
            fullUntil.put(successesSubject, end);
        }
    }
}
