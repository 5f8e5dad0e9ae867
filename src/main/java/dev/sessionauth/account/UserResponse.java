package dev.sessionauth.account;

import java.util.List;
import java.util.Locale;

import dev.sessionauth.contract.ApiTimestamps;

/**
 * A user as the API shows it: never a password or a hash. Built only from a {@link UserRow}, the one mapping.
 * {@code groups} are the names of the user's groups, sorted.
 */
public record UserResponse(String id, String email, String firstName, String lastName, String role, boolean disabled,
        String createdAt, String updatedAt, List<String> groups) {

    public static UserResponse of(User user) {
        return of(UserRow.of(user));
    }

    public static UserResponse of(UserRow user) {
        return new UserResponse(user.id().toString(), user.email(), user.firstName(), user.lastName(),
                user.role().name().toLowerCase(Locale.ROOT), user.disabled(), ApiTimestamps.format(user.createdAt()),
                ApiTimestamps.format(user.updatedAt()), user.groups());
    }
}
