package dev.sessionauth.user;

/**
 * Body of PUT /api/v1/users/{id}: the names, and (administrators only) whether the account is disabled. An absent
 * or null field is left as it is.
 */
public record UpdateUserRequest(
        @PersonName(field = "first_name", message = UpdateUserRequest.CANNOT_UPDATE) String firstName,
        @PersonName(field = "last_name", message = UpdateUserRequest.CANNOT_UPDATE) String lastName,
        Boolean disabled) {

    static final String CANNOT_UPDATE = "Can't update User: ";
}
