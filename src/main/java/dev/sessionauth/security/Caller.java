package dev.sessionauth.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.sessionauth.account.Role;
import dev.sessionauth.account.UserResponse;

/**
 * The authenticated user of the current request, the kind of credential and the session it came with (if any),
 * where it came from, the user's record as read while authenticating (what GET /users/me answers, without
 * another query), and when the password was last proven: now for Basic, at login or reauthentication for a session
 * (whose {@code fresh} is false once session protection saw it move), never for an API token (null).
 */
public record Caller(UUID userId, Role role, Credential credential, Optional<UUID> sessionId, String clientAddress,
        UserResponse profile, Instant authenticatedAt, boolean fresh) {

    /**
     * Whether the password was proven within {@code maxAge}, as sensitive actions require. API tokens keep their own
     * rules and are never asked to reauthenticate.
     */
    public boolean provedPasswordWithin(Duration maxAge, Instant now) {
        if (credential == Credential.API_TOKEN) {
            return true;
        }
        return fresh && authenticatedAt != null && authenticatedAt.isAfter(now.minus(maxAge));
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Admins may act on anyone; a plain user only on their own record. */
    public boolean mayActOn(UUID otherUserId) {
        return isAdmin() || userId.equals(otherUserId);
    }
}
