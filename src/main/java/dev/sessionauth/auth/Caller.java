package dev.sessionauth.auth;

import java.util.Optional;
import java.util.UUID;

import dev.sessionauth.user.Role;

/** The authenticated user of the current request, the session it came with (if any), and where it came from. */
public record Caller(UUID userId, Role role, Optional<UUID> sessionId, String clientAddress) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Admins may act on anyone; a plain user only on their own record. */
    public boolean mayActOn(UUID otherUserId) {
        return isAdmin() || userId.equals(otherUserId);
    }
}
