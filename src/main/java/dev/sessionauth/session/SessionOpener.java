package dev.sessionauth.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.account.User;
import dev.sessionauth.config.SessionAuthConfig;
import dev.sessionauth.security.SecurityEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Opens a new session for a user whose password was just proven (or, in the test build, for the test login). */
@ApplicationScoped
public class SessionOpener {

    private final SessionLifetimes lifetimes;
    private final SecurityEvents securityEvents;
    private final int maxPerUser;

    public SessionOpener(SessionLifetimes lifetimes, SecurityEvents securityEvents, SessionAuthConfig config) {
        this.lifetimes = lifetimes;
        this.securityEvents = securityEvents;
        this.maxPerUser = config.session().maxPerUser();
    }

    /**
     * Opens the session in a transaction of its own, unless the password or the account changed since it was
     * verified, and records the sessions it pushed over the limit.
     *
     * @param verifiedHash the hash stored when the password was verified (after a re-hash, the new one); null when no
     *        password was verified (the test login)
     * @return the new session's id, or empty when the account changed meanwhile (the caller refuses the sign-in)
     */
    public Optional<UUID> open(UUID userId, String verifiedHash, String token, ClientInfo client, boolean remember,
            Instant now) {
        Optional<Opened> opened = QuarkusTransaction.requiringNew()
                .call(() -> insert(userId, verifiedHash, token, client, remember, now));
        opened.ifPresent(o -> o.evicted().forEach(
                evicted -> securityEvents.sessionEvicted(userId, evicted, maxPerUser, client.ipAddress())));
        return opened.map(Opened::sessionId);
    }

    /** The new session, and the sessions of the same user that it pushed over the limit. */
    private record Opened(UUID sessionId, List<UUID> evicted) {
    }

    /**
     * Inserts the session and ends the user's least recently used sessions beyond the limit. The lock on the user row
     * serialises the user's logins, so parallel logins cannot each see room under the limit, and orders this against a
     * concurrent password change or disabling: either that change sees (and ends) this session, or this sees the
     * change and refuses.
     */
    private Optional<Opened> insert(UUID userId, String verifiedHash, String token, ClientInfo client, boolean remember,
            Instant now) {
        User current = SessionService.lockSessionsOf(userId).orElse(null);
        if (current == null || (verifiedHash != null && !current.passwordHash.equals(verifiedHash))
                || current.disabledAt != null) {
            return Optional.empty();
        }
        // Expired sessions go first and silently, as the purge would take them: they must not cost a live one.
        UserSession.deleteInactiveOfUser(current.id, now, lifetimes);
        List<UUID> evicted = UserSession.deleteAllButMostRecentlyUsed(current.id, maxPerUser - 1);
        UserSession session = new UserSession();
        session.id = UUID.randomUUID();
        session.tokenHash = SessionToken.hash(token);
        session.user = current;
        session.createdAt = now;
        session.lastSeenAt = now;
        session.expiresAt = lifetimes.absoluteTimeout(remember).map(now::plus).orElse(null);
        session.clientIp = client.ipAddress();
        session.userAgent = client.userAgent();
        session.remember = remember;
        session.authenticatedAt = now;
        session.fresh = true;
        session.clientNetwork = ClientFingerprint.network(client.ipAddress());
        session.browserFamily = ClientFingerprint.browserFamily(client.userAgent());
        session.persist();
        return Optional.of(new Opened(session.id, evicted));
    }
}
