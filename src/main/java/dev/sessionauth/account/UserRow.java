package dev.sessionauth.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A user as the plain-JDBC credential lookups read it, joined to their session or API token: what authentication
 * needs (id, role, disabled) and what GET /users/me answers, without an ORM entity.
 */
public record UserRow(UUID id, Role role, boolean disabled, UserResponse profile) {

    /** The columns {@link #read} expects, in order, from a users table aliased {@code u}. */
    public static final String COLUMNS = "u.id, u.email, u.first_name, u.last_name, u.role, u.disabled_at, u.created_at, u.updated_at";

    /** Reads the {@link #COLUMNS} starting at column {@code first} of the current row. */
    public static UserRow read(ResultSet row, int first) throws SQLException {
        UUID id = row.getObject(first, UUID.class);
        Role role = Role.valueOf(row.getString(first + 4));
        boolean disabled = row.getObject(first + 5) != null;
        UserResponse profile = UserResponse.of(id, row.getString(first + 1), row.getString(first + 2),
                row.getString(first + 3), role, disabled, instant(row, first + 6), instant(row, first + 7));
        return new UserRow(id, role, disabled, profile);
    }

    /** A timestamptz column as an Instant, or null. */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
