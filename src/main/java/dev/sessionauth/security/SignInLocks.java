package dev.sessionauth.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.store.DatabaseFailures;

/** An administrator's way out of a sign-in lock: the account's failure count and lock go at once. */
@ApplicationScoped
public class SignInLocks {

    private static final String CLEAR = "DELETE FROM auth_failures WHERE subject = ?";

    private final DataSource dataSource;

    public SignInLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Clears the failures and lock of the account with this email, on every instance (the counters live in
     * PostgreSQL). The locks of client addresses stay: they protect every account.
     *
     * @return how many counters were cleared (0 or 1)
     */
    public int clearAccount(String email) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement clear = connection.prepareStatement(CLEAR)) {
            clear.setString(1, SignInSubjects.account(email));
            return clear.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseFailures.translate("Could not clear sign-in attempts", e);
        }
    }
}
