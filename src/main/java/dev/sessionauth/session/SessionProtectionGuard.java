package dev.sessionauth.session;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.config.FreshnessConfig;
import dev.sessionauth.config.FreshnessConfig.SessionProtection;
import dev.sessionauth.security.SessionRefusedException;
import dev.sessionauth.security.SessionSafetyEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Flask-Login's session protection (SESSION_PROTECTION): a session used from another client network or browser
 * family than its last password proof's is recorded; in basic mode it is no longer fresh (sensitive actions then need
 * a reauthentication, which binds it to the new client), in strong mode it ends at once.
 */
@ApplicationScoped
public class SessionProtectionGuard {

    private final SessionProtection mode;
    private final SessionSafetyEvents events;

    public SessionProtectionGuard(FreshnessConfig config, SessionSafetyEvents events) {
        this.mode = config.sessionProtection();
        this.events = events;
    }

    /**
     * @return the session as the request may use it (in basic mode, perhaps no longer fresh)
     * @throws SessionRefusedException in strong mode, when the session moved: it has been ended
     */
    public SessionLookup.ActiveSession check(SessionLookup.ActiveSession session, String clientAddress,
            String userAgent) {
        if (mode == SessionProtection.OFF) {
            return session;
        }
        String change = change(session, clientAddress, userAgent);
        if (change == null) {
            return session;
        }
        if (mode == SessionProtection.STRONG) {
            QuarkusTransaction.requiringNew().run(() -> UserSession.deleteById(session.id()));
            events.sessionMoved(session.user().id(), session.id(), change, "ended", clientAddress);
            throw new SessionRefusedException();
        }
        if (session.fresh()) {
            QuarkusTransaction.requiringNew().run(() -> UserSession.markNotFresh(session.id()));
            events.sessionMoved(session.user().id(), session.id(), change, "marked_not_fresh", clientAddress);
        }
        return session.notFresh();
    }

    /** What differs from the session's proof: network, browser or both; null when nothing does. */
    private static String change(SessionLookup.ActiveSession session, String clientAddress, String userAgent) {
        // Sessions opened before protection existed have nothing to compare with.
        boolean network = session.clientNetwork() != null
                && !session.clientNetwork().equals(ClientFingerprint.network(clientAddress));
        boolean browser = session.browserFamily() != null
                && !session.browserFamily().equals(ClientFingerprint.browserFamily(userAgent));
        if (network && browser) {
            return "network_and_browser";
        }
        return network ? "network" : browser ? "browser" : null;
    }
}
