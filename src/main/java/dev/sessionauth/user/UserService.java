package dev.sessionauth.user;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import dev.sessionauth.api.InvalidRequestException;
import dev.sessionauth.auth.PasswordHasher;

/** The rules for creating, reading, changing and deleting users. */
@ApplicationScoped
public class UserService {

    static final int MIN_PASSWORD_LENGTH = 8;
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final int MAX_NAME_LENGTH = 255;
    /** Deliberately loose: one @, something on each side, a dot in the domain, no spaces or control characters. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

    private final PasswordHasher passwordHasher;

    public UserService(PasswordHasher passwordHasher) {
        this.passwordHasher = passwordHasher;
    }

    public Optional<User> findById(UUID id) {
        return User.findByIdOptional(id);
    }

    public List<User> listAll() {
        return User.listByCreation();
    }

    public long count() {
        return User.count();
    }

    @Transactional
    public User create(CreateUserRequest request, Role role, Instant now) {
        if (request == null) {
            throw new InvalidRequestException(InvalidRequestException.WRONG_FORMAT);
        }
        if (request.email() == null || request.email().isEmpty()) {
            throw new InvalidRequestException("email missing");
        }
        if (request.password() == null || request.password().isEmpty()) {
            throw new InvalidRequestException("password missing");
        }
        String email = request.email().trim();
        checkCreatable(email, request);
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = email;
        user.passwordHash = passwordHasher.hash(request.password());
        user.firstName = request.firstName();
        user.lastName = request.lastName();
        user.role = role;
        user.createdAt = now;
        user.updatedAt = now;
        try {
            user.persistAndFlush();
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                // Another request registered the same email between our check and our insert.
                throw cannotCreate("email already registered");
            }
            throw e;
        }
        return user;
    }

    @Transactional
    public Optional<User> updateNames(UUID id, UpdateUserRequest request, Instant now) {
        if (request == null) {
            throw new InvalidRequestException(InvalidRequestException.WRONG_FORMAT);
        }
        checkName(request.firstName(), "first_name", "Can't update User: ");
        checkName(request.lastName(), "last_name", "Can't update User: ");
        Optional<User> found = User.findByIdOptional(id);
        found.ifPresent(user -> {
            if (request.firstName() != null) {
                user.firstName = request.firstName();
            }
            if (request.lastName() != null) {
                user.lastName = request.lastName();
            }
            user.updatedAt = now;
        });
        return found;
    }

    /** Deletes the user; their sessions go with them (ON DELETE CASCADE) in the same transaction. */
    @Transactional
    public boolean delete(UUID id) {
        return User.deleteById(id);
    }

    private void checkCreatable(String email, CreateUserRequest request) {
        if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
            throw cannotCreate("email is not a valid address");
        }
        if (request.password().codePointCount(0, request.password().length()) < MIN_PASSWORD_LENGTH) {
            throw cannotCreate("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (request.password().getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
            throw cannotCreate("password must have at most " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes");
        }
        checkName(request.firstName(), "first_name", "Can't create User: ");
        checkName(request.lastName(), "last_name", "Can't create User: ");
        if (User.findByEmail(email).isPresent()) {
            throw cannotCreate("email already registered");
        }
    }

    private static void checkName(String name, String field, String prefix) {
        if (name == null) {
            return;
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidRequestException(prefix + field + " is too long");
        }
        if (name.indexOf('\0') >= 0) {
            // PostgreSQL text cannot hold NUL; refuse it here instead of failing in the database.
            throw new InvalidRequestException(prefix + field + " contains a NUL character");
        }
    }

    private static InvalidRequestException cannotCreate(String reason) {
        return new InvalidRequestException("Can't create User: " + reason);
    }
}
