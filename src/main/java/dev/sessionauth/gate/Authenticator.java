package dev.sessionauth.gate;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import dev.sessionauth.account.User;
import dev.sessionauth.account.UserResponse;
import dev.sessionauth.account.UserRow;
import dev.sessionauth.config.AuthType;
import dev.sessionauth.config.SessionAuthConfig;
import dev.sessionauth.security.AccessDeniedException;
import dev.sessionauth.security.Caller;
import dev.sessionauth.security.Credential;
import dev.sessionauth.security.CredentialVerifier;
import dev.sessionauth.security.NotAuthenticatedException;
import dev.sessionauth.security.RequestCredentials;
import dev.sessionauth.security.SessionRefusedException;
import dev.sessionauth.security.TooManyAttemptsException;
import dev.sessionauth.session.SessionLookup;
import dev.sessionauth.session.SessionService;
import dev.sessionauth.token.ApiTokenLookup;
import dev.sessionauth.token.ApiTokenSecret;
import dev.sessionauth.token.ApiTokenService;

/**
 * Decides who is calling from the request's credentials, in the contract's order: none at all is 401; present
 * but invalid (or of a kind AUTH_TYPE does not accept) is 403. A session cookie, when sessions are accepted,
 * takes precedence over an Authorization header, which carries Basic credentials or an API token (Bearer).
 */
@ApplicationScoped
public class Authenticator {

    private final AuthType authType;
    private final SessionService sessionService;
    private final CredentialVerifier credentialVerifier;
    private final VerifiedCredentialsCache credentialsCache;
    private final ApiTokenService apiTokenService;

    public Authenticator(SessionAuthConfig config, SessionService sessionService, CredentialVerifier credentialVerifier,
            VerifiedCredentialsCache credentialsCache, ApiTokenService apiTokenService) {
        this.authType = config.authType();
        this.sessionService = sessionService;
        this.credentialVerifier = credentialVerifier;
        this.credentialsCache = credentialsCache;
        this.apiTokenService = apiTokenService;
    }

    /**
     * @throws SessionRefusedException when a session cookie decides and names no active session
     * @throws TooManyAttemptsException when Basic credentials arrive for a locked account or address
     */
    public Caller authenticate(RequestCredentials request, Instant now) {
        if (request.isEmpty()) {
            throw new NotAuthenticatedException();
        }
        String clientAddress = request.clientAddress();
        if (request.sessionToken() != null && authType.acceptsSession()) {
            return sessionService.findActive(request.sessionToken(), now)
                    .map(session -> callerOf(session, clientAddress))
                    .orElseThrow(SessionRefusedException::new);
        }
        String authorization = request.authorization();
        Optional<Caller> caller;
        if (authorization != null && ApiTokenSecret.isBearer(authorization)) {
            caller = authType.acceptsApiToken()
                    ? ApiTokenSecret.fromBearerHeader(authorization)
                            .flatMap(secret -> apiTokenService.findActive(secret, clientAddress, now))
                            .map(token -> callerOf(token, clientAddress))
                    : Optional.empty();
        } else if (authorization != null && authType.acceptsBasic()) {
            caller = BasicCredentials.parse(authorization)
                    .flatMap(credentials -> verify(credentials, clientAddress, now));
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
    public void checkUnroutedRequest(RequestCredentials request, Instant now) {
        authenticate(request, now);
    }

    private static Caller callerOf(SessionLookup.ActiveSession session, String clientAddress) {
        UserRow user = session.user();
        return new Caller(user.id(), user.role(), Credential.SESSION, Optional.of(session.id()), clientAddress,
                user.profile());
    }

    private static Caller callerOf(ApiTokenLookup.StoredToken token, String clientAddress) {
        UserRow user = token.user();
        return new Caller(user.id(), user.role(), Credential.API_TOKEN, Optional.empty(), clientAddress, user.profile(),
                token.readOnly());
    }

    /**
     * A cached verification is used only while the user's current password hash is still the one it was made
     * against (and the account is enabled): one indexed read instead of a bcrypt, and a password change anywhere
     * takes effect at once.
     */
    private Optional<Caller> verify(BasicCredentials credentials, String clientAddress, Instant now) {
        Optional<VerifiedCredentialsCache.Entry> cached = credentialsCache.find(credentials.email(), credentials.password(),
                now);
        if (cached.isPresent()) {
            Optional<User> user = User.<User> findByIdOptional(cached.get().userId())
                    .filter(current -> current.passwordHash.equals(cached.get().passwordHash()) && current.disabledAt == null);
            if (user.isPresent()) {
                return Optional.of(callerOf(user.get(), clientAddress));
            }
            credentialsCache.forget(credentials.email(), credentials.password());
        }
        CredentialVerifier.Verification verification = credentialVerifier.verify(credentials.email(),
                credentials.password(), clientAddress, "basic", now);
        if (verification.outcome() != CredentialVerifier.Outcome.VERIFIED) {
            return Optional.empty();
        }
        User user = verification.user().orElseThrow();
        credentialsCache.remember(credentials.email(), credentials.password(), user.id, verification.passwordHash(), now);
        return Optional.of(callerOf(user, clientAddress));
    }

    private static Caller callerOf(User user, String clientAddress) {
        return new Caller(user.id, user.role, Credential.BASIC, Optional.empty(), clientAddress, UserResponse.of(user));
    }
}
