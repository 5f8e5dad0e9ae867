package dev.sessionauth.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.sessionauth.contract.ResourceNotFoundException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/**
 * A person who can sign in; the password is only ever held as a bcrypt hash. The columns are named in
 * {@link UserRow}, which explains why the table has two readers.
 */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    @Column(name = UserRow.ID)
    public UUID id;

    /** Always in its canonical form ({@link EmailAddress#canonical}). */
    @NotBlank
    @Size(max = 254)
    @Column(name = UserRow.EMAIL)
    public String email;

    @NotBlank
    @Column(name = "password_hash")
    public String passwordHash;

    @Size(max = 255)
    @Column(name = UserRow.FIRST_NAME)
    public String firstName;

    @Size(max = 255)
    @Column(name = UserRow.LAST_NAME)
    public String lastName;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = UserRow.ROLE)
    public Role role;

    /** When an administrator disabled the account; null for an active account. */
    @Column(name = UserRow.DISABLED_AT)
    public Instant disabledAt;

    @NotNull
    @Column(name = UserRow.CREATED_AT)
    public Instant createdAt;

    @NotNull
    @Column(name = UserRow.UPDATED_AT)
    public Instant updatedAt;

    /**
     * Finds the account of any spelling of the email: its canonical form is compared exactly with the stored one, so
     * neither the database's collation nor its locale plays a part.
     */
    public static Optional<User> findByEmail(String email) {
        String canonical = EmailAddress.canonical(email);
        if (canonical.indexOf('\0') >= 0) {
            // No stored email can contain NUL, and PostgreSQL rejects it as a parameter.
            return Optional.empty();
        }
        return find("email = ?1", canonical).firstResultOptional();
    }

    /** The user addressed by a request, which must exist: otherwise 404. */
    public static User findExisting(UUID id) {
        return User.<User> findByIdOptional(id).orElseThrow(ResourceNotFoundException::new);
    }

    /**
     * The same, its row locked (SELECT ... FOR NO KEY UPDATE) until the transaction ends: a concurrent delete either
     * waits for this change or makes it find nothing (404).
     */
    public static User lockExisting(UUID id) {
        return User.<User> findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).orElseThrow(ResourceNotFoundException::new);
    }

    /**
     * The enabled administrators, their rows locked until the transaction ends. Always locked in id order, so two
     * transactions that both take these locks wait for each other instead of deadlocking.
     */
    public static List<User> lockEnabledAdministrators() {
        return find("role = ?1 and disabledAt is null", Sort.by("id"), Role.ADMIN)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /**
     * Stores a new hash of the same password, unless the stored hash is no longer the one the password was verified
     * against (a password change won). Needs a transaction.
     *
     * @return whether the new hash was stored
     */
    public static boolean replacePasswordHash(UUID id, String verifiedHash, String newHash) {
        return update("passwordHash = ?1 where id = ?2 and passwordHash = ?3", newHash, id, verifiedHash) == 1;
    }

    public static List<User> listByCreation() {
        return listAll(Sort.by("createdAt").and("id"));
    }
}
