package dev.sessionauth.security;

import java.util.Optional;
import java.util.UUID;

import dev.sessionauth.account.Role;
import dev.sessionauth.account.UserResponse;

/**
 * The authenticated user of the current request, the kind of credential and the session it came with (if any),
 * where it came from, and the user's record as read while authenticating (what GET /users/me answers, without
 * another query).
 */
public record Caller(UUID userId, Role role, Credential credential, Optional<UUID> sessionId, String clientAddress,
        UserResponse profile) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Admins may act on anyone; a plain user only on their own record. */
    public boolean mayActOn(UUID otherUserId) {
        return isAdmin() || userId.equals(otherUserId);
    }
}
