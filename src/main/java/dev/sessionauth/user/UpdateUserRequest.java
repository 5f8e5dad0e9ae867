package dev.sessionauth.user;

/**
 * Body of PUT /api/v1/users/{id}: the names, and (administrators only) whether the account is disabled and its role
 * ("admin" or "user"). An absent or null field is left as it is.
 */
public record UpdateUserRequest(String firstName, String lastName, Boolean disabled, String role) {
}
