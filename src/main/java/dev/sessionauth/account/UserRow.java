package dev.sessionauth.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The one mapping of a row of the users table to what the service shows and checks of a user (never the password
 * hash). Two readers fill it: the ORM, through the {@link User} entity ({@link #of(User)}), and plain JDBC
 * ({@link #read(ResultSet)}), which the credential lookups on the hot path of every cookie- or token-authenticated
 * request use because an ORM session per request costs more than the lookup itself. Both readers map the same
 * columns, named once by the constants below: the entity's {@code @Column} annotations use them, and JDBC selects
 * {@link #COLUMNS} and reads them back by those names, never by position. {@link UserResponse} is built only from a
 * UserRow, so the API shows a user the same way whichever reader found it. {@code groups} are the names of the
 * user's groups, sorted, read with the user every time, so that a membership change counts on the next request.
 */
public record UserRow(UUID id, String email, String firstName, String lastName, Role role, boolean disabled,
        Instant createdAt, Instant updatedAt, List<String> groups) {

    public static final String ID = "id";
    public static final String EMAIL = "email";
    public static final String FIRST_NAME = "first_name";
    public static final String LAST_NAME = "last_name";
    public static final String ROLE = "role";
    public static final String DISABLED_AT = "disabled_at";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";
    /** Not a column of users: the label of the group names read with them. */
    private static final String GROUP_NAMES = "group_names";

    /** Labels each selected column, so that a joined table's id or created_at can never be read in its place. */
    private static final String AS = "user_";

    /** The select list {@link #read} expects, from a users table aliased {@code u}. */
    public static final String COLUMNS = columns("");

    public UserRow {
        groups = List.copyOf(groups);
    }

    /** The {@link #COLUMNS} with the groups narrowed by a further SQL condition on {@code m.group_id}. */
    public static String columns(String groupCondition) {
        return String.join(", ", selected(ID), selected(EMAIL), selected(FIRST_NAME), selected(LAST_NAME),
                selected(ROLE), selected(DISABLED_AT), selected(CREATED_AT), selected(UPDATED_AT))
                + ", ARRAY(SELECT g.name FROM group_members m JOIN user_groups g ON g.id = m.group_id WHERE m.user_id = u.id"
                + groupCondition + " ORDER BY g.name) AS " + AS + GROUP_NAMES;
    }

    /** Reads the user's groups: one query. */
    public static UserRow of(User user) {
        return new UserRow(user.id, user.email, user.firstName, user.lastName, user.role, user.disabledAt != null,
                user.createdAt, user.updatedAt, GroupMember.groupNamesOf(user.id));
    }

    /** Reads the {@link #COLUMNS} of the current row. */
    public static UserRow read(ResultSet row) throws SQLException {
        // The labels are constant expressions, so the hot path builds no strings to find its columns.
        return new UserRow(row.getObject(AS + ID, UUID.class), row.getString(AS + EMAIL), row.getString(AS + FIRST_NAME),
                row.getString(AS + LAST_NAME), Role.valueOf(row.getString(AS + ROLE)), row.getObject(AS + DISABLED_AT) != null,
                instant(row, row.findColumn(AS + CREATED_AT)), instant(row, row.findColumn(AS + UPDATED_AT)),
                List.of((String[]) row.getArray(AS + GROUP_NAMES).getArray()));
    }

    /** The user as the API shows them. */
    public UserResponse profile() {
        return UserResponse.of(this);
    }

    /** A timestamptz column as an Instant, or null. */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String selected(String column) {
        return "u." + column + " AS " + AS + column;
    }
}
