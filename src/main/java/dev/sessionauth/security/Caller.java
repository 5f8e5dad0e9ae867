package dev.sessionauth.security;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import dev.sessionauth.account.Role;
import dev.sessionauth.account.UserResponse;

/**
 * The authenticated user of the current request, the kind of credential and the session it came with (if any),
 * where it came from, and the user's record as read while authenticating (what GET /users/me answers, without
 * another query). The record's groups are those this credential carries, read with it; a read-only caller (an API
 * token limited to reading) may only use GET and HEAD.
 */
public record Caller(UUID userId, Role role, Credential credential, Optional<UUID> sessionId, String clientAddress,
        UserResponse profile, boolean readOnly) {

    public Caller(UUID userId, Role role, Credential credential, Optional<UUID> sessionId, String clientAddress,
            UserResponse profile) {
        this(userId, role, credential, sessionId, clientAddress, profile, false);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Admins may act on anyone; a plain user only on their own record. */
    public boolean mayActOn(UUID otherUserId) {
        return isAdmin() || userId.equals(otherUserId);
    }

    /** Whether the caller belongs to at least one of these groups. */
    public boolean inAnyGroup(Collection<String> groupNames) {
        return groupNames.stream().anyMatch(profile.groups()::contains);
    }

    /** Whether this request's method is one a read-only caller may use (always true for others). */
    public boolean mayUseMethod(String method) {
        return !readOnly || "GET".equals(method) || "HEAD".equals(method);
    }
}
