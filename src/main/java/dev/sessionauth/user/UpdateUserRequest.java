package dev.sessionauth.user;

/** Body of PUT /api/v1/users/{id}: only the names change; an absent or null name is left as it is. */
public record UpdateUserRequest(String firstName, String lastName) {
}
