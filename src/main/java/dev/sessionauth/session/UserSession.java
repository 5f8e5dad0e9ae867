package dev.sessionauth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

import dev.sessionauth.user.User;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

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

    public static List<UserSession> listByUserNewestFirst(UUID userId) {
        return list("user.id = ?1 order by createdAt desc, id", userId);
    }

    /** Deletes the session only if it belongs to this user; returns the number of rows deleted. */
    public static long deleteOwned(UUID sessionId, UUID userId) {
        return delete("id = ?1 and user.id = ?2", sessionId, userId);
    }

    /** Deletes every session of the user except {@code keep} (which may be null). */
    public static long deleteAllOfUserExcept(UUID userId, UUID keep) {
        return keep == null ? delete("user.id = ?1", userId) : delete("user.id = ?1 and id <> ?2", userId, keep);
    }

    /** Whether the session is still usable at {@code now}; a zero idle timeout disables the idle check. */
    public boolean isActiveAt(Instant now, Duration idleTimeout) {
        return isActive(expiresAt, lastSeenAt, now, idleTimeout);
    }

    /** The one definition of an active session: before its absolute expiry (if any) and not idle for too long. */
    public static boolean isActive(Instant expiresAt, Instant lastSeenAt, Instant now, Duration idleTimeout) {
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return false;
        }
        return idleTimeout.isZero() || now.isBefore(lastSeenAt.plus(idleTimeout));
    }
}
