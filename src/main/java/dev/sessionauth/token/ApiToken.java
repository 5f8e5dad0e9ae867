package dev.sessionauth.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.sessionauth.account.User;
import dev.sessionauth.account.UserGroup;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A named, expiring API token of a user; the database keeps only the SHA-256 of the secret. */
@Entity
@Table(name = "api_tokens")
public class ApiToken extends PanacheEntityBase {

    /** Public identifier of the token, used to list and revoke it; unrelated to the secret. */
    @Id
    public UUID id;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", updatable = false)
    public User user;

    @NotNull
    @Size(min = 1, max = TokenName.MAX_LENGTH)
    @Column(updatable = false)
    public String name;

    @NotNull
    @Column(name = "token_hash", updatable = false)
    public byte[] tokenHash;

    @NotNull
    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @NotNull
    @Column(name = "expires_at", updatable = false)
    public Instant expiresAt;

    /** May only use GET and HEAD, on the API and through verify. */
    @Column(name = "read_only", updatable = false)
    public boolean readOnly;

    /** Carries only {@link #groups} of its owner's groups (and none once they are all gone), not all of them. */
    @Column(name = "group_limited", updatable = false)
    public boolean groupLimited;

    /** The groups a group-limited token may carry, while its owner belongs to them; a deleted group drops out. */
    @ManyToMany
    @JoinTable(name = "api_token_groups", joinColumns = @JoinColumn(name = "token_id"), inverseJoinColumns = @JoinColumn(name = "group_id"))
    @OrderBy("name")
    public List<UserGroup> groups = new ArrayList<>();

    /** Written at most once per touch interval, like a session's idle clock; null until first used. */
    @Column(name = "last_used_at", insertable = false, updatable = false)
    public Instant lastUsedAt;

    public static List<ApiToken> listUnexpiredNewestFirst(UUID userId, Instant now) {
        return list("user.id = ?1 and expiresAt > ?2 order by createdAt desc, id", userId, now);
    }

    public static long countUnexpired(UUID userId, Instant now) {
        return count("user.id = ?1 and expiresAt > ?2", userId, now);
    }

    public static boolean nameTaken(UUID userId, String name) {
        return count("user.id = ?1 and name = ?2", userId, name) > 0;
    }

    /** Deletes the token only if it belongs to this user; returns the number of rows deleted. */
    public static long deleteOwned(UUID tokenId, UUID userId) {
        return delete("id = ?1 and user.id = ?2", tokenId, userId);
    }

    public static long deleteAllOfUser(UUID userId) {
        return delete("user.id = ?1", userId);
    }

    public static long deleteExpiredOfUser(UUID userId, Instant now) {
        return delete("user.id = ?1 and expiresAt <= ?2", userId, now);
    }
}
