package dev.sessionauth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.sessionauth.account.User;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;

/** A server-side session; the database keeps only the SHA-256 of the cookie token. */
@Entity
@Table(name = "user_sessions")
public class UserSession extends PanacheEntityBase {

    /** Public identifier of the session; unrelated to the token. */
    @Id
    public UUID id;

    @NotNull
    @Column(name = "token_hash", updatable = false)
    public byte[] tokenHash;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", updatable = false)
    public User user;

    @NotNull
    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @NotNull
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    /** Absolute expiry, or null when sessions have no absolute lifetime. */
    @Column(name = "expires_at", updatable = false)
    public Instant expiresAt;

    @Size(max = 45)
    @Column(name = "client_ip", updatable = false)
    public String clientIp;

    @Size(max = 512)
    @Column(name = "user_agent", updatable = false)
    public String userAgent;

    /**
     * Up to {@code rows} of the user's sessions that are active at {@code now} ({@link #isActive} as a query), newest
     * first by creation time, then id; with a cursor, only those after it in that order.
     */
    static List<UserSession> listActiveNewestFirst(UUID userId, Instant now, Duration idleTimeout,
            Optional<SessionCursor> after, int rows) {
        StringBuilder query = new StringBuilder("user.id = :user and (expiresAt is null or expiresAt > :now)");
        Parameters parameters = Parameters.with("user", userId).and("now", now);
        if (!idleTimeout.isZero()) {
            query.append(" and lastSeenAt > :idleSince");
            parameters.and("idleSince", now.minus(idleTimeout));
        }
        if (after.isPresent()) {
            query.append(" and (createdAt < :afterCreatedAt or (createdAt = :afterCreatedAt and id > :afterId))");
            parameters.and("afterCreatedAt", after.get().createdAt()).and("afterId", after.get().id());
        }
        query.append(" order by createdAt desc, id");
        return find(query.toString(), parameters).range(0, rows - 1).list();
    }

    /** Deletes the user's sessions that are no longer active at {@code now}, as the purge would. */
    static long deleteInactiveOfUser(UUID userId, Instant now, Duration idleTimeout) {
        return idleTimeout.isZero() ? delete("user.id = ?1 and expiresAt <= ?2", userId, now)
                : delete("user.id = ?1 and (expiresAt <= ?2 or lastSeenAt <= ?3)", userId, now, now.minus(idleTimeout));
    }

    /**
     * Deletes all but the {@code keep} most recently used sessions of the user (by last_seen_at, then created_at and
     * id), in one statement.
     *
     * @return the ids of the sessions deleted
     */
    static List<UUID> deleteAllButMostRecentlyUsed(UUID userId, int keep) {
        return getEntityManager().createNativeQuery("""
                DELETE FROM user_sessions WHERE id IN (
                    SELECT id FROM user_sessions WHERE user_id = ?1
                    ORDER BY last_seen_at DESC, created_at DESC, id DESC OFFSET ?2)
                RETURNING id""", UUID.class)
                .setParameter(1, userId)
                .setParameter(2, keep)
                .getResultStream()
                .map(UUID.class::cast)
                .toList();
    }

    /** Deletes the session only if it belongs to this user; returns the number of rows deleted. */
    public static long deleteOwned(UUID sessionId, UUID userId) {
        return delete("id = ?1 and user.id = ?2", sessionId, userId);
    }

    /** Deletes every session of the user except {@code keep} (which may be null). */
    public static long deleteAllOfUserExcept(UUID userId, UUID keep) {
        return keep == null ? delete("user.id = ?1", userId) : delete("user.id = ?1 and id <> ?2", userId, keep);
    }

    /** The one definition of an active session: before its absolute expiry (if any) and not idle for too long. */
    public static boolean isActive(Instant expiresAt, Instant lastSeenAt, Instant now, Duration idleTimeout) {
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return false;
        }
        return idleTimeout.isZero() || now.isBefore(lastSeenAt.plus(idleTimeout));
    }
}
