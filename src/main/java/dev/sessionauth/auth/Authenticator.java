package dev.sessionauth.auth;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.jboss.logging.Logger;

import dev.sessionauth.config.SessionAuthConfig;
import dev.sessionauth.session.SessionService;
import dev.sessionauth.session.UserSession;
import dev.sessionauth.user.User;

/**
 * Decides who is calling from the request's credentials, in the contract's order: none at all is 401; present
 * but invalid (or of a kind AUTH_TYPE does not accept) is 403. A session cookie, when sessions are accepted,
 * takes precedence over an Authorization header.
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    private final AuthType authType;
    private final SessionService sessionService;
    private final PasswordHasher passwordHasher;

    public Authenticator(SessionAuthConfig config, SessionService sessionService, PasswordHasher passwordHasher) {
        this.authType = config.authType();
        this.sessionService = sessionService;
        this.passwordHasher = passwordHasher;
    }

    public Caller authenticate(String authorizationHeader, String sessionToken, Instant now) {
        if (authorizationHeader == null && sessionToken == null) {
            throw new NotAuthenticatedException();
        }
        Optional<Caller> caller;
        if (sessionToken != null && authType.acceptsSession()) {
            caller = sessionService.findActive(sessionToken, now)
                    .map(session -> callerOf(session));
        } else if (authorizationHeader != null && authType.acceptsBasic()) {
            caller = BasicCredentials.parse(authorizationHeader).flatMap(this::verify);
        } else {
            caller = Optional.empty();
        }
        return caller.orElseThrow(AccessDeniedException::new);
    }

    /**
     * The same decision for a request that matched no route, made off the event loop where no request context
     * is active: throws like {@link #authenticate} when the credentials are missing or invalid.
     */
    @ActivateRequestContext
    public void checkUnroutedRequest(String authorizationHeader, String sessionToken, Instant now) {
        authenticate(authorizationHeader, sessionToken, now);
    }

    private static Caller callerOf(UserSession session) {
        return new Caller(session.user.id, session.user.role, Optional.of(session.id));
    }

    private Optional<Caller> verify(BasicCredentials credentials) {
        Optional<User> user = User.findByEmail(credentials.email());
        if (user.isEmpty()) {
            passwordHasher.burnVerification(credentials.password());
            return Optional.empty();
        }
        if (!passwordHasher.matches(credentials.password(), user.get().passwordHash)) {
            LOG.infof("Basic authentication failed for user %s: wrong password", user.get().id);
            return Optional.empty();
        }
        return Optional.of(new Caller(user.get().id, user.get().role, Optional.empty()));
    }
}
