package dev.sessionauth.user;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.account.Role;
import dev.sessionauth.account.User;
import dev.sessionauth.contract.InvalidRequestException;
import dev.sessionauth.security.AccessDeniedException;
import dev.sessionauth.security.Caller;
import dev.sessionauth.security.SessionSafetyEvents;

/** The "role" of PUT /api/v1/users/{id}: only administrators change it, and never the last administrator's. */
@ApplicationScoped
public class RoleChanges {

    private final SessionSafetyEvents events;

    public RoleChanges(SessionSafetyEvents events) {
        this.events = events;
    }

    /** The role the request names, if any; anything but "admin" or "user" is 400. */
    static Optional<Role> requested(UpdateUserRequest request) {
        if (request.role() == null) {
            return Optional.empty();
        }
        return switch (request.role()) {
            case "admin" -> Optional.of(Role.ADMIN);
            case "user" -> Optional.of(Role.USER);
            default -> throw new InvalidRequestException(UpdateUserRequest.CANNOT_UPDATE + "role must be admin or user");
        };
    }

    /** Whether the request would make someone a plain user: the last-administrator rule must be checked first. */
    static boolean demotes(UpdateUserRequest request) {
        return requested(request).filter(role -> role == Role.USER).isPresent();
    }

    /**
     * Applies the requested role to the (locked) user. A plain user may send back the role they read, but changing
     * it needs an administrator (403).
     */
    void apply(User user, UpdateUserRequest request, Caller caller) {
        Optional<Role> role = requested(request).filter(requested -> requested != user.role);
        if (role.isEmpty()) {
            return;
        }
        if (!caller.isAdmin()) {
            throw new AccessDeniedException();
        }
        user.role = role.get();
        events.roleChanged(caller.userId(), user.id, role.get().name().toLowerCase(Locale.ROOT), caller.clientAddress());
    }
}
