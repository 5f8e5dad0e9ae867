package dev.sessionauth.user;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotNull;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A one-time password reset secret an administrator issued; only its SHA-256 is stored. */
@Entity
@Table(name = "password_reset_secrets")
public class PasswordResetSecret extends PanacheEntityBase {

    @Id
    public UUID id;

    @NotNull
    @Column(name = "user_id", updatable = false)
    public UUID userId;

    @NotNull
    @Column(name = "secret_hash", updatable = false)
    public byte[] secretHash;

    @NotNull
    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @NotNull
    @Column(name = "expires_at", updatable = false)
    public Instant expiresAt;

    /** Set once the secret has reset a password: it never works again. */
    @Column(name = "used")
    public boolean used;

    /** The secret with this hash, locked, so that of two uses at once the second sees it used. */
    static Optional<PasswordResetSecret> findByHashForUpdate(byte[] secretHash) {
        return find("secretHash", secretHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** A newer reset voids the older ones: only the latest secret of a user can work. */
    static long deleteAllOfUser(UUID userId) {
        return delete("userId", userId);
    }

    boolean isUsableAt(Instant now) {
        return !used && now.isBefore(expiresAt);
    }
}
