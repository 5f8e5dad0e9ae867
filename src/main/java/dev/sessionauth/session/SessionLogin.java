package dev.sessionauth.session;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.account.User;
import dev.sessionauth.config.SessionAuthConfig;
import dev.sessionauth.contract.InvalidRequestException;
import dev.sessionauth.contract.ResourceNotFoundException;
import dev.sessionauth.security.CredentialVerifier;
import dev.sessionauth.security.LoginRejectedException;
import dev.sessionauth.security.SecurityEvents;

/**
 * The session login: checks the credentials and opens a new session (through {@link SessionOpener}, within the user's
 * limit of sessions), remembered or not.
 */
@ApplicationScoped
public class SessionLogin {

    private final boolean sessionsAccepted;
    private final boolean genericLoginErrors;
    private final CredentialVerifier credentialVerifier;
    private final SessionOpener opener;
    private final SecurityEvents securityEvents;

    public SessionLogin(SessionAuthConfig config, CredentialVerifier credentialVerifier, SessionOpener opener,
            SecurityEvents securityEvents) {
        this.sessionsAccepted = config.authType().acceptsSession();
        this.genericLoginErrors = config.login().genericErrors();
        this.credentialVerifier = credentialVerifier;
        this.opener = opener;
        this.securityEvents = securityEvents;
    }

    /**
     * Checks the credentials and opens a new session (never reusing an old one, so a planted cookie cannot be
     * fixed on the victim). The bcrypt check runs outside any transaction so no connection waits on it.
     */
    public LoginResult login(String email, String password, boolean remember, ClientInfo client, Instant now) {
        if (!sessionsAccepted) {
            // AUTH_TYPE=basic_auth: a cookie issued here would never be accepted.
            throw new ResourceNotFoundException();
        }
        if (email == null || email.isEmpty()) {
            throw new InvalidRequestException("email missing");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidRequestException("password missing");
        }
        CredentialVerifier.Verification verification = credentialVerifier.verify(email, password, client.ipAddress(),
                "login", now);
        rejectUnlessVerified(verification.outcome());
        User user = verification.user().orElseThrow();
        String token = SessionToken.generate();
        // Empty when the password or the account changed since the check: answered like a wrong password.
        UUID sessionId = opener.open(user.id, verification.passwordHash(), token, client, remember, now)
                .orElseThrow(this::wrongPassword);
        securityEvents.loginSucceeded(user.id, sessionId, client.ipAddress());
        return new LoginResult(user, token, remember);
    }

    private void rejectUnlessVerified(CredentialVerifier.Outcome outcome) {
        switch (outcome) {
            case VERIFIED -> {
                return;
            }
            case UNKNOWN_EMAIL -> throw new LoginRejectedException(
                    genericLoginErrors ? LoginRejectedException.Reason.INVALID_CREDENTIALS
                            : LoginRejectedException.Reason.UNKNOWN_EMAIL);
            // A disabled account answers like a wrong password, so it never confirms a guessed one.
            case WRONG_PASSWORD, DISABLED -> throw wrongPassword();
        }
    }

    private LoginRejectedException wrongPassword() {
        return new LoginRejectedException(
                genericLoginErrors ? LoginRejectedException.Reason.INVALID_CREDENTIALS
                        : LoginRejectedException.Reason.WRONG_PASSWORD);
    }
}
