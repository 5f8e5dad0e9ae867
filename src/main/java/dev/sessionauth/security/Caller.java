package dev.sessionauth.security;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import dev.sessionauth.account.Role;
import dev.sessionauth.account.UserResponse;
import dev.sessionauth.contract.ResourceNotFoundException;

/**
 * The authenticated user of the current request, the kind of credential and the session it came with (if any),
 * where it came from, and the user's record as read while authenticating (what GET /users/me answers, without
 * another query). It also answers what the caller may do: resources ask it instead of branching on the role. The
 * record's groups are those this credential carries, read with it; a read-only caller (an API token limited to
 * reading) may only use GET and HEAD.
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

    /** @throws AccessDeniedException unless the caller is an administrator */
    public void requireAdmin() {
        if (!isAdmin()) {
            throw new AccessDeniedException();
        }
    }

    /**
     * @throws AccessDeniedException when the caller signed in with an API token: only a caller who proved their
     *         password (session or Basic) may create tokens, so a leaked token cannot mint successors that outlive
     *         its revocation
     */
    public void requirePasswordProven() {
        if (credential == Credential.API_TOKEN) {
            throw new AccessDeniedException();
        }
    }

    /**
     * The user the caller asks to act on, when they may: an administrator anyone, a plain user only themselves. A
     * plain user asking for anyone else gets 403 whether or not that user exists, so ids cannot be probed; for an
     * administrator, a target that is no id (empty) cannot exist: 404.
     */
    public UUID requireMayActOn(Optional<UUID> target) {
        if (target.isPresent() && mayActOn(target.get())) {
            return target.get();
        }
        requireAdmin();
        throw new ResourceNotFoundException();
    }
}
