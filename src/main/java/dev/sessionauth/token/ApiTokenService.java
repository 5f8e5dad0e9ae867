package dev.sessionauth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import dev.sessionauth.account.User;
import dev.sessionauth.config.SessionAuthConfig;
import dev.sessionauth.contract.InvalidRequestException;
import dev.sessionauth.contract.ResourceNotFoundException;
import dev.sessionauth.security.AccessDeniedException;
import dev.sessionauth.security.Caller;
import dev.sessionauth.security.LastUseWrites;
import dev.sessionauth.security.SecurityEvents;

/** Creates, checks, lists and revokes the API tokens users give to other systems. */
@ApplicationScoped
public class ApiTokenService {

    private final SessionAuthConfig.ApiTokens config;
    private final LastUseWrites lastUseWrites;
    private final ApiTokenLookup lookup;
    private final SecurityEvents securityEvents;

    public ApiTokenService(SessionAuthConfig config, LastUseWrites lastUseWrites, ApiTokenLookup lookup,
            SecurityEvents securityEvents) {
        this.config = config.apiTokens();
        this.lastUseWrites = lastUseWrites;
        this.lookup = lookup;
        this.securityEvents = securityEvents;
    }

    /**
     * Creates a token for the caller and returns its secret, which is never shown again. The resource lets only a
     * caller who proved their password create one ({@link Caller#requirePasswordProven}).
     */
    @Transactional
    public CreatedApiToken create(Caller caller, @Valid CreateApiTokenRequest request, Instant now) {
        String name = request.name().strip();
        int lifetimeDays = request.expiresInDays() == null ? config.defaultLifetimeDays() : request.expiresInDays();
        // The user row lock serialises one user's creations, so parallel requests cannot exceed the limit.
        User owner = User.<User> findByIdOptional(caller.userId(), LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(AccessDeniedException::new);
        ApiToken.deleteExpiredOfUser(owner.id, now);
        if (ApiToken.countUnexpired(owner.id, now) >= config.maxPerUser()) {
            throw new InvalidRequestException(
                    CreateApiTokenRequest.CANNOT_CREATE + "a user may hold at most " + config.maxPerUser() + " tokens");
        }
        if (ApiToken.nameTaken(owner.id, name)) {
            throw new InvalidRequestException(CreateApiTokenRequest.CANNOT_CREATE + "name already used");
        }
        String secret = ApiTokenSecret.generate();
        ApiToken token = new ApiToken();
        token.id = UUID.randomUUID();
        token.user = owner;
        token.name = name;
        token.tokenHash = ApiTokenSecret.hash(secret);
        token.createdAt = now;
        token.expiresAt = now.plus(Duration.ofDays(lifetimeDays));
        token.readOnly = Boolean.TRUE.equals(request.readOnly());
        token.groupLimited = request.groups() != null;
        token.groups = TokenScopes.groupsOf(owner, request.groups());
        token.persist();
        securityEvents.apiTokenCreated(owner.id, token.id, token.expiresAt, caller.clientAddress());
        return CreatedApiToken.of(token, secret);
    }

    /** The user's tokens that have not expired, newest first. */
    public List<ApiToken> listUnexpired(UUID userId, Instant now) {
        return ApiToken.listUnexpiredNewestFirst(userId, now);
    }

    /** Revokes one of the caller's own tokens (a token may revoke itself); anyone else's, or an unknown id, is 404. */
    @Transactional
    public void revokeOwn(Caller caller, UUID tokenId) {
        if (ApiToken.deleteOwned(tokenId, caller.userId()) == 0) {
            throw new ResourceNotFoundException();
        }
        securityEvents.apiTokensRevoked(caller.userId(), caller.userId(), 1, "one", caller.clientAddress());
    }

    /** Revokes every token of a user (the user's own action or an administrator's). */
    @Transactional
    public long revokeAll(Caller caller, UUID userId) {
        User.findExisting(userId);
        long revoked = ApiToken.deleteAllOfUser(userId);
        securityEvents.apiTokensRevoked(caller.userId(), userId, revoked, "all", caller.clientAddress());
        return revoked;
    }

    /**
     * The token of this secret and its user, if it is unexpired and the user enabled at {@code now}; records the
     * use at most once per touch interval.
     */
    public Optional<ApiTokenLookup.StoredToken> findActive(String secret, String clientAddress, Instant now) {
        Optional<ApiTokenLookup.StoredToken> token = lookup.findByTokenHash(ApiTokenSecret.hash(secret))
                .filter(t -> now.isBefore(t.expiresAt()) && !t.user().disabled());
        if (token.isEmpty()) {
            securityEvents.authenticationFailed("token", null, clientAddress, "invalid_token");
            return token;
        }
        if (lastUseWrites.isDue(token.get().lastUsedAt(), now)) {
            lookup.touch(token.get().id(), now);
        }
        return token;
    }
}
