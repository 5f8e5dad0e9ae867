package dev.sessionauth.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.account.User;
import dev.sessionauth.config.SessionAuthConfig;
import dev.sessionauth.config.SessionConfig;
import dev.sessionauth.contract.InvalidRequestException;
import dev.sessionauth.contract.ResourceNotFoundException;
import dev.sessionauth.security.CredentialVerifier;
import dev.sessionauth.security.LoginRejectedException;
import dev.sessionauth.security.SecurityEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** The session login: checks the credentials and opens a new session within the user's limit of sessions. */
@ApplicationScoped
public class SessionLogin {

    private final SessionConfig config;
    private final boolean sessionsAccepted;
    private final boolean genericLoginErrors;
    private final CredentialVerifier credentialVerifier;
    private final SessionService sessionService;
    private final SecurityEvents securityEvents;

    public SessionLogin(SessionAuthConfig config, CredentialVerifier credentialVerifier, SessionService sessionService,
            SecurityEvents securityEvents) {
        this.config = config.session();
        this.sessionsAccepted = config.authType().acceptsSession();
        this.genericLoginErrors = config.login().genericErrors();
        this.credentialVerifier = credentialVerifier;
        this.sessionService = sessionService;
        this.securityEvents = securityEvents;
    }

    /**
     * Checks the credentials and opens a new session (never reusing an old one, so a planted cookie cannot be
     * fixed on the victim). The bcrypt check runs outside any transaction so no connection waits on it.
     */
    public LoginResult login(String email, String password, ClientInfo client, Instant now) {
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
        Opened opened = QuarkusTransaction.requiringNew()
                .call(() -> open(user, verification.passwordHash(), token, client, now));
        opened.evicted().forEach(evicted -> securityEvents.sessionEvicted(user.id, evicted, config.maxPerUser(),
                client.ipAddress()));
        securityEvents.loginSucceeded(user.id, opened.sessionId(), client.ipAddress());
        return new LoginResult(user, token);
    }

    /** The new session, and the sessions of the same user that it pushed over the limit. */
    private record Opened(UUID sessionId, List<UUID> evicted) {
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

    /**
     * Inserts the session unless the password or the account changed since it was verified, and ends the user's
     * least recently used sessions beyond the limit. The lock on the user row serialises the user's logins, so
     * parallel logins cannot each see room under the limit, and orders this against a concurrent password change
     * or disabling: either that change sees (and ends) this session, or this sees the change and refuses.
     *
     * @param verifiedHash the hash stored when the password was verified (after a re-hash, the new one)
     */
    private Opened open(User verified, String verifiedHash, String token, ClientInfo client, Instant now) {
        User current = SessionService.lockSessionsOf(verified.id).orElse(null);
        if (current == null || !current.passwordHash.equals(verifiedHash) || current.disabledAt != null) {
            throw wrongPassword();
        }
        // Expired sessions go first and silently, as the purge would take them: they must not cost a live one.
        UserSession.deleteInactiveOfUser(current.id, now, config.idleTimeout());
        List<UUID> evicted = UserSession.deleteAllButMostRecentlyUsed(current.id, config.maxPerUser() - 1);
        UserSession session = new UserSession();
        session.id = UUID.randomUUID();
        session.tokenHash = SessionToken.hash(token);
        session.user = current;
        session.createdAt = now;
        session.lastSeenAt = now;
        session.expiresAt = sessionService.absoluteTimeout().map(now::plus).orElse(null);
        session.clientIp = client.ipAddress();
        session.userAgent = client.userAgent();
        session.persist();
        return new Opened(session.id, evicted);
    }
}
