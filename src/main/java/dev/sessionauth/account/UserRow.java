package dev.sessionauth.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A user as the plain-JDBC credential lookups read it, joined to their session or API token: what authentication
 * needs (id, role, disabled) and what GET /users/me answers, without an ORM entity.
 */
public record UserRow(UUID id, Role role, boolean disabled, UserResponse profile) {

    /**
     * The columns {@link #read} expects, in order, from a users table aliased {@code u}; the last is the names of
     * the user's groups, read with the user on every request so that a membership change counts at once.
     */
    public static final String COLUMNS = columns("");

    /** The {@link #COLUMNS} with the groups narrowed by a further SQL condition on {@code m.group_id}. */
    public static String columns(String groupCondition) {
        return "u.id, u.email, u.first_name, u.last_name, u.role, u.disabled_at, u.created_at, u.updated_at, "
                + "ARRAY(SELECT g.name FROM group_members m JOIN user_groups g ON g.id = m.group_id "
                + "WHERE m.user_id = u.id" + groupCondition + " ORDER BY g.name)";
    }

    /** Reads the {@link #COLUMNS} starting at column {@code first} of the current row. */
    public static UserRow read(ResultSet row, int first) throws SQLException {
        UUID id = row.getObject(first, UUID.class);
        Role role = Role.valueOf(row.getString(first + 4));
        boolean disabled = row.getObject(first + 5) != null;
        UserResponse profile = UserResponse.of(id, row.getString(first + 1), row.getString(first + 2),
                row.getString(first + 3), role, disabled, instant(row, first + 6), instant(row, first + 7),
                List.of((String[]) row.getArray(first + 8).getArray()));
        return new UserRow(id, role, disabled, profile);
    }

    /** A timestamptz column as an Instant, or null. */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
