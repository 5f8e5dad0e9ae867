package dev.sessionauth.store;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;

/** Tells an unavailable database (worth a 503 and a retry) from a failing statement (a bug, 500). */
public final class DatabaseFailures {

    /**
     * SQLState classes of a database that cannot serve right now: 08 connection exception, 53 insufficient
     * resources (e.g. too many connections), 57 operator intervention (e.g. shutting down).
     */
    private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53", "57");

    private DatabaseFailures() {
    }

    /** A failure without SQLState comes from the pool or the driver itself, e.g. no connection came free in time. */
    public static boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.length() < 2 || UNAVAILABLE_CLASSES.contains(state.substring(0, 2));
    }

    /**
     * The SQLException somewhere in {@code failure} that shows the database unavailable, if there is one. A commit
     * that failed because the connection died (the primary stopped, or the connection was cut) reaches the error
     * mapper wrapped by the transaction manager: a RollbackException whose database exception is only among the
     * suppressed ones, so both causes and suppressed exceptions are searched.
     */
    public static Optional<SQLException> unavailableCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty()) {
            Throwable next = pending.poll();
            if (!seen.add(next)) {
                continue;
            }
            if (next instanceof SQLException sql && isUnavailable(sql)) {
                return Optional.of(sql);
            }
            if (next.getCause() != null) {
                pending.add(next.getCause());
            }
            pending.addAll(List.of(next.getSuppressed()));
        }
        return Optional.empty();
    }

    /**
     * A failure of plain JDBC code reported as Hibernate reports it, so the one error mapper answers 503 for an
     * unavailable database and 500 for anything else.
     */
    public static RuntimeException translate(String what, SQLException e) {
        if (isUnavailable(e)) {
            return new JDBCConnectionException(what + ": " + e.getMessage(), e);
        }
        return new GenericJDBCException(what + ": " + e.getMessage(), e);
    }
}
