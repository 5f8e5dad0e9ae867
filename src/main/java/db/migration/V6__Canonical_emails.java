package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import dev.sessionauth.account.EmailAddress;

/**
 * Stores every email in its canonical form and makes that column unique as it is, replacing the index on
 * lower(email), whose meaning depended on the database's locale. A Java migration, so that existing rows get exactly
 * what the service computes for new ones ({@link EmailAddress#canonical}).
 */
public class V6__Canonical_emails extends BaseJavaMigration {

    /** The width of users.email. */
    private static final int MAX_EMAIL_LENGTH = 254;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        Map<String, List<UUID>> idsByEmail = new LinkedHashMap<>();
        Map<UUID, String> changed = new LinkedHashMap<>();
        List<UUID> tooLong = new ArrayList<>();
        readCanonicalEmails(connection, idsByEmail, changed, tooLong);
        refuseIfAmbiguous(idsByEmail, tooLong);
        try (Statement ddl = connection.createStatement()) {
            // Dropped first: two canonical forms may still be equal under the old index's lower().
            ddl.execute("DROP INDEX users_email_lower_key");
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE users SET email = ? WHERE id = ?")) {
            for (Map.Entry<UUID, String> change : changed.entrySet()) {
                update.setString(1, change.getValue());
                update.setObject(2, change.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)");
        }
    }

    /** Groups the users' ids by canonical email, and notes the emails that change and those too long once changed. */
    private static void readCanonicalEmails(Connection connection, Map<String, List<UUID>> idsByEmail,
            Map<UUID, String> changed, List<UUID> tooLong) throws SQLException {
        try (Statement select = connection.createStatement();
                ResultSet users = select.executeQuery("SELECT id, email FROM users ORDER BY created_at, id")) {
            while (users.next()) {
                UUID id = users.getObject(1, UUID.class);
                String email = users.getString(2);
                String canonical = EmailAddress.canonical(email);
                idsByEmail.computeIfAbsent(canonical, key -> new ArrayList<>()).add(id);
                if (!canonical.equals(email)) {
                    changed.put(id, canonical);
                }
                if (canonical.length() > MAX_EMAIL_LENGTH) {
                    tooLong.add(id);
                }
            }
        }
    }

    /**
     * Stops the migration, and with it the start-up, rather than pick which of two accounts keeps an address: an
     * operator decides (see operations.md). The message names user ids only, never an email.
     */
    private static void refuseIfAmbiguous(Map<String, List<UUID>> idsByEmail, List<UUID> tooLong) {
        List<String> problems = new ArrayList<>();
        List<String> collisions = idsByEmail.values().stream().filter(ids -> ids.size() > 1)
                .map(ids -> "[" + String.join(", ", ids.stream().map(UUID::toString).toList()) + "]")
                .toList();
        if (!collisions.isEmpty()) {
            problems.add("these accounts have emails that are the same address once canonicalised (Unicode NFKC, "
                    + "trimmed, lower-cased), so only one of each group can keep it: " + String.join(" ", collisions));
        }
        if (!tooLong.isEmpty()) {
            problems.add("these accounts have emails longer than " + MAX_EMAIL_LENGTH
                    + " characters once canonicalised: " + tooLong);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Cannot store emails in canonical form: " + String.join("; ", problems)
                    + ". In each group, delete all accounts but one or give them other emails (in canonical form), then"
                    + " start again.");
        }
    }
}
