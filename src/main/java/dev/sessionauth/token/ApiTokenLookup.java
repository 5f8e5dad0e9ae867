package dev.sessionauth.token;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.account.UserRow;
import dev.sessionauth.store.CredentialQueries;

/**
 * The hot path of every Bearer-authenticated request, like the session lookup: one prepared statement by the token
 * hash's unique index and, at most once per touch interval, one conditional UPDATE of last_used_at.
 */
@ApplicationScoped
public class ApiTokenLookup {

    /**
     * A token with the parts of its user that authentication and GET /users/me need; the user's groups are only
     * those the token carries (all of them unless it is limited to some), as they are now.
     */
    public record StoredToken(UUID id, Instant expiresAt, Instant lastUsedAt, boolean readOnly, UserRow user) {
    }

    /** A group-limited token carries the groups of its list that its owner still belongs to. */
    private static final String CARRIED_GROUPS = " AND (NOT t.group_limited OR m.group_id IN "
            + "(SELECT s.group_id FROM api_token_groups s WHERE s.token_id = t.id))";

    private static final String FIND_BY_TOKEN_HASH = "SELECT t.id, t.expires_at, t.last_used_at, t.read_only, "
            + UserRow.columns(CARRIED_GROUPS) + " FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?";

    private static final String TOUCH = "UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)";

    private final CredentialQueries queries;

    public ApiTokenLookup(CredentialQueries queries) {
        this.queries = queries;
    }

    public Optional<StoredToken> findByTokenHash(byte[] tokenHash) {
        return queries.findByHash(FIND_BY_TOKEN_HASH, tokenHash, row -> new StoredToken(row.getObject(1, UUID.class),
                UserRow.instant(row, 2), UserRow.instant(row, 3), row.getBoolean(4), UserRow.read(row)), "an API token");
    }

    /** Records a use; the condition keeps last_used_at from going backwards, and a revoked token stays deleted. */
    public int touch(UUID tokenId, Instant now) {
        return queries.recordUse(TOUCH, tokenId, now, "an API token");
    }
}
