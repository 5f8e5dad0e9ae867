package dev.sessionauth.user;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import org.hibernate.exception.ConstraintViolationException;

import dev.sessionauth.account.EmailAddress;
import dev.sessionauth.account.Role;
import dev.sessionauth.account.User;
import dev.sessionauth.contract.ConflictException;
import dev.sessionauth.contract.InvalidRequestException;
import dev.sessionauth.contract.ResourceNotFoundException;
import dev.sessionauth.security.AccessDeniedException;
import dev.sessionauth.security.Caller;
import dev.sessionauth.security.CredentialVerifier;
import dev.sessionauth.security.LoginRejectedException;
import dev.sessionauth.security.PasswordHasher;
import dev.sessionauth.security.SecurityEvents;
import dev.sessionauth.session.UserSession;
import dev.sessionauth.token.ApiToken;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The rules for creating, reading, changing and deleting users. What a request's fields may hold is declared on the
 * request records and checked here, on entry (Bean Validation of the @Valid parameters).
 */
@ApplicationScoped
public class UserService {

    private static final String LAST_ADMINISTRATOR = "Can't remove the last administrator";

    private final PasswordHasher passwordHasher;
    private final CredentialVerifier credentialVerifier;
    private final SecurityEvents securityEvents;

    public UserService(PasswordHasher passwordHasher, CredentialVerifier credentialVerifier,
            SecurityEvents securityEvents) {
        this.passwordHasher = passwordHasher;
        this.credentialVerifier = credentialVerifier;
        this.securityEvents = securityEvents;
    }

    /** The user, or 404. */
    public User findExisting(UUID id) {
        return User.findExisting(id);
    }

    public List<User> listAll() {
        return User.listByCreation();
    }

    public long count() {
        return User.count();
    }

    /** @param actor who creates the user, or null for the start-up bootstrap */
    @Transactional
    public User create(@Valid CreateUserRequest request, Role role, Caller actor, Instant now) {
        String email = EmailAddress.canonical(request.email());
        if (User.findByEmail(email).isPresent()) {
            throw new InvalidRequestException(CreateUserRequest.CANNOT_CREATE + "email already registered");
        }
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = email;
        user.passwordHash = passwordHasher.hash(request.password());
        user.firstName = request.firstName();
        user.lastName = request.lastName();
        user.role = role;
        user.createdAt = now;
        user.updatedAt = now;
        insert(user);
        securityEvents.userCreated(actor == null ? null : actor.userId(), user.id, role.name().toLowerCase(Locale.ROOT),
                actor == null ? null : actor.clientAddress());
        return user;
    }

    private static void insert(User user) {
        try {
            user.persistAndFlush();
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                // Another request registered the same email between our check and our insert.
                throw new InvalidRequestException(CreateUserRequest.CANNOT_CREATE + "email already registered");
            }
            throw e;
        }
    }

    /**
     * Changes the names and, for administrators, the disabled flag. Disabling ends every session of the user in
     * the same transaction.
     */
    @Transactional
    public User update(UUID id, @Valid UpdateUserRequest request, Caller caller, Instant now) {
        boolean disabling = Boolean.TRUE.equals(request.disabled());
        if (disabling && caller.isAdmin() && caller.userId().equals(id)) {
            throw new InvalidRequestException(
                    UpdateUserRequest.CANNOT_UPDATE + "an administrator cannot disable their own account");
        }
        if (disabling && caller.isAdmin()) {
            // Before the user's row is locked below: the administrators' rows are always locked first.
            keepAnAdministratorBesides(id);
        }
        // Locked, so that a concurrent delete either waits for this change or makes it find nothing (404); without
        // the lock the change would fail at commit, on a row that is gone.
        User user = User.lockExisting(id);
        // A plain user may send back the user JSON they read; only a change of the flag needs an admin.
        if (request.disabled() != null && request.disabled() != (user.disabledAt != null) && !caller.isAdmin()) {
            throw new AccessDeniedException();
        }
        if (request.firstName() != null) {
            user.firstName = request.firstName();
        }
        if (request.lastName() != null) {
            user.lastName = request.lastName();
        }
        changeDisabled(user, request.disabled(), caller, now);
        user.updatedAt = now;
        return user;
    }

    private void changeDisabled(User user, Boolean disabled, Caller caller, Instant now) {
        if (Boolean.TRUE.equals(disabled) && user.disabledAt == null) {
            user.disabledAt = now;
            // Written (and the row locked) before the sessions go, so a login racing this one either sees
            // the account disabled or has its new session deleted here.
            User.flush();
            long revokedSessions = UserSession.deleteAllOfUserExcept(user.id, null);
            // Like sessions, tokens end for good: enabling the account again must not revive them.
            long revokedTokens = ApiToken.deleteAllOfUser(user.id);
            securityEvents.userDisabled(caller.userId(), user.id, revokedSessions, revokedTokens, caller.clientAddress());
        } else if (Boolean.FALSE.equals(disabled) && user.disabledAt != null) {
            user.disabledAt = null;
            securityEvents.userEnabled(caller.userId(), user.id, caller.clientAddress());
        }
    }

    /**
     * Replaces the caller's password after confirming the current one, and ends every other session of theirs in
     * the same transaction: whoever knew the old password is signed out.
     *
     * @return how many sessions were ended
     */
    public long changePassword(Caller caller, @Valid ChangePasswordRequest request, Instant now) {
        User user = User.<User> findByIdOptional(caller.userId()).orElseThrow(AccessDeniedException::new);
        CredentialVerifier.Verification verification = credentialVerifier.verify(user.email, request.currentPassword(),
                caller.clientAddress(), "password_change", now);
        if (verification.outcome() != CredentialVerifier.Outcome.VERIFIED) {
            throw new LoginRejectedException(LoginRejectedException.Reason.WRONG_PASSWORD);
        }
        String newHash = passwordHasher.hash(request.newPassword());
        long revoked = QuarkusTransaction.requiringNew().call(() -> {
            User.update("passwordHash = ?1, updatedAt = ?2 where id = ?3", newHash, now, caller.userId());
            return UserSession.deleteAllOfUserExcept(caller.userId(), caller.sessionId().orElse(null));
        });
        securityEvents.passwordChanged(caller.userId(), revoked, caller.clientAddress());
        return revoked;
    }

    /**
     * Deletes the user; their sessions go with them (ON DELETE CASCADE) in the same transaction. Of two deletes at
     * once, one deletes and the other finds nothing. The last enabled administrator is never deleted.
     */
    @Transactional
    public void delete(UUID id, Caller caller) {
        keepAnAdministratorBesides(id);
        // A bulk delete: deleteById loads the row, then fails at commit when a concurrent request deleted it.
        if (User.delete("id", id) == 0) {
            throw new ResourceNotFoundException();
        }
        securityEvents.userDeleted(caller.userId(), id, caller.clientAddress());
    }

    /**
     * Refuses (409) a change that would take user {@code id} away as an administrator, by deleting, disabling or
     * demoting them, when they are the last enabled one. Every enabled administrator's row stays locked until the
     * change commits, so of two administrators removing each other at once the second waits, then sees the first's
     * change and is refused. Call it before locking any other user row: the locks are taken in id order, always first,
     * so two such changes never deadlock.
     */
    private static void keepAnAdministratorBesides(UUID id) {
        List<User> administrators = User.lockEnabledAdministrators();
        if (administrators.size() == 1 && administrators.get(0).id.equals(id)) {
            throw new ConflictException(LAST_ADMINISTRATOR);
        }
    }
}
